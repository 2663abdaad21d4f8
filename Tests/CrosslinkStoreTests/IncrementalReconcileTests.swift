import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// An incremental reconcile must store exactly what a full one would, after any change.
@Suite struct IncrementalReconcileTests {
    static func reconcile(_ store: Store, full: Bool = false) throws -> ReconcileRecord {
        try store.reconcile(full: full)
    }

    /// The stored routes equal a from-scratch computation over the whole estate.
    static func expectMatchesFull(_ store: Store, _ label: String) throws {
        let stored = try store.loadRoutes().answers
        let expected = try RouteEngine(topology: try store.loadTopology()).allImportAnswers()
        #expect(stored == expected, "\(label): \(stored.count) stored, \(expected.count) expected")
    }

    /// The record lists its changes in key order and counts what is stored.
    static func expectRecordMatchesStore(_ record: ReconcileRecord, _ store: Store, _ label: String) throws {
        #expect(zip(record.changes, record.changes.dropFirst()).allSatisfy { $0.key < $1.key }, "\(label): changes in key order")
        let stored = try store.loadRoutes().answers
        #expect(record.routeCount == stored.count, "\(label): route count")
        #expect(record.routableCount == stored.filter(\.isRoutable).count, "\(label): routable count")
    }

    /// One random, valid change to the estate.
    static func mutate(_ topology: inout Topology, _ random: inout SplitMix64, step: Int) {
        let clusters = topology.clusters.keys.sorted()
        let pick = { (keys: [String], random: inout SplitMix64) in keys[random.below(keys.count)] }
        switch random.below(11) {
        case 0:
            let pair = topology.peerings.keys.sorted()[random.below(topology.peerings.count)]
            let state = topology.peerings[pair]?.state
            topology.peerings[pair]?.state = state == .connected ? .disconnected : .connected
        case 1:
            if let pair = topology.tunnels.keys.sorted().first(where: { _ in random.below(3) == 0 }) { topology.tunnels[pair] = nil }
        case 2:
            let connections = topology.vpnConnections.keys.sorted()
            if !connections.isEmpty { topology.vpnConnections[connections[random.below(connections.count)]]?.bgp.toggle() }
        case 3:
            let name = pick(clusters, &random)
            let egress = topology.clusters[name]?.egress
            topology.clusters[name]?.egress = egress == .internet ? .none : .internet
        case 4:
            let cluster = pick(clusters, &random)
            let id = ServiceID(cluster: cluster, namespace: "added", name: "svc-\(step)")
            topology.services[id] = Service(id: id, ports: [ServicePort(name: "http", port: 80, appProtocol: "http")])
            let importID = ImportID(consumer: Consumer(cluster: pick(clusters, &random), namespace: "x"), service: id)
            topology.imports[importID] = ServiceImport(id: importID)
        case 5:
            let id = topology.imports.keys.sorted()[random.below(topology.imports.count)]
            topology.imports[id] = nil
        case 6:
            let skip = random.below(20)
            if let id = topology.services.keys.sorted().dropFirst(skip).first(where: { topology.ingresses(of: $0).isEmpty }) {
                let ingress = Ingress(service: id, host: "\(id.name).\(id.cluster).example.com")
                topology.ingresses[ingress.id] = ingress
            }
        case 7:
            let a = pick(clusters, &random), b = pick(clusters, &random)
            if a != b { topology.tunnels[UnorderedPair(a, b)] = Tunnel(clusters: UnorderedPair(a, b), endpoint: .private) }
        case 8:
            // A peering with gateway transit: reaches through the VPN islands.
            if let spoke = topology.peerings.values.sorted(by: { $0.vnets < $1.vnets }).first(where: { $0.gatewayTransit != nil }) {
                topology.peerings[spoke.vnets]?.gatewayTransit = nil
            }
        case 9:
            // A VNet address space change affects everything.
            let name = topology.vnets.keys.sorted().first { $0.hasPrefix("vnet-hub") } ?? ""
            if let vnet = topology.vnets[name], let first = vnet.addressSpace.first {
                topology.vnets[name]?.addressSpace = [first, CIDR(containing: IPv4Address(value: 0xC0A8_0000 + UInt32(step) << 8), prefixLength: 24)]
            }
        default:
            let a = pick(clusters, &random), b = pick(clusters, &random)
            if a != b { topology.meshLinks[UnorderedPair(a, b)] = MeshLink(clusters: UnorderedPair(a, b)) }
        }
    }

