import ArgumentParser
import CrosslinkCore

struct PeeringSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a peering.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One VNet.", completion: Completions.stored(.vnet)) var first: String
    @Argument(help: "The other VNet.", completion: Completions.stored(.vnet)) var second: String
    @Option(help: "connected | initiated | disconnected.", completion: Completions.values(PeeringState.self)) var state: String?
    @Option(help: ArgumentHelp("The VNet whose VPN gateway the other side uses ('' for none).", valueName: "vnet"), completion: Completions.stored(.vnet))
    var gatewayTransit: String?
    @Option(help: ArgumentHelp("true lets traffic a firewall forwards enter over this peering.", valueName: "bool")) var allowForwardedTraffic: Bool?

    func validate() throws { try SetSupport.requireSomeField([state, gatewayTransit, allowForwardedTraffic]) }

    func run() throws {
        try SetSupport.run(try PeeringCommands.reference([first, second]), global: global) { entity, _ in
            guard case .peering(var peering) = entity else { return entity }
            try SetSupport.update(&peering.state, with: state) { try PeeringState.parse($0, field: "--state") }
            try SetSupport.update(&peering.gatewayTransit, clearingWith: gatewayTransit) { name in
                try NameRule.dns1123Label.check(name, field: "--gateway-transit")
                return name
            }
            if let allowForwardedTraffic { peering.allowForwardedTraffic = allowForwardedTraffic }
            return .peering(peering)
        }
    }
}
