import CrosslinkCore
import Dispatch

/// Feeds a full pass's imports to the reconciler on other threads while the caller's thread stores
/// earlier slices, so the route engine (pure) and SQLite (one connection, used from one thread)
/// overlap instead of taking turns.
///
/// Imports arrive in key order and go in batches to a concurrent queue, each with the stored routes
/// of its key range (found by a binary search in the key-ordered summaries: the caller's thread
/// touches no route one by one). Batches are independent, so several are reconciled at once (the
/// engine was one thread's work, more than SQLite's: docs/benchmarks.md, "Full reconcile floor
/// (issue 13, fifth session)"); the caller collects them in the order they were sent, so what is
/// stored, and in which order, is what reconciling in line would store. At most `depth` batches are
/// reconciled ahead of the store, which bounds the memory.
final class ReconcilePipeline {
    private let reconciler: Reconciler
    /// Every stored route the pass covers, in key order.
    private let stored: [RouteSummary]
    /// The first stored route not yet sent with a batch.
    private var storedStart: Int
    private let queue = DispatchQueue(label: "crosslink.reconcile.answers", attributes: .concurrent)
    private let batchSize: Int
    private let depth: Int
    private var batch: [ServiceImport] = []
    /// The last import of the batch sent before, which the next must follow.
    private var lastSent: ImportID?
    /// Batches sent and not yet handed back, oldest first.
    private var inFlight: [BackgroundWork<EncodedReconciliation>] = []

    init(reconciler: Reconciler, stored: [RouteSummary], batchSize: Int = 256, depth: Int = 2) {
        self.reconciler = reconciler
        self.stored = stored
        self.storedStart = stored.startIndex
        self.batchSize = max(1, batchSize)
        self.depth = max(1, depth)
        batch.reserveCapacity(self.batchSize)
    }

    /// Queues `item` (after every import added before it, in key order); hands `store` every slice
    /// that must be stored before more are reconciled.
    func add(_ item: ServiceImport, _ store: (EncodedReconciliation) throws -> Void) throws {
        batch.append(item)
        guard batch.count >= batchSize else { return }
        send(last: false)
        while inFlight.count > depth { try store(try inFlight.removeFirst().wait()) }
    }

    /// Hands `store` every remaining slice, in order; the last one also covers the stored routes
    /// after the last import (routes of removed imports).
    func finish(_ store: (EncodedReconciliation) throws -> Void) throws {
        if !batch.isEmpty || storedStart < stored.endIndex { send(last: true) }
        while !inFlight.isEmpty { try store(try inFlight.removeFirst().wait()) }
    }

    private func send(last: Bool) {
        let imports = batch
        batch = []
        batch.reserveCapacity(batchSize)
        // The stored routes up to and including the batch's last import: every stored route of the
        // batch's imports, and those of removed imports between the previous batch and this one.
        let end = last ? stored.endIndex : Self.end(of: imports.last?.id, in: stored, from: storedStart)
        let slice = stored[storedStart..<end]
        storedStart = end
        let previous = lastSent
        lastSent = imports.last?.id ?? lastSent
        let reconciler = self.reconciler
        // Batches may finish out of order; `inFlight` hands them back in the order they were sent.
        inFlight.append(
            BackgroundWork(on: queue) {
                // The slices are cut by key order: imports out of it (impossible from the primary key
                // unless the file was altered) would pair answers with the wrong stored rows.
                var before = previous
                for item in imports {
                    if let before, !(before < item.id) { throw StoreError.corrupt("service imports out of key order at \(item.id)") }
                    before = item.id
                }
                return EncodedReconciliation(try reconciler.reconcile(imports, stored: slice))
            })
    }

    /// The index after the last summary at or before `id`'s routes (binary search from `start`).
    static func end(of id: ImportID?, in stored: [RouteSummary], from start: Int) -> Int {
        guard let id else { return start }
        var low = start, high = stored.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if id < stored[middle].key.importID { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
