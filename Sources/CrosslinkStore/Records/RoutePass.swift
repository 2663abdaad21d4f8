import CrosslinkCore

/// One reconcile's walk over answers: compares each with what is stored (by fingerprint), writes
/// the rows that differ, and remembers only what changed, so memory does not grow with the estate.
struct RoutePass {
    let store: Store
    let generation: Int
    let keepRoutable: Bool
    /// What is stored for the routes this pass covers; entries left at the end are routes that are gone.
    var previous: [RouteKey: RouteSummary] = [:]
    var changes: [ReconcileRecord.Change] = []
    /// Whether `changes` was appended in key order (a full pass streams the imports in key order, so
    /// it nearly always is): then it needs no sorting.
    private(set) var changesInKeyOrder = true
    private var lastChangedKey: RouteKey?
    var routable: [RouteAnswer] = []
    var recomputed = 0
    /// Routable answers among the recomputed ones.
    var recomputedRoutable = 0
    var rows = 0
    /// The statements writing a route, prepared once and bound column by column: a plain insert for a
    /// route with no stored row (the summaries cover every stored row the pass can touch, so a key
    /// missing from them has none), an upsert for one that changed.
    private let insert: SQLiteStatement
    private let upsert: SQLiteStatement

    init(store: Store, generation: Int, keepRoutable: Bool) throws {
        self.store = store
        self.generation = generation
        self.keepRoutable = keepRoutable
        self.insert = try store.connection.statement(
            """
            INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                service_port, port, via, address, hops, rejected, generation, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """ as StaticString)
        self.upsert = try store.connection.statement(
            """
            INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                service_port, port, via, address, hops, rejected, generation, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port)
            DO UPDATE SET port = excluded.port, via = excluded.via, address = excluded.address, hops = excluded.hops,
                rejected = excluded.rejected, generation = excluded.generation, fingerprint = excluded.fingerprint
            """ as StaticString)
    }

    mutating func process(_ answers: [RouteAnswer]) throws {
        for answer in answers { try process(PreparedAnswer(answer)) }
    }

    mutating func process(_ prepared: [PreparedAnswer]) throws {
        for item in prepared { try process(item) }
    }

    private mutating func process(_ prepared: PreparedAnswer) throws {
        let answer = prepared.answer
        recomputed += 1
        if answer.isRoutable {
            recomputedRoutable += 1
            if keepRoutable { routable.append(answer) }
        }
        let key = answer.key
        let before = previous.isEmpty ? nil : previous.removeValue(forKey: key)
        if let before, before.fingerprint == prepared.fingerprint { return }
        append(ReconcileRecord.Change(key: key, before: before, after: answer))
        rows += 1
        try write(prepared, into: before == nil ? insert : upsert)
    }

    private mutating func append(_ change: ReconcileRecord.Change) {
        if changesInKeyOrder, let last = lastChangedKey, !(last < change.key) { changesInKeyOrder = false }
        lastChangedKey = change.key
        changes.append(change)
    }

    /// The changes in key order, taken out of the pass (sorted only when they were not appended in order).
    mutating func takeChanges() -> [ReconcileRecord.Change] {
        var taken: [ReconcileRecord.Change] = []
        swap(&taken, &changes)
        if !changesInKeyOrder { taken.sort { $0.key < $1.key } }
        changesInKeyOrder = true
        lastChangedKey = nil
        return taken
    }

    private func write(_ prepared: PreparedAnswer, into statement: SQLiteStatement) throws {
        let answer = prepared.answer
        try statement.bind(answer.consumer.cluster, at: 1)
        try statement.bind(answer.consumer.namespace ?? "", at: 2)
        try statement.bind(answer.service.cluster, at: 3)
        try statement.bind(answer.service.namespace, at: 4)
        try statement.bind(answer.service.name, at: 5)
        try statement.bind(Int64(answer.servicePort), at: 6)
        try statement.bind(Int64(answer.port), at: 7)
        if let via = answer.via { try statement.bind(via.rawValue, at: 8) } else { try statement.bindNull(at: 8) }
        if let address = answer.address { try statement.bind(address, at: 9) } else { try statement.bindNull(at: 9) }
        try prepared.hops.withUnsafeBufferPointer { try statement.bind(utf8: $0, at: 10) }
        try prepared.rejected.withUnsafeBufferPointer { try statement.bind(utf8: $0, at: 11) }
        try statement.bind(Int64(generation), at: 12)
        try statement.bind(Int64(bitPattern: prepared.fingerprint), at: 13)
        try statement.run()
    }

    /// Deletes the stored routes no answer claimed: their import or port is gone.
    mutating func finish() throws {
        for (key, before) in previous {
            append(ReconcileRecord.Change(key: key, before: before, after: nil))
            rows += 1
            try store.connection.run(
                """
                DELETE FROM route WHERE consumer_cluster = ? AND consumer_namespace = ? AND service_cluster = ?
                AND service_namespace = ? AND service_name = ? AND service_port = ?
                """, key.values)
        }
        previous = [:]
    }
}

/// An answer with what storing it takes, worked out apart from the store so that it can be done on
/// another thread: its fingerprint and the stored forms of its hops and rejections.
struct PreparedAnswer: Sendable {
    let answer: RouteAnswer
    let fingerprint: UInt64
    let hops: [UInt8]
    let rejected: [UInt8]

    init(_ answer: RouteAnswer) {
        self.answer = answer
        fingerprint = answer.fingerprint
        var bytes: [UInt8] = []
        Store.encode(hops: answer.hops, into: &bytes)
        hops = bytes
        bytes = []
        Store.encode(answer.rejected, into: &bytes)
        rejected = bytes
    }
}
