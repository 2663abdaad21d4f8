import CrosslinkCore

/// Builds the services, ingresses and isolated namespaces of one cluster from decoded kubectl objects.
struct KubernetesTranslator {
    let cluster: String
    let includesSystemNamespaces: Bool
    var services: [ServiceID: KubernetesService] = [:]
    /// Keyed by the ingress's identity in the model, so two rules that would be one crosslink
    /// ingress are caught here, with a note, rather than one silently replacing the other.
    var ingresses: [EntityReference: KubernetesIngress] = [:]
    var isolatedNamespaces: Set<String> = []
    var notes: [String] = []
    /// System namespace → how many of its objects were skipped.
    var skippedSystemObjects: [String: Int] = [:]

    init(cluster: String, includesSystemNamespaces: Bool) {
        self.cluster = cluster
        self.includesSystemNamespaces = includesSystemNamespaces
    }

    /// Translates one file's objects, in the order kubectl printed them.
    mutating func add(_ objects: [KubernetesObject], from source: String) throws {
        var otherKinds: [String: Int] = [:]
        for object in objects {
            let kind = try object.require(object.kind, "kind")
            switch object.body {
            case .namespace:
                // Read so `get namespaces,…` output is accepted; crosslink has no namespace object.
                continue
            case .other:
                if ["Service", "Ingress", "NetworkPolicy", "Namespace"].contains(kind) {
                    notes.append(
                        "\(object.place): skipped, apiVersion \((object.apiVersion ?? "none").quoted) is not the one crosslink reads (\(Self.apiVersion(of: kind)))"
                    )
                } else {
                    otherKinds[kind, default: 0] += 1
                }
                continue
            case .service, .ingress, .networkPolicy:
                break
            }
            let namespace = try object.require(object.namespace, "metadata.namespace")
            if !includesSystemNamespaces, KubernetesImport.systemNamespaces.contains(namespace) {
                skippedSystemObjects[namespace, default: 0] += 1
                continue
            }
            switch object.body {
            case .service(let service): try addService(service, of: object)
            case .ingress(let ingress): try addIngress(ingress, of: object)
            case .networkPolicy(let policy): try addPolicy(policy, of: object)
            case .namespace, .other: break
            }
        }
        if !otherKinds.isEmpty {
            let counts = otherKinds.keys.sorted().map { "\($0): \(otherKinds[$0] ?? 0)" }.joined(separator: ", ")
            let total = otherKinds.values.reduce(0, +)
            notes.append(
                "\(source): skipped \(total) object\(total == 1 ? "" : "s") of kinds crosslink does not read (\(counts)); it reads Namespace, Service, Ingress and NetworkPolicy"
            )
        }
    }

    /// Adds the notes that summarise the whole input.
    mutating func finish() {
        guard !skippedSystemObjects.isEmpty else { return }
        let counts = skippedSystemObjects.keys.sorted().map { "\($0): \(skippedSystemObjects[$0] ?? 0)" }.joined(separator: ", ")
        let total = skippedSystemObjects.values.reduce(0, +)
        notes.append("skipped \(total) object\(total == 1 ? "" : "s") in system namespaces (\(counts)); --include-system imports them")
    }

    static func apiVersion(of kind: String) -> String {
        switch kind {
        case "Ingress", "NetworkPolicy": "networking.k8s.io/v1"
        default: "v1"
        }
    }

    // MARK: Network policies

    /// A namespace is isolated when a policy selects every pod (`podSelector: {}`) for Ingress and
    /// admits nothing: Kubernetes then drops all ingress traffic that no other policy allows.
    mutating func addPolicy(_ policy: NetworkPolicyObject, of object: KubernetesObject) throws {
        let namespace = try object.require(object.namespace, "metadata.namespace")
        _ = try object.require(object.name, "metadata.name")
        let spec = try object.require(policy.spec, "spec")
        let selector = try object.require(spec.podSelector, "spec.podSelector")
        // The API server fills policyTypes in; without it, Kubernetes assumes Ingress.
        let types = spec.policyTypes ?? ["Ingress"]
        guard types.contains("Ingress") else {
            notes.append("\(object.place): skipped, it restricts egress only")
            return
        }
        guard selector.selectsEverything else {
            notes.append("\(object.place): skipped, it selects some pods only; crosslink records isolation per namespace (podSelector: {})")
            return
        }
        guard (spec.ingress ?? []).isEmpty else {
            notes.append("\(object.place): skipped, it admits some ingress traffic; crosslink records namespaces whose default denies all ingress")
            return
        }
        try within(object) { try NameRule.dns1123Label.check(namespace, field: "metadata.namespace") }
        isolatedNamespaces.insert(namespace)
    }

    /// Runs `body`, prefixing a crosslink error with the object it concerns.
    func within<Value>(_ object: KubernetesObject, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as CrosslinkError {
            throw CrosslinkError(error.code, "\(object.place): \(error.message)")
        }
    }
}

/// The first IPv4 address among a load balancer's status entries (dual-stack ones list IPv6 too).
func firstIPv4(in status: LoadBalancerStatus?) -> IPv4Address? {
    (status?.ingress ?? []).lazy.compactMap { $0.ip.flatMap(IPv4Address.init) }.first
}
