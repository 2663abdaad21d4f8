import ArgumentParser
import CrosslinkCore

struct ServiceCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = ServiceKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "Register services of clusters.",
        subcommands: [ServiceAdd.self, ServiceSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.service
    static let columns = ["cluster", "namespace", "name", "ports", "exposure", "loadBalancerIP"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try serviceKey(arguments, wrap: EntityReference.service) }
}

struct ServiceAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a service.",
        discussion: "Ports are written [NAME=]PORT[:TARGETPORT][/PROTOCOL][@APPPROTOCOL], e.g. http=80:8080/TCP@http.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The service: cluster/namespace/name.", valueName: "service")) var service: String
    @Option(help: ArgumentHelp("A port (repeat): [NAME=]PORT[:TARGETPORT][/PROTOCOL][@APPPROTOCOL].", valueName: "port")) var ports: [String]
    @Option(help: "cluster-ip | internal-lb | public-lb.", completion: Completions.values(ServiceExposure.self)) var exposure: String = "cluster-ip"
    @Option(help: ArgumentHelp("Load-balancer address, for internal-lb and public-lb.", valueName: "ip")) var loadBalancerIp: String?
    @Option(
        help: ArgumentHelp("Cluster | Local: whether the load balancer keeps the client address.", valueName: "policy"),
        completion: Completions.values(ExternalTrafficPolicy.self))
    var externalTrafficPolicy: String = ExternalTrafficPolicy.cluster.rawValue

    func run() throws {
        let id = try ServiceID.parse(service, field: "service")
        let value = Service(
            id: id, ports: try ports.map(ServicePort.parse), exposure: try ServiceExposure.parse(exposure, field: "--exposure"),
            loadBalancerIP: try loadBalancerIp.map { try IPv4Address.parse($0, field: "--load-balancer-ip") },
            externalTrafficPolicy: try ExternalTrafficPolicy.parse(externalTrafficPolicy, field: "--external-traffic-policy"))
        report(.service(id), try Registration.add(.service(value), store: global.openStore()))
    }
}

extension ServicePort {
    /// The port as `--ports` takes it: `http=80:8080/TCP@http` (the target port only when it differs).
    var typed: String {
        let name = name.map { "\($0)=" } ?? ""
        let target = targetPort == port ? "" : ":\(targetPort)"
        return "\(name)\(port)\(target)/\(self.protocol.rawValue)\(appProtocol.map { "@\($0)" } ?? "")"
    }

    /// Parses `[NAME=]PORT[:TARGETPORT][/PROTOCOL][@APPPROTOCOL]`.
    static func parse(_ text: String) throws -> ServicePort {
        var rest = Substring(text)
        func take(after separator: Character) -> String? {
            guard let index = rest.lastIndex(of: separator) else { return nil }
            defer { rest = rest[..<index] }
            return String(rest[rest.index(after: index)...])
        }
        let appProtocol = take(after: "@")
        let protocolText = take(after: "/")
        var name: String?
        if let equals = rest.firstIndex(of: "=") {
            name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
        }
        let numbers = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(numbers.count), let port = Int(numbers[0]), numbers.count == 1 || Int(numbers[1]) != nil else {
            throw CrosslinkError(.invalidValue, "--ports \(text.quotedExcerpt) is not [NAME=]PORT[:TARGETPORT][/PROTOCOL][@APPPROTOCOL]")
        }
        try checkPort(port, field: "--ports port")
        let target = numbers.count == 2 ? Int(numbers[1]) : nil
        if let target { try checkPort(target, field: "--ports target port") }
        return ServicePort(
            name: name, port: port, targetPort: target,
            protocol: try protocolText.map { try PortProtocol.parse($0.uppercased(), field: "--ports protocol") } ?? .tcp,
            appProtocol: appProtocol)
    }
}