    @Test("random change sequences: incremental equals full after every step", arguments: [11, 12, 13, 14])
    func randomSequences(seed: Int) throws {
        let seed = UInt64(seed)
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("i.db").path)
        try store.update { $0 = try! EstateGenerator(clusters: 120, servicesPerCluster: 3, importsPerCluster: 4, seed: seed).topology() }
        let first = try Self.reconcile(store)
        #expect(!first.isIncremental)
        try Self.expectMatchesFull(store, "initial")
        try Self.expectRecordMatchesStore(first, store, "initial")
        var random = SplitMix64(seed: seed)
        var incremental = 0
        for step in 0..<25 {
            do {
                try store.update { Self.mutate(&$0, &random, step: step) }
            } catch let error as CrosslinkError {
                Issue.record("step \(step): mutation refused: \(error.message)")
                continue
            }
            let record = try Self.reconcile(store)
            if record.isIncremental { incremental += 1 }
            try Self.expectMatchesFull(store, "step \(step)")
            #expect(try store.foreignKeyViolations() == 0, "step \(step)")
            try Self.expectRecordMatchesStore(record, store, "step \(step)")
        }
        #expect(incremental > 15, "most changes should be reconciled incrementally")
    }

    @Test("a full pass over a stored table: deletes routes of removed imports, records changes in key order, counts what is stored")
    func fullPassOverStoredRoutes() throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("f.db").path)
        try store.update { $0 = try! EstateGenerator(clusters: 40, servicesPerCluster: 3, importsPerCluster: 5, seed: 9).topology() }
        try Self.expectRecordMatchesStore(try Self.reconcile(store, full: true), store, "first")
        let idle = try Self.reconcile(store, full: true)
        #expect(idle.changes.isEmpty && idle.rowsWritten == 0)
        try Self.expectRecordMatchesStore(idle, store, "idle")
        var random = SplitMix64(seed: 9)
        try store.update { topology in
            for _ in 0..<12 {
                let ids = topology.imports.keys.sorted()
                topology.imports[ids[random.below(ids.count)]] = nil
            }
            Self.mutate(&topology, &random, step: 0)
        }
        let record = try Self.reconcile(store, full: true)
        #expect(record.changes.contains { $0.after == nil } && !record.isIncremental)
        try Self.expectMatchesFull(store, "after removals")
        try Self.expectRecordMatchesStore(record, store, "after removals")
    }

    @Test("a change touches only the imports it can affect, and nothing at all is recomputed without changes")
    func proportional() throws {
        let directory = try TemporaryDirectory.make()
        let store = try Store(path: directory.appendingPathComponent("p.db").path)
        try store.update { $0 = try! EstateGenerator(clusters: 60, servicesPerCluster: 4, importsPerCluster: 6, seed: 5).topology() }
        let full = try Self.reconcile(store)
        let idle = try Self.reconcile(store)
        #expect(idle.isIncremental && idle.recomputed == 0 && idle.rowsWritten == 0)
        // A tunnel that some import actually uses.
        try store.update { topology in
            let used = topology.tunnels.keys.sorted().first { pair in
                topology.imports.keys.contains { UnorderedPair($0.consumer.cluster, $0.service.cluster) == pair }
            }
            if let used { topology.tunnels[used] = nil }
        }
        let one = try Self.reconcile(store)
        #expect(one.isIncremental && one.recomputed > 0 && one.recomputed < full.recomputed / 10)
        try Self.expectMatchesFull(store, "after removing a tunnel")
    }
}
