import ArgumentParser
import CrosslinkCore

struct IngressSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change fields of an ingress.",
        discussion: SetSupport.discussion + " A port left at its default (443 with TLS, else 80) follows --tls/--no-tls.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service exposed: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service))
    var service: String
    @Option(help: "The ingress's host (its key, so not changed); needed when the service has several ingresses.") var host: String?
    @Option(help: "Port.") var port: Int?
    @Flag(inversion: .prefixedNo, help: "Serve HTTPS, or plain HTTP.") var tls: Bool?
    @Option(help: "public | internal.", completion: Completions.values(IngressVisibility.self)) var visibility: String?
    @Option(help: ArgumentHelp("The ingress's address ('' for none).", valueName: "ip")) var address: String?
    @Option(help: "Ingress class, e.g. nginx ('' for none).") var className: String?
    @Option(help: ArgumentHelp("The backend port: a port number or name of the service ('' for its first port).", valueName: "port"))
    var servicePort: String?

    func validate() throws { try SetSupport.requireSomeField([port, tls, visibility, address, className, servicePort]) }

    func run() throws {
        let seed = EntityReference.service(try ServiceID.parse(service, field: "service"))
        try SetSupport.run(resolving: { try IngressCommands.resolve(service, host: host, in: $0) }, seed: seed, global: global) { entity, _ in
            guard case .ingress(var ingress) = entity else { return entity }
            if let tls, tls != ingress.tls {
                // A default port follows the scheme it was the default for.
                if port == nil && ingress.port == (ingress.tls ? 443 : 80) { ingress.port = tls ? 443 : 80 }
                ingress.tls = tls
            }
            if let port {
                try checkPort(port, field: "--port")
                ingress.port = port
            }
            try SetSupport.update(&ingress.visibility, with: visibility) { try IngressVisibility.parse($0, field: "--visibility") }
            try SetSupport.update(&ingress.address, clearingWith: address) { try IPv4Address.parse($0, field: "--address") }
            try SetSupport.update(&ingress.className, clearingWith: className) { $0 }
            try SetSupport.update(&ingress.servicePort, clearingWith: servicePort) { try IngressBackendPort.parse($0, field: "--service-port") }
            return .ingress(ingress)
        }
    }
}
