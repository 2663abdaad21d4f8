import ArgumentParser
import CrosslinkCore

/// What the shared `list`, `show` and `remove` verbs need to know about one entity kind.
protocol EntityGroup {
    static var kind: EntityKind { get }
    /// Table columns for `list`, named after the topology file's fields.
    static var columns: [String] { get }
    /// Parses the key's positional arguments.
    static func reference(_ arguments: [String]) throws -> EntityReference
}

/// A kind whose objects the shared `show` and `remove` name by positional arguments.
protocol KeyedEntityGroup: EntityGroup {
    /// The key's arguments, declared one by one so the usage line shows how many (`<name>`, `<first> <second>`).
    associatedtype Key: EntityKey
}

extension EntityGroup {
    static var plural: String { kind == .ingress ? "ingresses" : "\(kind.rawValue)s" }

    static func name(_ arguments: [String], rule: NameRule = .dns1123Label, wrap: (String) -> EntityReference) throws -> EntityReference {
        guard arguments.count == 1 else { throw CrosslinkError(.invalidValue, "expected one \(kind.rawValue) name, got \(arguments.count) arguments") }
        try rule.check(arguments[0], field: "\(kind.rawValue) name")
        return wrap(arguments[0])
    }

    static func pair(_ arguments: [String], wrap: (UnorderedPair) -> EntityReference) throws -> EntityReference {
        guard arguments.count == 2 else { throw CrosslinkError(.invalidValue, "expected two names for a \(kind.rawValue), got \(arguments.count)") }
        for name in arguments { try NameRule.dns1123Label.check(name, field: "\(kind.rawValue) end") }
        return wrap(UnorderedPair(arguments[0], arguments[1]))
    }

    static func serviceKey(_ arguments: [String], wrap: (ServiceID) -> EntityReference) throws -> EntityReference {
        guard arguments.count == 1 else { throw CrosslinkError(.invalidValue, "expected one cluster/namespace/service, got \(arguments.count) arguments") }
        return wrap(try ServiceID.parse(arguments[0], field: "service"))
    }
}

/// `crosslink <kind> list`.
struct ListEntities<Group: EntityGroup>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List every \(Group.kind.rawValue).")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // Printed as read from SQLite: the first row at once, memory flat whatever the estate's size.
        try global.openStoreForReading().withEntities(of: Group.kind) { entities in
            try emitRows(
                { each in try entities.forEach { try each($0.structuredValue) } }, as: output.output, value: { $0 },
                table: EntityList.layout(columns: Group.columns))
        }
    }
}

/// `crosslink <kind> show KEY`.
struct ShowEntity<Group: KeyedEntityGroup>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: "Show one \(Group.kind.rawValue).")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var key: Group.Key

    func run() throws {
        let entity = try Registration.show(try key.reference(), store: global.openStoreForReading())
        emit(try render(EntityDetail(structuredValue: entity.structuredValue), as: output.output))
    }
}

/// `crosslink <kind> remove KEY [--cascade]`.
struct RemoveEntity<Group: KeyedEntityGroup>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "remove", abstract: "Remove one \(Group.kind.rawValue).",
            // Nothing references an import, so talk of referrers would only confuse.
            discussion: Group.kind == .import
                ? "Nothing references an import, so it is always removed; its routes go at the next reconcile."
                : "Refused while other objects reference it, unless --cascade removes them too.")
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var key: Group.Key
    @Flag(help: "Also remove everything that references it.")
    var cascade = false

    func run() throws {
        let removed = try Registration.remove(try key.reference(), cascade: cascade, store: global.openStore())
        for reference in removed { emit("\(reference) removed\n") }
    }
}

/// Reports what `add` did.
func report(_ reference: EntityReference, _ outcome: Topology.AddOutcome) {
    emit("\(reference) \(outcome.rawValue)\n")
}
