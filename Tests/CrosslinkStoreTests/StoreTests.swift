import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct StoreTests {
    let directory: URL
    init() throws { directory = try TemporaryDirectory.make() }

    func open(_ name: String = "test.db") throws -> Store { try Store(path: directory.appendingPathComponent(name).path) }

    static let estate = TopologyBuilder()
        .vnet("hub", "10.0.0.0/16").vnet("spoke", "10.1.0.0/16", "10.2.0.0/16", region: "northeurope")
        .vpnGateway("gw-hub", in: "hub", publicIP: "20.1.2.3", bgpASN: 65010)
        .peering("hub", "spoke", gatewayTransit: "hub")
        .cluster(
            "aks-a", in: "spoke", nodeSubnet: "10.1.0.0/20", plugin: .azureCNIOverlay, globalnet: "242.0.0.0/16",
            mesh: MeshMembership(id: "m", network: "n", trustRoot: "r", eastWestGateway: TopologyBuilder.address("10.1.0.200")),
            isolated: ["payments", "backend"]
        )
        // §7.11: a service CIDR may not overlap the cluster's own VNet (the default 10.0.0.0/16 would).
        .cluster("aks-b", in: "hub", nodeSubnet: "10.0.0.0/20", serviceCIDR: "172.16.0.0/16")
        .service(
            "aks-b/backend/api",
            ports: [
                ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http"),
                ServicePort(port: 53, protocol: .udp),
            ],
            exposure: .internalLB, loadBalancerIP: "10.0.0.50", externalTrafficPolicy: .local
        )
        .tunnel("aks-a", "aks-b", endpoint: .private, cableDriver: .wireguard)
        .meshLink("aks-a", "aks-b")
        .ingress("aks-b/backend/api", host: "api.example.com", visibility: .internal, address: "10.0.0.60", className: "nginx")
        .importing("aks-b/backend/api", into: "aks-a/frontend", port: 80, via: .pinned(.tunnel))
        .importing("aks-b/backend/api", into: "aks-a")
        .topology

    @Test("removing objects with their dependants leaves no row pointing at a missing one")
    func removalsLeaveNoDanglingRows() throws {
        let store = try open()
        var estate = try EstateGenerator(clusters: 40, servicesPerCluster: 4, importsPerCluster: 6, seed: 8).topology()
        // A cluster with child rows of both kinds (its services, ports, ingresses, imports, tunnels
        // and mesh links go with it), a service, and a VNet with everything in it, each in its own
        // transaction.
        let cluster = try #require(estate.clusters.values.filter { !$0.isolatedNamespaces.isEmpty }.map(\.name).sorted().first)
        estate.clusters[cluster]?.nodePools = ["system", "gpu"]
        try store.update { $0 = estate }
        #expect(try store.foreignKeyViolations() == 0)
        let service = estate.services.keys.sorted().first { $0.cluster != cluster && !estate.ingresses(of: $0).isEmpty }
        let vnet = estate.vnets.keys.sorted().first { name in estate.clusters.values.contains { $0.vnet == name && $0.name != cluster } }
        var expected = estate
        for reference in [EntityReference.cluster(cluster)] + (service.map { [.service($0)] } ?? []) + (vnet.map { [.vnet($0)] } ?? []) {
            _ = try expected.removing(reference, cascade: true)
            try store.update { _ = try $0.removing(reference, cascade: true) }
            #expect(try store.foreignKeyViolations() == 0, "after removing \(reference)")
        }
        #expect(try store.loadTopology() == expected)
        #expect(service != nil && vnet != nil)
    }

    @Test("a snapshot written is the snapshot read back, field for field")
    func roundTrip() throws {
        let store = try open()
        try store.update { $0 = Self.estate }
        #expect(try store.loadTopology() == Self.estate)
        // And from a second connection, as a later command would see it.
        #expect(try open().loadTopology() == Self.estate)
    }

    @Test("updates write only the difference and a no-op writes nothing")
    func difference() throws {
        let store = try open()
        try store.update { $0 = Self.estate }
        let (_, same) = try store.update { _ in }
        #expect(same.isEmpty)
        let (_, change) = try store.update { $0.tunnels[UnorderedPair("aks-a", "aks-b")]?.state = .error }
        #expect(change.written.count == 1 && change.createdCount == 0 && change.removed.isEmpty)
        #expect(try store.loadTopology().tunnels.first?.value.state == .error)
    }

    @Test("a change SQLite would also refuse is reported with the validation's message, and nothing is written")
    func validationMessageWinsOverSQLite() throws {
        let store = try open()
        try store.update { $0 = Self.estate }
        let id = ServiceID(cluster: "aks-b", namespace: "backend", name: "bad")
        // Port 0 fails both the validation (with a message saying what to fix) and the table's CHECK.
        #expect {
            try store.update { $0.services[id] = Service(id: id, ports: [ServicePort(port: 0)]) }
        } throws: { error in
            (error as? CrosslinkError)?.message.contains("out of range (1 to 65535)") == true
        }
        #expect(try store.loadTopology() == Self.estate)
        #expect(try store.foreignKeyViolations() == 0)
    }

    @Test("a refused change leaves the database exactly as it was")
    func refusedChange() throws {
        let store = try open()
        try store.update { $0 = Self.estate }
        #expect(throws: CrosslinkError.self) {
            try store.update { topology in
                topology.vnets["other"] = VNet(name: "other", region: "westeurope", addressSpace: [TopologyBuilder.cidr("10.0.0.0/8")])
                topology.peerings[UnorderedPair("other", "hub")] = Peering(vnets: UnorderedPair("other", "hub"))
            }
        }
        #expect(try store.loadTopology() == Self.estate)
    }

    @Test("cascade removal deletes referrers and their child rows")
    func cascade() throws {
        let store = try open()
        try store.update { $0 = Self.estate }
        let (removed, _) = try store.update { try $0.removing(.cluster("aks-b"), cascade: true) }
        #expect(removed.contains(.service(TopologyBuilder.service("aks-b/backend/api"))))
        let after = try store.loadTopology()
        #expect(after.services.isEmpty && after.imports.isEmpty && after.ingresses.isEmpty && after.tunnels.isEmpty)
        #expect(after.clusters.keys.sorted() == ["aks-a"])
    }

    @Test("the database file is private to its owner")
    func fileMode() throws {
        _ = try open("private.db")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("private.db").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a file that is not SQLite is refused with one clear line and left untouched")
    func notSQLite() throws {
        let path = directory.appendingPathComponent("notes.db")
        try Data("hello, this is not a database\n".utf8).write(to: path)
        #expect {
            try Store(path: path.path)
        } throws: { error in
            (error as? CrosslinkError)?.message.contains("not a crosslink database") == true
        }
        #expect(try String(contentsOf: path, encoding: .utf8) == "hello, this is not a database\n")
    }
}

