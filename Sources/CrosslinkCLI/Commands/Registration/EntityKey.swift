import ArgumentParser
import CrosslinkCore

/// The positional arguments that name one object for `show` and `remove`.
protocol EntityKey: ParsableArguments {
    func reference() throws -> EntityReference
}

/// One name: `crosslink vnet remove <name>`.
struct NameKey<Group: EntityGroup>: EntityKey {
    @Argument(help: ArgumentHelp("The \(Group.kind.rawValue)'s name.", valueName: "name"), completion: Completions.stored(Group.kind)) var name: String

    func reference() throws -> EntityReference { try Group.reference([name]) }
}

/// A kind keyed by two objects of another kind, in either order (a peering by its two VNets).
protocol PairGroup: EntityGroup {
    /// What each end is, for help: "VNet", "cluster", "gateway".
    static var end: String { get }
    /// The kind of each end, for completion.
    static var endKind: EntityKind { get }
}

/// Two names: `crosslink peering remove <first> <second>`.
struct PairKey<Group: PairGroup>: EntityKey {
    @Argument(help: "One \(Group.end).", completion: Completions.stored(Group.endKind)) var first: String
    @Argument(help: "The other \(Group.end).", completion: Completions.stored(Group.endKind)) var second: String

    func reference() throws -> EntityReference { try Group.reference([first, second]) }
}

/// A service: `crosslink service remove <service>`.
struct ServiceKey<Group: EntityGroup>: EntityKey {
    @Argument(help: ArgumentHelp("The service: cluster/namespace/name.", valueName: "service"), completion: Completions.stored(.service))
    var service: String

    func reference() throws -> EntityReference { try Group.reference([service]) }
}

/// An import: `crosslink import remove <consumer> <service>`.
struct ImportKey: EntityKey {
    @Argument(help: ArgumentHelp("Who consumes: cluster or cluster/namespace.", valueName: "consumer"), completion: Completions.stored(.cluster))
    var consumer: String
    @Argument(help: ArgumentHelp("The service: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service))
    var service: String

    func reference() throws -> EntityReference { try ImportCommands.reference([consumer, service]) }
}
