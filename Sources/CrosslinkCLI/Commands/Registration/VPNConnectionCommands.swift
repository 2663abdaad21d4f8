import ArgumentParser
import CrosslinkCore

struct VPNConnectionCommands: ParsableCommand, KeyedEntityGroup, PairGroup {
    typealias Key = PairKey<Self>
    static let end = "gateway"
    static let endKind = EntityKind.vpnGateway
    static let configuration = CommandConfiguration(
        commandName: "vpn-connection", abstract: "Register VPN connections between gateways.",
        subcommands: [VPNConnectionAdd.self, VPNConnectionSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.vpnConnection
    static let columns = ["between", "state", "bgp"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try pair(arguments, wrap: EntityReference.vpnConnection) }
}

struct VPNConnectionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Connect two VPN gateways.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One gateway.", completion: Completions.stored(.vpnGateway)) var first: String
    @Argument(help: "The other gateway.", completion: Completions.stored(.vpnGateway)) var second: String
    @Option(help: "connected | connecting | notconnected.", completion: Completions.values(VPNConnectionState.self)) var state: String = "connected"
    @Flag(help: "Exchange routes with BGP (makes chains of connections transitive).") var bgp = false

    func run() throws {
        let reference = try VPNConnectionCommands.reference([first, second])
        guard case .vpnConnection(let pair) = reference else { return }
        let connection = VPNConnection(gateways: pair, state: try VPNConnectionState.parse(state, field: "--state"), bgp: bgp)
        report(reference, try Registration.add(.vpnConnection(connection), store: global.openStore()))
    }
}
