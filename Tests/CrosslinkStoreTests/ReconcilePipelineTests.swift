import CrosslinkCore
import CrosslinkGenerator
import Testing

@testable import CrosslinkStore

/// The pipeline reconciles key-ordered slices on another thread: what comes back must be what one
/// call of the reconciler over every import gives, in order.
@Suite struct ReconcilePipelineTests {
    static let estate = try! EstateGenerator(clusters: 12, servicesPerCluster: 3, importsPerCluster: 5, seed: 3).topology()

    /// The estate after a change: imports removed (their stored routes must be reported gone,
    /// including those after the last import), one cluster without egress.
    static let changed: Topology = {
        var topology = estate
        let ids = topology.imports.keys.sorted()
        for id in ids.prefix(2) + ids.suffix(3) + ids.filter({ $0.consumer.cluster.hasSuffix("1") }).prefix(4) { topology.imports[id] = nil }
        topology.clusters[topology.clusters.keys.sorted()[3]]?.egress = .none
        return topology
    }()

    /// What the estate's first reconcile stored, with one fingerprint altered (a changed answer).
    static func stored() throws -> [RouteSummary] {
        var stored = try Reconciler(topology: estate).reconcile(Array(estate.imports.values), stored: []).answers.map(\.summary)
        stored[5].fingerprint ^= 1
        return stored
    }

    static func piped(_ topology: Topology, stored: [RouteSummary], batchSize: Int, depth: Int) throws -> [EncodedReconciliation] {
        let pipeline = ReconcilePipeline(reconciler: Reconciler(topology: topology), stored: stored, batchSize: batchSize, depth: depth)
        var received: [EncodedReconciliation] = []
        for id in topology.imports.keys.sorted() {
            try pipeline.add(topology.imports[id]!) { received.append($0) }
        }
        try pipeline.finish { received.append($0) }
        return received
    }

    @Test("slices come back in order and together equal one reconcile, whatever the batch size and depth", arguments: [(1, 1), (3, 2), (7, 1), (1000, 2)])
    func inOrder(batchSize: Int, depth: Int) throws {
        let stored = try Self.stored()
        let whole = try Reconciler(topology: Self.changed).reconcile(Array(Self.changed.imports.values), stored: stored)
        #expect(whole.changes.contains { $0.after == nil } && whole.changes.contains { $0.before != nil && $0.after != nil })
        let received = try Self.piped(Self.changed, stored: stored, batchSize: batchSize, depth: depth)
        #expect(received.flatMap(\.reconciliation.answers) == whole.answers)
        #expect(received.flatMap(\.reconciliation.changes) == whole.changes)
        let encoded = received.flatMap(\.encoded)
        #expect(encoded.count == whole.changes.count)
        for (texts, change) in zip(encoded, whole.changes) {
            var rejected: [UInt8] = []
            if let answer = change.after { Store.encode(answer.rejected, into: &rejected) }
            #expect(texts.rejected == rejected)
        }
    }

    @Test("with no imports left, every stored route is reported gone")
    func everythingRemoved() throws {
        var empty = Self.estate
        empty.imports = [:]
        let stored = try Self.stored()
        let received = try Self.piped(empty, stored: stored, batchSize: 4, depth: 1)
        #expect(received.flatMap(\.reconciliation.changes).map(\.key) == stored.map(\.key))
    }

    @Test("an engine error reaches the caller")
    func engineError() throws {
        var topology = Self.estate
        topology.services[topology.services.keys.sorted()[0]] = nil
        #expect(throws: CrosslinkError.self) { try Self.piped(topology, stored: [], batchSize: 4, depth: 2) }
    }

    @Test("imports out of key order are reported, not paired with the wrong stored routes")
    func outOfOrder() throws {
        let pipeline = ReconcilePipeline(reconciler: Reconciler(topology: Self.estate), stored: [], batchSize: 2, depth: 1)
        #expect(throws: StoreError.self) {
            for id in Self.estate.imports.keys.sorted().reversed() { try pipeline.add(Self.estate.imports[id]!) { _ in } }
            try pipeline.finish { _ in }
        }
    }

    struct Stop: Error {}

    @Test("an error while storing stops the pass without waiting forever")
    func errorStops() throws {
        var batches = 0
        #expect(throws: Stop.self) {
            let pipeline = ReconcilePipeline(reconciler: Reconciler(topology: Self.estate), stored: [], batchSize: 2, depth: 2)
            for id in Self.estate.imports.keys.sorted() {
                try pipeline.add(Self.estate.imports[id]!) { _ in
                    batches += 1
                    if batches == 3 { throw Stop() }
                }
            }
            try pipeline.finish { _ in }
        }
        #expect(batches == 3)
    }
}
