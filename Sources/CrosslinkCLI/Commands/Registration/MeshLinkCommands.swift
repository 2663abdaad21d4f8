import ArgumentParser
import CrosslinkCore

struct MeshLinkCommands: ParsableCommand, KeyedEntityGroup, PairGroup {
    typealias Key = PairKey<Self>
    static let end = "cluster"
    static let endKind = EntityKind.cluster
    static let configuration = CommandConfiguration(
        commandName: "mesh-link", abstract: "Register endpoint discovery between two mesh members.",
        subcommands: [MeshLinkAdd.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.meshLink
    static let columns = ["between"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try pair(arguments, wrap: EntityReference.meshLink) }
}

struct MeshLinkAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Link two mesh members.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One cluster.", completion: Completions.stored(.cluster)) var first: String
    @Argument(help: "The other cluster.", completion: Completions.stored(.cluster)) var second: String

    func run() throws {
        let reference = try MeshLinkCommands.reference([first, second])
        guard case .meshLink(let pair) = reference else { return }
        report(reference, try Registration.add(.meshLink(MeshLink(clusters: pair)), store: global.openStore()))
    }
}
