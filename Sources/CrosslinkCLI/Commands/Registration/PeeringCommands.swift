import ArgumentParser
import CrosslinkCore

struct PeeringCommands: ParsableCommand, KeyedEntityGroup, PairGroup {
    typealias Key = PairKey<Self>
    static let end = "VNet"
    static let endKind = EntityKind.vnet
    static let configuration = CommandConfiguration(
        commandName: "peering", abstract: "Register VNet peerings.",
        subcommands: [PeeringAdd.self, PeeringSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.peering
    static let columns = ["between", "state", "gatewayTransit", "allowForwardedTraffic"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try pair(arguments, wrap: EntityReference.peering) }
}

struct PeeringAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Peer two VNets.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One VNet.", completion: Completions.stored(.vnet)) var first: String
    @Argument(help: "The other VNet.", completion: Completions.stored(.vnet)) var second: String
    @Option(help: "connected | initiated | disconnected.", completion: Completions.values(PeeringState.self)) var state: String = "connected"
    @Option(help: ArgumentHelp("The VNet whose VPN gateway the other side uses.", valueName: "vnet"), completion: Completions.stored(.vnet)) var gatewayTransit:
        String?
    @Flag(help: "Let traffic that a firewall forwards enter over this peering.") var allowForwardedTraffic = false

    func run() throws {
        let reference = try PeeringCommands.reference([first, second])
        guard case .peering(let pair) = reference else { return }
        if let gatewayTransit { try NameRule.dns1123Label.check(gatewayTransit, field: "--gateway-transit") }
        let peering = Peering(
            vnets: pair, state: try PeeringState.parse(state, field: "--state"), gatewayTransit: gatewayTransit,
            allowForwardedTraffic: allowForwardedTraffic)
        report(reference, try Registration.add(.peering(peering), store: global.openStore()))
    }
}
