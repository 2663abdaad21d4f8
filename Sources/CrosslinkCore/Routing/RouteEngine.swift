/// Decides, for any consumer and service, whether the service is routable, over which path, at which
/// address and port, and why every other path fails (spec §4 and §5). Pure: no IO, no clock.
///
/// The underlay (VNet reachability) is analysed once, when the engine is made; each answer is then a
/// handful of lookups, so a reconcile costs the estate's size plus a constant per import.
package struct RouteEngine: Sendable {
    package let topology: Topology
    let underlay: Underlay
    /// Route tables, firewalls and security groups (spec §8); nil when the estate has none.
    let plane: TrafficPlane?
    /// Submariner ClusterSets (§7.5, §7.6), worked out once per snapshot like the underlay.
    let clusterSets: ClusterSets
    /// The ingresses of each service, sorted by host: a service may sit behind several (§7.8).
    let ingressesByService: [ServiceID: [Ingress]]

    package init(topology: Topology) {
        self.topology = topology
        self.underlay = Underlay(topology)
        self.plane = topology.hasTrafficControls ? TrafficPlane(topology: topology, underlay: underlay) : nil
        self.clusterSets = ClusterSets(topology)
        var ingresses: [ServiceID: [Ingress]] = [:]
        for ingress in topology.ingresses.values { ingresses[ingress.service, default: []].append(ingress) }
        self.ingressesByService = ingresses.mapValues { $0.sorted { $0.host < $1.host } }
    }

    /// Can VNet `source` reach VNet `target` over peerings and VPN (rules N1–N5)?
    package func reachability(from source: String, to target: String) -> Reachability {
        underlay.reachability(from: source, to: target)
    }

    /// The answer for any consumer and service, imported or not (`route check`).
    /// - Parameter port: a port of the service; nil means its first listed port.
    /// - Throws: `CrosslinkError` for an unknown cluster or service, or a port the service lacks.
    package func answer(consumer: Consumer, service: ServiceID, port: Int?, via: ImportVia) throws -> RouteAnswer {
        guard let consumerCluster = topology.clusters[consumer.cluster] else {
            throw CrosslinkError.notFound("cluster \(consumer.cluster.quoted) does not exist")
        }
        guard let target = topology.services[service], let targetCluster = topology.clusters[service.cluster] else {
            throw CrosslinkError.notFound("service \(service) does not exist")
        }
        let servicePort: ServicePort
        if let port {
            guard let match = target.ports.first(where: { $0.port == port }) else {
                let ports = target.ports.map { String($0.port) }.joined(separator: ", ")
                throw CrosslinkError.invalid("service \(service) has no port \(port) (ports: \(ports))")
            }
            servicePort = match
        } else {
            guard let first = target.ports.first else { throw CrosslinkError.invalid("service \(service) has no ports") }
            servicePort = first
        }
        return decide(Request(consumer: consumer, from: consumerCluster, service: target, in: targetCluster, port: servicePort), via: via)
    }

    /// One answer per imported port: the import's port, or every port of the service.
    package func answers(for item: ServiceImport) throws -> [RouteAnswer] {
        guard let service = topology.services[item.id.service] else {
            throw CrosslinkError.notFound("service \(item.id.service) does not exist")
        }
        let ports = item.port.map { [$0] } ?? service.ports.map(\.port).sorted()
        guard !ports.isEmpty else { return [] }
        // What `answer(consumer:service:port:via:)` checks, looked up once for all the ports.
        let consumer = item.id.consumer
        guard let consumerCluster = topology.clusters[consumer.cluster] else {
            throw CrosslinkError.notFound("cluster \(consumer.cluster.quoted) does not exist")
        }
        guard let targetCluster = topology.clusters[item.id.service.cluster] else {
            throw CrosslinkError.notFound("service \(item.id.service) does not exist")
        }
        var answers: [RouteAnswer] = []
        answers.reserveCapacity(ports.count)
        for port in ports {
            guard let match = service.ports.first(where: { $0.port == port }) else {
                let listed = service.ports.map { String($0.port) }.joined(separator: ", ")
                throw CrosslinkError.invalid("service \(item.id.service) has no port \(port) (ports: \(listed))")
            }
            answers.append(decide(Request(consumer: consumer, from: consumerCluster, service: service, in: targetCluster, port: match), via: item.via))
        }
        return answers
    }

    /// Every import of the snapshot expanded per port, sorted by route key.
    /// - Throws: what `answers(for:)` throws for an import naming an object the snapshot lacks
    ///   (impossible in a validated snapshot): an error, not "no answers" for that import.
    package func allImportAnswers() throws -> [RouteAnswer] {
        var result: [RouteAnswer] = []
        result.reserveCapacity(topology.imports.count)
        // Sorting the import keys (not the answers, which are large) and expanding ports in numeric
        // order gives the answers already sorted by route key.
        for id in topology.imports.keys.sorted() {
            if let item = topology.imports[id] { result += try answers(for: item) }
        }
        return result
    }

    /// Everything one decision needs, looked up once.
    struct Request {
        let consumer: Consumer
        let from: Cluster
        let service: Service
        let `in`: Cluster
        let port: ServicePort
    }

    /// What one path kind concluded: routable, or the first unmet condition and how close it came.
    enum Outcome {
        case routable(address: String, port: Int, hops: [String])
        case rejected(RouteReason, PathCloseness = .oneUnmet)
    }

    func decide(_ request: Request, via: ImportVia) -> RouteAnswer {
        var chosen: (kind: PathKind, address: String, port: Int, hops: [String])?
        var rejected: [Rejection] = []
        let sameCluster = request.from.name == request.in.name
        for kind in via.candidates {
            // `local` is an alternative only inside one cluster, unless the user pinned it.
            if kind == .local && !sameCluster && via == .auto { continue }
            switch outcome(of: kind, for: request) {
            case .routable(let address, let port, let hops):
                if chosen == nil { chosen = (kind, address, port, hops) }
            case .rejected(let reason, let closeness):
                rejected.append(Rejection(via: kind, reason: reason, closeness: closeness))
            }
        }
        return RouteAnswer(
            consumer: request.consumer, service: request.service.id, servicePort: request.port.port,
            port: chosen?.port ?? request.port.port, via: chosen?.kind, address: chosen?.address,
            hops: chosen?.hops ?? [], rejected: rejected)
    }

    func outcome(of kind: PathKind, for request: Request) -> Outcome {
        switch kind {
        case .local: localPath(request)
        case .mesh: meshPath(request)
        case .tunnel: tunnelPath(request)
        case .network: networkPath(request)
        case .ingress: ingressPath(request)
        }
    }

    /// The consumer's way to an address: the internet for a public one (needs egress), the underlay
    /// for a private one (needs the VNet that holds it to be reachable).
    func reach(_ address: IPv4Address, from cluster: Cluster, preferring vnet: String, what: String, flows: @autoclosure () -> [Flow]) -> Reachability {
        if underlay.isPublic(address) {
            guard cluster.hasInternetEgress else {
                return .unreachable(
                    RouteReason(
                        .noInternetEgress, "\(what) \(address) is public, but \(cluster.name) has no internet egress (egress: none)",
                        fix: Self.egressFix(cluster)))
            }
            return internetReachability(flows: flows())
        }
        guard let owner = underlay.owner(of: address, preferring: vnet) else {
            return .unreachable(
                RouteReason(.addressNotInAnyVNet, "\(what) \(address) is a private address in no registered VNet: register the VNet that holds it"))
        }
        return reachability(from: cluster.vnet, to: owner, flows: flows())
    }

    /// The command that records internet egress for a cluster that has none.
    static func egressFix(_ cluster: Cluster) -> String { "crosslink cluster set \(cluster.name) --egress internet" }

    /// §7.3: a private address inside the consumer's own service CIDR, or its pod CIDR when pods are
    /// not VNet addresses (overlay, kubenet), is answered inside the consumer and never leaves it.
    /// Returns the reason when it does, nil otherwise.
    func consumerRangeProblem(_ address: IPv4Address, from cluster: Cluster, what: String) -> RouteReason? {
        guard !underlay.isPublic(address) else { return nil }
        let range: (name: String, cidr: CIDR)
        if cluster.serviceCIDR.contains(address) {
            range = ("service CIDR", cluster.serviceCIDR)
        } else if !cluster.hasRoutablePodIPs, cluster.podCIDR.contains(address) {
            range = ("\(cluster.networkPlugin.rawValue) pod CIDR", cluster.podCIDR)
        } else {
            return nil
        }
        return RouteReason(
            .addressInConsumerRange,
            "\(what) \(address) lies in \(cluster.name)'s own \(range.name) \(range.cidr), so \(cluster.name) answers it inside the cluster and the traffic never leaves: move the address out of \(cluster.name)'s service and pod ranges, or renumber \(cluster.name)"
        )
    }
}

extension Reachability {
    /// The underlay reason prefixed with what needed the reachability.
    func rejection(_ context: String) -> RouteEngine.Outcome? {
        guard case .unreachable(let reason) = self else { return nil }
        return .rejected(RouteReason(reason.code, "\(context): \(reason.message)", fix: reason.fix))
    }

    var hops: [String] {
        if case .reachable(let hops) = self { return hops }
        return []
    }
}
