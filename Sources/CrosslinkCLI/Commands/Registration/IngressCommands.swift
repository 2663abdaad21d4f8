import ArgumentParser
import CrosslinkCore
import CrosslinkStore

struct IngressCommands: ParsableCommand, EntityGroup {
    static let configuration = CommandConfiguration(
        commandName: "ingress", abstract: "Register ingress or API-gateway exposures of services.",
        subcommands: [IngressAdd.self, IngressSet.self, ListEntities<Self>.self, IngressShow.self, IngressRemove.self])
    static let kind = EntityKind.ingress
    static let columns = ["cluster", "service", "host", "port", "tls", "visibility", "address", "className", "servicePort"]
    static func reference(_ arguments: [String]) throws -> EntityReference {
        throw CrosslinkError(.invalidValue, "an ingress is named by its service and host")
    }

    /// The ingress of `service` with `host`, or its only ingress when no host is given (spec §7.8:
    /// `--host` is needed only when the service has several).
    static func resolve(_ service: String, host: String?, in topology: Topology) throws -> EntityReference {
        let id = try ServiceID.parse(service, field: "service")
        if let host {
            try checkHostName(host, field: "--host")
            return .ingress(IngressID(service: id, host: host))
        }
        let ingresses = topology.ingresses(of: id)
        switch ingresses.count {
        case 0: throw CrosslinkError(.notFound, "no ingress exposes \(id)")
        case 1: return .ingress(ingresses[0].id)
        default:
            let hosts = ingresses.map(\.host).joined(separator: ", ")
            throw CrosslinkError(.invalidValue, "\(id) has \(ingresses.count) ingresses (\(hosts)): name one with --host")
        }
    }
}

struct IngressAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Expose a service through an ingress.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service exposed: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service))
    var service: String
    @Option(help: "Host name clients use.") var host: String
    @Option(help: "Port (default 443 with TLS, else 80).") var port: Int?
    @Flag(inversion: .prefixedNo, help: "Serve HTTPS (default) or plain HTTP.") var tls = true
    @Option(help: "public | internal.", completion: Completions.values(IngressVisibility.self)) var visibility: String = "public"
    @Option(help: ArgumentHelp("The ingress's address.", valueName: "ip")) var address: String?
    @Option(help: "Ingress class, e.g. nginx or webapprouting.kubernetes.azure.com.") var className: String?
    @Option(help: ArgumentHelp("The backend port: a port number or port name of the service (default its first port).", valueName: "port"))
    var servicePort: String?

    func run() throws {
        let id = try ServiceID.parse(service, field: "service")
        try checkHostName(host, field: "--host")
        if let port { try checkPort(port, field: "--port") }
        let ingress = Ingress(
            service: id, host: host, port: port, tls: tls,
            visibility: try IngressVisibility.parse(visibility, field: "--visibility"),
            address: try address.map { try IPv4Address.parse($0, field: "--address") }, className: className,
            servicePort: try servicePort.map { try IngressBackendPort.parse($0, field: "--service-port") })
        report(.ingress(ingress.id), try Registration.add(.ingress(ingress), store: global.openStore()))
    }
}

struct IngressShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one ingress.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The service exposed: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service))
    var service: String
    @Option(help: "The ingress's host; needed when the service has several ingresses.") var host: String?

    func run() throws {
        let store = try global.openStoreForReading()
        // The service's ingresses, not the whole estate.
        let seed = EntityReference.service(try ServiceID.parse(service, field: "service"))
        let reference = try IngressCommands.resolve(service, host: host, in: try store.loadTopology(touching: seed))
        emit(try render(EntityDetail(structuredValue: try Registration.show(reference, store: store).structuredValue), as: output.output))
    }
}

struct IngressRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove one ingress.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service exposed: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service))
    var service: String
    @Option(help: "The ingress's host; needed when the service has several ingresses.") var host: String?
    @Flag(help: "Also remove everything that references it (nothing references an ingress).") var cascade = false

    func run() throws {
        let seed = EntityReference.service(try ServiceID.parse(service, field: "service"))
        let (removed, _) = try global.openStore().update(touching: [seed]) { topology in
            try topology.removing(try IngressCommands.resolve(service, host: host, in: topology), cascade: cascade)
        }
        for reference in removed { emit("\(reference) removed\n") }
    }
}
