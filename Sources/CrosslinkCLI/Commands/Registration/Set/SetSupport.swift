import ArgumentParser
import CrosslinkCore

/// What every `<kind> set` shares: reading optional flags, refusing an empty change, reporting.
enum SetSupport {
    /// The help line every `set` shows.
    static let discussion = """
        Changes only the fields given, in one transaction, with the same checks as apply. An empty value \
        (--field '') clears an optional field; a repeated flag replaces the whole list.
        """

    /// Refuses a `set` that names no field (a usage mistake).
    static func requireSomeField(_ values: [Any?]) throws {
        if values.allSatisfy({ $0 == nil }) { throw ValidationError("Give at least one field to change.") }
    }

    /// Replaces `field` with the parsed flag when the flag was given.
    static func update<T>(_ field: inout T, with text: String?, _ parse: (String) throws -> T) throws {
        guard let text else { return }
        field = try parse(text)
    }

    /// Replaces an optional `field` with the parsed flag when given; an empty flag clears it.
    static func update<T>(_ field: inout T?, clearingWith text: String?, _ parse: (String) throws -> T) throws {
        guard let text else { return }
        field = text.isEmpty ? nil : try parse(text)
    }

    /// Runs the change and prints `<kind> <key> updated: field: before -> after; …` or `… unchanged`.
    static func run(_ reference: EntityReference, global: GlobalOptions, _ change: (Entity, Topology) throws -> Entity) throws {
        try run(resolving: { _ in reference }, seed: reference, global: global, change)
    }

    /// The same for an object whose key is resolved against the estate (an ingress named by its service,
    /// the `seed` the resolution reads).
    static func run(
        resolving resolve: (Topology) throws -> EntityReference, seed: EntityReference, global: GlobalOptions, _ change: (Entity, Topology) throws -> Entity
    ) throws {
        let (reference, changes) = try Registration.set(resolve, seed: seed, store: global.openStore(), change)
        if changes.isEmpty {
            emit("\(reference) unchanged\n")
        } else {
            emit("\(reference) updated: \(changes.map(\.text).joined(separator: "; "))\n")
        }
    }
}
