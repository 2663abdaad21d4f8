import ArgumentParser
import CrosslinkCore

struct VPNGatewayCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "vpn-gateway", abstract: "Register VPN gateways (one per VNet).",
        subcommands: [VPNGatewayAdd.self, VPNGatewaySet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.vpnGateway
    static let columns = ["name", "vnet", "publicIP", "bgpASN", "subnet"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.vpnGateway) }
}

struct VPNGatewayAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a VPN gateway.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Gateway name (DNS-1123 label).") var name: String
    @Option(help: "The VNet the gateway serves.", completion: Completions.stored(.vnet)) var vnet: String
    @Option(help: ArgumentHelp("The gateway's public address.", valueName: "ip")) var publicIp: String?
    @Option(help: ArgumentHelp("BGP autonomous system number; leave out for static routes.", valueName: "asn")) var bgpAsn: UInt32?
    @Option(help: ArgumentHelp("Its GatewaySubnet: VPN traffic continues from there with that subnet's route table.", valueName: "cidr"))
    var subnet: String?

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "vpn-gateway name")
        try NameRule.dns1123Label.check(vnet, field: "--vnet")
        let gateway = VPNGateway(
            name: name, vnet: vnet, publicIP: try publicIp.map { try IPv4Address.parse($0, field: "--public-ip") }, bgpASN: bgpAsn,
            subnet: try subnet.map { try CIDR.parse($0, field: "--subnet") })
        report(.vpnGateway(name), try Registration.add(.vpnGateway(gateway), store: global.openStore()))
    }
}
