import ArgumentParser
import CrosslinkCore

struct TunnelSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a tunnel.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "One cluster.", completion: Completions.stored(.cluster)) var first: String
    @Argument(help: "The other cluster.", completion: Completions.stored(.cluster)) var second: String
    @Option(help: "libreswan | wireguard | vxlan.", completion: Completions.values(CableDriver.self)) var cableDriver: String?
    @Option(help: "public | private.", completion: Completions.values(TunnelEndpoint.self)) var endpoint: String?
    @Option(help: "connected | connecting | error.", completion: Completions.values(TunnelState.self)) var state: String?

    func validate() throws { try SetSupport.requireSomeField([cableDriver, endpoint, state]) }

    func run() throws {
        try SetSupport.run(try TunnelCommands.reference([first, second]), global: global) { entity, _ in
            guard case .tunnel(var tunnel) = entity else { return entity }
            try SetSupport.update(&tunnel.cableDriver, with: cableDriver) { try CableDriver.parse($0, field: "--cable-driver") }
            try SetSupport.update(&tunnel.endpoint, with: endpoint) { try TunnelEndpoint.parse($0, field: "--endpoint") }
            try SetSupport.update(&tunnel.state, with: state) { try TunnelState.parse($0, field: "--state") }
            return .tunnel(tunnel)
        }
    }
}
