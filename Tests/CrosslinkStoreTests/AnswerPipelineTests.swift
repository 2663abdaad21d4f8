import CrosslinkCore
import CrosslinkGenerator
import Testing

@testable import CrosslinkStore

/// The pipeline answers on another thread: what comes back must be what answering in line gives, in order.
@Suite struct AnswerPipelineTests {
    static let topology = try! EstateGenerator(clusters: 12, servicesPerCluster: 3, importsPerCluster: 5, seed: 3).topology()

    static func inLine() -> [RouteAnswer] {
        let engine = RouteEngine(topology: topology)
        return topology.imports.keys.sorted().flatMap { (try? engine.answers(for: topology.imports[$0]!)) ?? [] }
    }

    @Test("batches come back in order, whatever the batch size and depth", arguments: [(1, 1), (3, 2), (7, 1), (1000, 2)])
    func inOrder(batchSize: Int, depth: Int) throws {
        let engine = RouteEngine(topology: Self.topology)
        let pipeline = AnswerPipeline(answer: { (try? engine.answers(for: $0)) ?? [] }, batchSize: batchSize, depth: depth)
        var received: [PreparedAnswer] = []
        for id in Self.topology.imports.keys.sorted() {
            try pipeline.add(Self.topology.imports[id]!) { received += $0 }
        }
        try pipeline.finish { received += $0 }
        let expected = Self.inLine()
        #expect(received.map(\.answer) == expected)
        #expect(received.map(\.fingerprint) == expected.map(\.fingerprint))
        #expect(
            received.map(\.rejected)
                == expected.map { answer in
                    var bytes: [UInt8] = []
                    Store.encode(answer.rejected, into: &bytes)
                    return bytes
                })
    }

    struct Stop: Error {}

    @Test("an error while storing stops the pass without waiting forever")
    func errorStops() throws {
        let engine = RouteEngine(topology: Self.topology)
        var batches = 0
        #expect(throws: Stop.self) {
            let pipeline = AnswerPipeline(answer: { (try? engine.answers(for: $0)) ?? [] }, batchSize: 2, depth: 2)
            for id in Self.topology.imports.keys.sorted() {
                try pipeline.add(Self.topology.imports[id]!) { _ in
                    batches += 1
                    if batches == 3 { throw Stop() }
                }
            }
            try pipeline.finish { _ in }
        }
        #expect(batches == 3)
    }
}
