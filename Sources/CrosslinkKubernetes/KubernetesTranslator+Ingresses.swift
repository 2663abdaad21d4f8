import CrosslinkCore

extension KubernetesTranslator {
    /// The annotation that named an ingress's class before `spec.ingressClassName` (still common).
    static let ingressClassAnnotation = "kubernetes.io/ingress.class"

    /// One crosslink ingress per rule host and backend service.
    mutating func addIngress(_ ingress: IngressObject, of object: KubernetesObject) throws {
        let namespace = try object.require(object.namespace, "metadata.namespace")
        _ = try object.require(object.name, "metadata.name")
        let spec = try object.require(ingress.spec, "spec")
        var className = spec.ingressClassName ?? object.annotations[Self.ingressClassAnnotation]
        if let name = className, (try? checkSubdomain(name, field: "")) == nil {
            // Such as AGIC's `azure/application-gateway`: not a name an IngressClass can have.
            notes.append("\(object.place): ingress class \(name.quoted) is not a DNS-1123 subdomain (an IngressClass name); imported without a class")
            className = nil
        }
        let address = firstIPv4(in: ingress.status?.loadBalancer)
        // The controller's load balancer decides who can reach the hosts: a private address is internal.
        let visibility: IngressVisibility = address?.isInNonPublicRange == true ? .internal : .public
        let tls = spec.tls ?? []
        // A TLS entry without hosts covers every host of the ingress (the controller's default certificate).
        let coversEveryHost = tls.contains { ($0.hosts ?? []).isEmpty }
        let tlsHosts = tls.flatMap { $0.hosts ?? [] }

        if let backend = spec.defaultBackend {
            let target = backend.service?.name.map { "service \($0.quoted)" } ?? "a \(backend.resource?.kind ?? "resource") backend"
            notes.append("\(object.place): spec.defaultBackend (\(target)) skipped; it answers any host, and a crosslink ingress needs one")
        }
        var translated = 0
        for (ruleIndex, rule) in (spec.rules ?? []).enumerated() {
            let ruleField = "spec.rules[\(ruleIndex)]"
            guard let host = rule.host, !host.isEmpty else {
                notes.append("\(object.place): \(ruleField) has no host, skipped; a crosslink ingress is reached by host name")
                continue
            }
            try within(object) { try checkHostName(host, field: "\(ruleField).host") }
            for (pathIndex, path) in (rule.http?.paths ?? []).enumerated() {
                let backendField = "\(ruleField).http.paths[\(pathIndex)].backend"
                let backend = try object.require(path.backend, backendField)
                guard let reference = backend.service else {
                    let kind = backend.resource?.kind ?? "resource"
                    notes.append("\(object.place): \(backendField) is a \(kind), not a service, skipped")
                    continue
                }
                let serviceName = try object.require(reference.name, "\(backendField).service.name")
                let port = try backendPort(reference.port, field: "\(backendField).service.port", of: object)
                let service = ServiceID(cluster: cluster, namespace: namespace, name: serviceName)
                try within(object) { try service.validate(field: "\(backendField).service.name") }
                let isTLS = coversEveryHost || tlsHosts.contains { Self.certificate($0, covers: host) }
                let entry = KubernetesIngress(
                    ingress: Ingress(
                        service: service, host: host, tls: isTLS, visibility: visibility, address: address, className: className, servicePort: port),
                    place: object.place)
                record(entry, host: host, field: backendField)
                translated += 1
            }
        }
        if translated > 0 && address == nil {
            notes.append("\(object.place): no IPv4 address in status.loadBalancer.ingress yet; imported without an address (visibility public)")
        }
    }

    private func backendPort(_ port: IngressObject.Backend.ServiceReference.Port?, field: String, of object: KubernetesObject) throws -> IngressBackendPort {
        let port = try object.require(port, field)
        if let number = port.number {
            try within(object) { try checkPort(number, field: "\(field).number") }
            return .number(number)
        }
        guard let name = port.name, !name.isEmpty else {
            throw CrosslinkError(.malformedFile, "\(object.place): missing required field \("\(field).number".quoted) (or \("\(field).name".quoted))")
        }
        return .name(name)
    }

    /// Keeps the first rule for each crosslink ingress; a later one that differs is noted.
    private mutating func record(_ entry: KubernetesIngress, host: String, field: String) {
        let reference = Entity.ingress(entry.ingress).reference
        guard let first = ingresses[reference] else {
            ingresses[reference] = entry
            return
        }
        if first.ingress == entry.ingress { return }
        let firstPlace = first.place == entry.place ? "an earlier path" : first.place
        notes.append(
            "\(entry.place): \(field) (host \(host), service \(entry.ingress.service.name) port \(entry.ingress.servicePort?.description ?? "-")) skipped; \(reference) is already taken by \(firstPlace), and crosslink records one"
        )
    }

    /// Whether a TLS host (`api.example.com` or `*.example.com`) covers `host`.
    static func certificate(_ certificateHost: String, covers host: String) -> Bool {
        if certificateHost == host { return true }
        guard certificateHost.hasPrefix("*.") else { return false }
        // A wildcard covers exactly one label: *.example.com covers api.example.com, not a.b.example.com.
        let suffix = certificateHost.dropFirst(1)
        guard host.hasSuffix(suffix) else { return false }
        let label = host.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }
}
