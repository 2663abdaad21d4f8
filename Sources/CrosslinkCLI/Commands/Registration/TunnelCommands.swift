import ArgumentParser
import CrosslinkCore

struct TunnelCommands: ParsableCommand, KeyedEntityGroup, PairGroup {
    typealias Key = PairKey<Self>
    static let end = "cluster"
    static let endKind = EntityKind.cluster
    static let configuration = CommandConfiguration(
        commandName: "tunnel", abstract: "Register Submariner-style tunnels between clusters.",
        subcommands: [TunnelAdd.self, TunnelSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.tunnel
    static let columns = ["between", "cableDriver", "endpoint", "state"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try pair(arguments, wrap: EntityReference.tunnel) }
}

struct TunnelAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Join two clusters with a tunnel.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One cluster.", completion: Completions.stored(.cluster)) var first: String
    @Argument(help: "The other cluster.", completion: Completions.stored(.cluster)) var second: String
    @Option(help: "libreswan | wireguard | vxlan.", completion: Completions.values(CableDriver.self)) var cableDriver: String = "libreswan"
    @Option(help: "public | private.", completion: Completions.values(TunnelEndpoint.self)) var endpoint: String = "public"
    @Option(help: "connected | connecting | error.", completion: Completions.values(TunnelState.self)) var state: String = "connected"

    func run() throws {
        let reference = try TunnelCommands.reference([first, second])
        guard case .tunnel(let pair) = reference else { return }
        let tunnel = Tunnel(
            clusters: pair, cableDriver: try CableDriver.parse(cableDriver, field: "--cable-driver"),
            endpoint: try TunnelEndpoint.parse(endpoint, field: "--endpoint"),
            state: try TunnelState.parse(state, field: "--state"))
        report(reference, try Registration.add(.tunnel(tunnel), store: global.openStore()))
    }
}
