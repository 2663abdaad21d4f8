import ArgumentParser
import CrosslinkCore

struct ServiceSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change fields of a service (its exposure, ports, load balancer) without touching its imports.",
        discussion: SetSupport.discussion + " --exposure cluster-ip also drops the load-balancer IP.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service: cluster/namespace/name.", valueName: "service"), completion: Completions.stored(.service)) var service: String
    @Option(help: ArgumentHelp("A port (repeat; replaces the list): [NAME=]PORT[:TARGETPORT][/PROTOCOL][@APPPROTOCOL].", valueName: "port"))
    var ports: [String] = []
    @Option(help: "cluster-ip | internal-lb | public-lb.", completion: Completions.values(ServiceExposure.self)) var exposure: String?
    @Option(help: ArgumentHelp("Load-balancer address ('' for none).", valueName: "ip")) var loadBalancerIp: String?

    func validate() throws { try SetSupport.requireSomeField([ports.first, exposure, loadBalancerIp]) }

    func run() throws {
        try SetSupport.run(try ServiceCommands.reference([service]), global: global) { entity, _ in
            guard case .service(var value) = entity else { return entity }
            if !ports.isEmpty { value.ports = try ports.map(ServicePort.parse) }
            try SetSupport.update(&value.exposure, with: exposure) { try ServiceExposure.parse($0, field: "--exposure") }
            if value.exposure == .clusterIP && loadBalancerIp == nil { value.loadBalancerIP = nil }
            try SetSupport.update(&value.loadBalancerIP, clearingWith: loadBalancerIp) { try IPv4Address.parse($0, field: "--load-balancer-ip") }
            return .service(value)
        }
    }
}
