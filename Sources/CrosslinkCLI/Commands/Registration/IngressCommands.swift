import ArgumentParser
import CrosslinkCore

struct IngressCommands: ParsableCommand, EntityGroup {
    static let configuration = CommandConfiguration(
        commandName: "ingress", abstract: "Register ingress or API-gateway exposures of services.",
        subcommands: [IngressAdd.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.ingress
    static let keyUsage = "CLUSTER/NAMESPACE/SERVICE"
    static let columns = ["cluster", "service", "host", "port", "tls", "visibility", "address", "className"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try serviceKey(arguments, wrap: EntityReference.ingress) }
}

struct IngressAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Expose a service through an ingress.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service exposed: cluster/namespace/service.", valueName: "service")) var service: String
    @Option(help: "Host name clients use.") var host: String
    @Option(help: "Port (default 443 with TLS, else 80).") var port: Int?
    @Flag(inversion: .prefixedNo, help: "Serve HTTPS (default) or plain HTTP.") var tls = true
    @Option(help: "public | internal.") var visibility: String = "public"
    @Option(help: ArgumentHelp("The ingress's address.", valueName: "ip")) var address: String?
    @Option(help: "Ingress class, e.g. nginx.") var className: String?

    func run() throws {
        let id = try ServiceID.parse(service, field: "service")
        try checkHostName(host, field: "--host")
        if let port { try checkPort(port, field: "--port") }
        let ingress = Ingress(
            service: id, host: host, port: port, tls: tls,
            visibility: try IngressVisibility.parse(visibility, field: "--visibility"),
            address: try address.map { try IPv4Address.parse($0, field: "--address") }, className: className)
        report(.ingress(id), try Registration.add(.ingress(ingress), store: global.openStore()))
    }
}
