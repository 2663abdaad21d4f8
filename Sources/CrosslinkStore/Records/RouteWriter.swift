import CrosslinkCore

/// Writes what a reconcile changed into the route table and keeps the tally the reconcile reports;
/// remembers only the changes (and, when asked, the routable answers), so memory does not grow with
/// the estate on a full pass.
struct RouteWriter {
    let generation: Int
    let keepRoutable: Bool
    /// Every change written, slice by slice, in key order (the slices come in key order, each in key
    /// order). Kept as the slices' own arrays: concatenating them copied every change on the writing thread.
    private(set) var changes: [[RouteChange]] = []
    private(set) var routable: [RouteAnswer] = []
    /// Routes answered, and how many of them routable.
    private(set) var recomputed = 0
    private(set) var recomputedRoutable = 0
    /// Rows inserted, updated or deleted.
    private(set) var rows = 0
    /// Prepared once and bound column by column: a plain insert for a new route (the reconciler was
    /// given every stored row of its range, so a route it calls new has none), an upsert for a changed one.
    /// Held and bound in place rather than looked up and given an array per row: docs/benchmarks.md,
    /// "What was profiled and fixed", row "full reconcile, writing".
    private let insert: SQLiteStatement
    private let upsert: SQLiteStatement
    private let delete: SQLiteStatement

    init(connection: SQLiteConnection, generation: Int, keepRoutable: Bool) throws {
        self.generation = generation
        self.keepRoutable = keepRoutable
        insert = try connection.statement(
            """
            INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                service_port, port, via, address, hops, rejected, generation, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        upsert = try connection.statement(
            """
            INSERT INTO route (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                service_port, port, via, address, hops, rejected, generation, fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port)
            DO UPDATE SET port = excluded.port, via = excluded.via, address = excluded.address, hops = excluded.hops,
                rejected = excluded.rejected, generation = excluded.generation, fingerprint = excluded.fingerprint
            """)
        delete = try connection.statement(
            """
            DELETE FROM route WHERE consumer_cluster = ? AND consumer_namespace = ? AND service_cluster = ?
            AND service_namespace = ? AND service_name = ? AND service_port = ?
            """)
    }

    /// Writes one slice's changes, in order.
    mutating func write(_ slice: EncodedReconciliation) throws {
        let reconciliation = slice.reconciliation
        recomputed += reconciliation.answers.count
        for answer in reconciliation.answers where answer.isRoutable {
            recomputedRoutable += 1
            if keepRoutable { routable.append(answer) }
        }
        for (change, encoded) in zip(reconciliation.changes, slice.encoded) {
            rows += 1
            if let answer = change.after {
                try write(answer, fingerprint: change.fingerprint ?? answer.fingerprint, encoded, into: change.before == nil ? insert : upsert)
            } else {
                try bindKey(change.key, to: delete)
                try delete.run()
            }
        }
        if !reconciliation.changes.isEmpty { changes.append(reconciliation.changes) }
    }

    private func bindKey(_ key: RouteKey, to statement: SQLiteStatement) throws {
        try statement.bind(.text(key.consumer.cluster), at: 1)
        try statement.bind(.text(key.consumer.namespace ?? ""), at: 2)
        try statement.bind(.text(key.service.cluster), at: 3)
        try statement.bind(.text(key.service.namespace), at: 4)
        try statement.bind(.text(key.service.name), at: 5)
        try statement.bind(.integer(Int64(key.servicePort)), at: 6)
    }

    private func write(_ answer: RouteAnswer, fingerprint: UInt64, _ encoded: EncodedTexts, into statement: SQLiteStatement) throws {
        try bindKey(answer.key, to: statement)
        try statement.bind(.integer(Int64(answer.port)), at: 7)
        try statement.bind(answer.via.map { .text($0.rawValue) } ?? .null, at: 8)
        try statement.bind(answer.address.sqlite, at: 9)
        try statement.bind(.utf8(encoded.hops), at: 10)
        try statement.bind(.utf8(encoded.rejected), at: 11)
        try statement.bind(.integer(Int64(generation)), at: 12)
        try statement.bind(.integer(Int64(bitPattern: fingerprint)), at: 13)
        try statement.run()
    }
}

/// The stored forms of an answer's hops and rejections (empty for a removed route).
struct EncodedTexts: Sendable {
    var hops: [UInt8] = []
    var rejected: [UInt8] = []
}

/// A reconciliation with the stored texts of every changed answer, worked out apart from the store
/// so that it can be done on another thread.
struct EncodedReconciliation: Sendable {
    let reconciliation: Reconciliation
    /// One per change, in the same order.
    let encoded: [EncodedTexts]

    init(_ reconciliation: Reconciliation) {
        self.reconciliation = reconciliation
        encoded = reconciliation.changes.map { change in
            var texts = EncodedTexts()
            if let answer = change.after {
                Store.encode(hops: answer.hops, into: &texts.hops)
                Store.encode(answer.rejected, into: &texts.rejected)
            }
            return texts
        }
    }
}
