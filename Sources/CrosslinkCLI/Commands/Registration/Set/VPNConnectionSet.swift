import ArgumentParser
import CrosslinkCore

struct VPNConnectionSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change fields of a VPN connection.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One gateway.", completion: Completions.stored(.vpnGateway)) var first: String
    @Argument(help: "The other gateway.", completion: Completions.stored(.vpnGateway)) var second: String
    @Option(help: "connected | connecting | notconnected.", completion: Completions.values(VPNConnectionState.self)) var state: String?
    @Flag(inversion: .prefixedNo, help: "Exchange routes with BGP, or not.") var bgp: Bool?

    func validate() throws { try SetSupport.requireSomeField([state, bgp]) }

    func run() throws {
        try SetSupport.run(try VPNConnectionCommands.reference([first, second]), global: global) { entity, _ in
            guard case .vpnConnection(var connection) = entity else { return entity }
            try SetSupport.update(&connection.state, with: state) { try VPNConnectionState.parse($0, field: "--state") }
            if let bgp { connection.bgp = bgp }
            return .vpnConnection(connection)
        }
    }
}
