import ArgumentParser
import CrosslinkCore

struct VPNGatewaySet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a VPN gateway.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Gateway name.", completion: Completions.stored(.vpnGateway)) var name: String
    @Option(help: "The VNet the gateway serves.", completion: Completions.stored(.vnet)) var vnet: String?
    @Option(help: ArgumentHelp("The gateway's public address ('' for none).", valueName: "ip")) var publicIp: String?
    @Option(help: ArgumentHelp("BGP autonomous system number ('' for static routes).", valueName: "asn")) var bgpAsn: String?
    @Option(help: ArgumentHelp("Its GatewaySubnet ('' for none).", valueName: "cidr")) var subnet: String?

    func validate() throws { try SetSupport.requireSomeField([vnet, publicIp, bgpAsn, subnet]) }

    func run() throws {
        try SetSupport.run(try VPNGatewayCommands.reference([name]), global: global) { entity, _ in
            guard case .vpnGateway(var gateway) = entity else { return entity }
            try SetSupport.update(&gateway.vnet, with: vnet) { name in
                try NameRule.dns1123Label.check(name, field: "--vnet")
                return name
            }
            try SetSupport.update(&gateway.publicIP, clearingWith: publicIp) { try IPv4Address.parse($0, field: "--public-ip") }
            try SetSupport.update(&gateway.bgpASN, clearingWith: bgpAsn) { text in
                guard let asn = UInt32(text), asn > 0 else {
                    throw CrosslinkError(.invalidValue, "--bgp-asn \(text.quotedExcerpt) is not a number from 1 to 4294967295")
                }
                return asn
            }
            try SetSupport.update(&gateway.subnet, clearingWith: subnet) { try CIDR.parse($0, field: "--subnet") }
            return .vpnGateway(gateway)
        }
    }
}