@Suite struct ScopedLoadTests {
    @Test("a routing slice holds the two clusters, the service and their part of the underlay, and answers like the whole")
    func routingSlice() throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("s.db").path)
        try store.update { $0 = StoreTests.estate }
        let service = TopologyBuilder.service("aks-b/backend/api")
        let slice = try store.loadTopology(scope: .routing(consumer: "aks-a", service: service))
        let whole = StoreTests.estate
        #expect(slice.vnets == whole.vnets && slice.peerings == whole.peerings && slice.vpnGateways == whole.vpnGateways)
        #expect(slice.clusters == whole.clusters && slice.services == whole.services && slice.tunnels == whole.tunnels)
        #expect(slice.ingresses == whole.ingresses && slice.imports.isEmpty)
        let consumer = Consumer(cluster: "aks-a", namespace: "frontend")
        for via in [ImportVia.auto, .pinned(.tunnel), .pinned(.mesh), .pinned(.network), .pinned(.ingress)] {
            #expect(
                try RouteEngine(topology: slice).answer(consumer: consumer, service: service, port: 80, via: via)
                    == RouteEngine(topology: whole).answer(consumer: consumer, service: service, port: 80, via: via))
        }
        // aks-b alone still brings its ClusterSet (aks-a, by the tunnel): tunnel answers read it (§7.5).
        let alone = try store.loadTopology(scope: .routing(consumer: "aks-b", service: service))
        #expect(alone.clusters.keys.sorted() == ["aks-a", "aks-b"])
    }

    @Test("a routing slice holds every member of the two clusters' ClusterSets, so set-wide checks answer like the whole")
    func sliceHoldsClusterSet() throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("s.db").path)
        // aks-c is joined only to aks-b, by a broken tunnel, and its service range holds aks-a's pods.
        let whole = TopologyBuilder()
            .vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.2.0.0/16").vnet("vnet-c", "10.3.0.0/16")
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", plugin: .azureCNIOverlay, serviceCIDR: "172.16.0.0/16")
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "172.17.0.0/16")
            .cluster("aks-c", in: "vnet-c", nodeSubnet: "10.3.0.0/20", plugin: .kubenet, podCIDR: "10.245.0.0/16", serviceCIDR: "10.244.0.0/16")
            .service("aks-b/backend/api", ports: [ServicePort(name: "http", port: 80)])
            .tunnel("aks-a", "aks-b").tunnel("aks-b", "aks-c", state: .error)
            .topology
        try store.update { $0 = whole }
        let service = TopologyBuilder.service("aks-b/backend/api")
        let slice = try store.loadTopology(scope: .routing(consumer: "aks-a", service: service))
        #expect(slice.clusters.keys.sorted() == ["aks-a", "aks-b", "aks-c"] && slice.tunnels == whole.tunnels)
        let consumer = Consumer(cluster: "aks-a", namespace: "frontend")
        let answer = try RouteEngine(topology: slice).answer(consumer: consumer, service: service, port: 80, via: .pinned(.tunnel))
        #expect(answer == (try RouteEngine(topology: whole).answer(consumer: consumer, service: service, port: 80, via: .pinned(.tunnel))))
        #expect(answer.rejected.first?.reason.code == .clusterCIDROverlap)
    }

    @Test("on a generated estate, every answer from a routing slice equals the answer from the whole estate")
    func slicesAgree() throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("g.db").path)
        let whole = try EstateGenerator(clusters: 120, servicesPerCluster: 5, importsPerCluster: 2, seed: 21).topology()
        try store.update { $0 = whole }
        let engine = RouteEngine(topology: whole)
        let clusters = whole.clusters.keys.sorted()
        let services = whole.services.keys.sorted()
        var random = SplitMix64(seed: 3)
        for _ in 0..<300 {
            let consumer = Consumer(cluster: clusters[random.below(clusters.count)], namespace: "app")
            let service = services[random.below(services.count)]
            let slice = try store.loadTopology(scope: .routing(consumer: consumer.cluster, service: service))
            #expect(slice.vnets.count < whole.vnets.count)
            let expected = try engine.answer(consumer: consumer, service: service, port: nil, via: .auto)
            #expect(
                try RouteEngine(topology: slice).answer(consumer: consumer, service: service, port: nil, via: .auto) == expected,
                "\(consumer) -> \(service)")
        }
    }
}
