import CrosslinkCore

extension KubernetesTranslator {
    /// The Azure cloud provider's annotation that puts a LoadBalancer service on an internal load balancer.
    static let internalLoadBalancerAnnotation = "service.beta.kubernetes.io/azure-load-balancer-internal"
    /// The Azure cloud provider's annotation that pins a load balancer's IPv4 address (replaces spec.loadBalancerIP).
    static let loadBalancerIPv4Annotation = "service.beta.kubernetes.io/azure-load-balancer-ipv4"

    mutating func addService(_ service: ServiceObject, of object: KubernetesObject) throws {
        let name = try object.require(object.name, "metadata.name")
        let namespace = try object.require(object.namespace, "metadata.namespace")
        let spec = try object.require(service.spec, "spec")
        let id = ServiceID(cluster: cluster, namespace: namespace, name: name)
        try within(object) { try id.validate(field: "service") }
        let type = spec.type ?? "ClusterIP"
        switch type {
        case "ClusterIP", "NodePort", "LoadBalancer":
            break
        case "ExternalName":
            let target = spec.externalName.map { " for \($0)" } ?? ""
            notes.append("\(object.place): skipped, an ExternalName service is a DNS alias\(target) with no workload of its own to route to")
            return
        default:
            throw CrosslinkError(.invalidValue, "\(object.place): spec.type \(type.quoted) is not one of: ClusterIP | NodePort | LoadBalancer | ExternalName")
        }
        let isHeadless = spec.clusterIP == "None"
        guard let specPorts = spec.ports, !specPorts.isEmpty else {
            if isHeadless {
                notes.append("\(object.place): skipped, a headless service without ports has no port to route to")
                return
            }
            throw CrosslinkError(.malformedFile, "\(object.place): missing required field 'spec.ports'")
        }
        var ports: [ServicePort] = []
        for (index, port) in specPorts.enumerated() {
            ports.append(try servicePort(port, field: "spec.ports[\(index)]", of: object))
        }
        try within(object) { try checkDistinct(ports) }
        if isHeadless {
            notes.append("\(object.place): headless (clusterIP None), imported as cluster-ip; clients that resolve its name reach the pods directly")
        }
        var exposure = ServiceExposure.clusterIP
        var address: IPv4Address?
        switch type {
        case "NodePort":
            notes.append("\(object.place): type NodePort imported as cluster-ip; crosslink does not model node ports")
        case "LoadBalancer":
            address = try loadBalancerAddress(spec, service.status, of: object)
            if address != nil {
                let isInternal = object.annotations[Self.internalLoadBalancerAnnotation]?.lowercased() == "true"
                exposure = isInternal ? .internalLB : .publicLB
            }
        default:
            break
        }
        var policy = ExternalTrafficPolicy.cluster
        if let value = spec.externalTrafficPolicy, type != "ClusterIP" {
            policy = try within(object) { try ExternalTrafficPolicy.parse(value, field: "spec.externalTrafficPolicy") }
        }
        services[id] = KubernetesService(
            service: Service(id: id, ports: ports, exposure: exposure, loadBalancerIP: address, externalTrafficPolicy: policy),
            place: object.place)
    }

    /// The load balancer's IPv4 address: from status (what Azure assigned), else the one asked for
    /// in `spec.loadBalancerIP` or the AKS annotation; nil (with a note) while Azure has assigned none.
    private mutating func loadBalancerAddress(
        _ spec: ServiceObject.Spec, _ status: ServiceObject.Status?, of object: KubernetesObject
    ) throws -> IPv4Address? {
        if let address = firstIPv4(in: status?.loadBalancer) { return address }
        let requested: (field: String, text: String)? =
            spec.loadBalancerIP.flatMap { $0.isEmpty ? nil : ("spec.loadBalancerIP", $0) }
            ?? object.annotations[Self.loadBalancerIPv4Annotation].flatMap { $0.isEmpty ? nil : ("annotation \(Self.loadBalancerIPv4Annotation)", $0) }
        guard let requested else {
            notes.append(
                "\(object.place): load balancer pending (no IPv4 address in status.loadBalancer.ingress or spec.loadBalancerIP), imported as cluster-ip; import again once it has one"
            )
            return nil
        }
        guard let address = IPv4Address(requested.text) else {
            throw CrosslinkError(.invalidValue, "\(object.place): \(requested.field) \(requested.text.quoted) is not an IPv4 address")
        }
        notes.append("\(object.place): no address in status.loadBalancer yet; used \(requested.field) \(address)")
        return address
    }

    private mutating func servicePort(_ port: ServiceObject.Port, field: String, of object: KubernetesObject) throws -> ServicePort {
        let number = try object.require(port.port, "\(field).port")
        try within(object) { try checkPort(number, field: "\(field).port") }
        let proto = try within(object) { try PortProtocol.parse(port.protocol ?? "TCP", field: "\(field).protocol") }
        if let name = port.name {
            try within(object) { try NameRule.dns1123Label.check(name, field: "\(field).name") }
        }
        let target: Int
        switch port.targetPort {
        case nil:
            target = number
        case .number(let value):
            try within(object) { try checkPort(value, field: "\(field).targetPort") }
            target = value
        case .name(let name):
            // The number behind a named target port lives in each pod's spec, which kubectl did not print.
            notes.append("\(object.place): \(field).targetPort \(name.quoted) is a container port name; recorded as the service port \(number)")
            target = number
        }
        return ServicePort(name: port.name, port: number, targetPort: target, protocol: proto, appProtocol: port.appProtocol)
    }

    /// Kubernetes refuses these too; checked here so the message names the object.
    private func checkDistinct(_ ports: [ServicePort]) throws {
        for (index, port) in ports.enumerated() {
            for earlier in ports[..<index] {
                if let name = port.name, earlier.name == name {
                    throw CrosslinkError(.invalidValue, "port name \(name.quoted) is used twice")
                }
                if earlier.port == port.port && earlier.protocol == port.protocol {
                    throw CrosslinkError(.invalidValue, "port \(port.port)/\(port.protocol.rawValue) is listed twice")
                }
            }
        }
    }
}
