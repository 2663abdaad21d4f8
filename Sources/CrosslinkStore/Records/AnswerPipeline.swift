import CrosslinkCore
import Dispatch

/// Answers imports on a second thread while the caller's thread stores earlier answers, so the route
/// engine (pure) and SQLite (one connection, used from one thread) overlap instead of taking turns.
///
/// Imports go in batches to one serial queue; the answered batches come back in the order they were
/// sent, so what is stored, and in which order, is exactly what answering in line would store. At most
/// `depth` batches are answered ahead of the store, which bounds the memory.
final class AnswerPipeline {
    private let answer: @Sendable (ServiceImport) -> [RouteAnswer]
    private let queue = DispatchQueue(label: "crosslink.reconcile.answers")
    private let batchSize: Int
    private let depth: Int
    private var batch: [ServiceImport] = []
    /// Batches sent and not yet handed back, oldest first.
    private var inFlight: [BackgroundWork<[PreparedAnswer]>] = []

    init(answer: @escaping @Sendable (ServiceImport) -> [RouteAnswer], batchSize: Int = 256, depth: Int = 2) {
        self.answer = answer
        self.batchSize = max(1, batchSize)
        self.depth = max(1, depth)
        batch.reserveCapacity(self.batchSize)
    }

    /// Queues `item`; hands `store` every batch that must be stored before more are answered.
    func add(_ item: ServiceImport, _ store: ([PreparedAnswer]) throws -> Void) throws {
        batch.append(item)
        guard batch.count >= batchSize else { return }
        send()
        while inFlight.count > depth { try store(try inFlight.removeFirst().wait()) }
    }

    /// Hands `store` every remaining batch, in order.
    func finish(_ store: ([PreparedAnswer]) throws -> Void) throws {
        if !batch.isEmpty { send() }
        while !inFlight.isEmpty { try store(try inFlight.removeFirst().wait()) }
    }

    private func send() {
        let items = batch
        batch = []
        batch.reserveCapacity(batchSize)
        let answer = self.answer
        // One serial queue: batches are answered in the order they are sent.
        inFlight.append(
            BackgroundWork(on: queue) {
                var prepared: [PreparedAnswer] = []
                prepared.reserveCapacity(items.count)
                for item in items {
                    for route in answer(item) { prepared.append(PreparedAnswer(route)) }
                }
                return prepared
            })
    }
}
