import CrosslinkCore

/// The outcome of one reconcile as stored.
package struct ReconcileRecord: Sendable {
    /// The route table's generation after this reconcile (unchanged when nothing changed).
    package var generation: Int
    /// Whether only the imports touched since the last reconcile were recomputed.
    package var isIncremental: Bool
    /// Every route whose stored answer changed, in key order.
    package var changes: FlattenSequence<[[RouteChange]]> { changeSlices.joined() }
    /// The same, as the reconciler's slices gave them.
    package var changeSlices: [[RouteChange]]
    /// Every routable answer, when asked for (manifests need them); empty otherwise.
    package var routable: [RouteAnswer]
    /// Routes answered in this reconcile.
    package var recomputed: Int
    /// Rows inserted, updated or deleted.
    package var rowsWritten: Int
    /// Routes stored after the reconcile, and how many of them are routable.
    package var routeCount: Int
    package var routableCount: Int
}

extension Store {
    /// Reconciles in one write transaction: reads the estate and the stored answers' summaries, lets
    /// the pure `Reconciler` answer the imports and find what changed, writes only the rows that
    /// differ, and bumps the generation when anything changed.
    ///
    /// Incremental unless `full` is set or the database asks for a full pass: only the imports that
    /// changes since the last reconcile could affect (see `RouteImpact`) are reconciled, from a slice
    /// of the estate. A full pass streams the imports from the database in key order and reconciles
    /// them in slices on a second thread while this one writes (`ReconcilePipeline`), holding neither
    /// every import nor every answer. `beforeCommit` runs last inside the transaction with the record
    /// and the snapshot the answers came from (the whole estate without imports on a full pass, the
    /// slice otherwise; crosslink writes manifests there); it may call the function it is given to
    /// commit while it can still undo its own work should the commit fail; when it does not, the commit
    /// follows it. Whatever throws before the commit (the engine included) stores nothing.
    package func reconcile(
        full: Bool = false,
        keepRoutable: Bool = false,
        beforeCommit: (ReconcileRecord, Topology, _ commit: () throws -> Void) throws -> Void = { _, _, _ in }
    ) throws -> ReconcileRecord {
        try mappingStoreErrors { try connection.execute("BEGIN IMMEDIATE") }
        do {
            let record = try mappingStoreErrors { () throws -> ReconcileRecord in
                let stored = try connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) ?? 1 }.first ?? 1
                let isFull = full || stored == 1
                var generation = try generationInTransaction()
                var writer = try RouteWriter(connection: connection, generation: generation + 1, keepRoutable: keepRoutable)
                var topology = Topology()
                if isFull {
                    let previous = try routeSummariesInTransaction(dirtyOnly: false)
                    var scope = TopologyScope.everything
                    scope.includesImports = false
                    topology = try topologyInTransaction(scope: scope)
                    let pipeline = ReconcilePipeline(reconciler: Reconciler(topology: topology), stored: previous)
                    try forEachImport { item in try pipeline.add(item) { try writer.write($0) } }
                    try pipeline.finish { try writer.write($0) }
                } else {
                    let dirty = try dirtyImportsInTransaction()
                    if !dirty.isEmpty {
                        let previous = try routeSummariesInTransaction(dirtyOnly: true)
                        topology = try topologyInTransaction(scope: .imports(dirty))
                        let reconciliation = try Reconciler(topology: topology).reconcile(Array(topology.imports.values), stored: previous)
                        try writer.write(EncodedReconciliation(reconciliation))
                    }
                }
                if writer.rows > 0 {
                    generation += 1
                    try connection.run("UPDATE reconcile_state SET generation = ? WHERE singleton = 1", [generation.sqlite])
                }
                try connection.execute("UPDATE reconcile_state SET full_needed = 0; DELETE FROM dirty_import")
                // A full pass answered every route there is now (the others were deleted): no need to
                // count the table. An incremental one saw only some.
                let counts =
                    isFull
                    ? (writer.recomputed, writer.recomputedRoutable)
                    : try connection.query("SELECT count(*), count(via) FROM route") { (Int($0.integer(0) ?? 0), Int($0.integer(1) ?? 0)) }.first ?? (0, 0)
                let record = ReconcileRecord(
                    generation: generation, isIncremental: !isFull, changeSlices: writer.changes,
                    routable: writer.routable, recomputed: writer.recomputed, rowsWritten: writer.rows,
                    routeCount: counts.0, routableCount: counts.1)
                var committed = false
                try beforeCommit(record, topology) {
                    try connection.execute("COMMIT")
                    committed = true
                }
                if !committed { try connection.execute("COMMIT") }
                return record
            }
            return record
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Reads every import in primary-key order, one row at a time.
    private func forEachImport(_ body: (ServiceImport) throws -> Void) throws {
        try connection.forEach(
            ServiceImportRow.select(" ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name")
        ) { row in try body(try ServiceImportRow(row: row).item) }
    }

    /// Remembers what a committed change can affect, for the next incremental reconcile. The impact
    /// is only worked out when it matters: not before the first reconcile, nor when a full one is due.
    func recordImpact(_ impact: () throws -> RouteImpact) throws {
        let fullNeeded = (try connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) ?? 1 }.first ?? 1) == 1
        if fullNeeded { return }  // the next reconcile recomputes everything anyway
        switch try impact() {
        case .everything:
            try connection.execute("UPDATE reconcile_state SET full_needed = 1; DELETE FROM dirty_import")
        case .imports(let ids):
            for id in ids {
                try connection.run(
                    """
                    INSERT OR IGNORE INTO dirty_import (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
                    VALUES (?, ?, ?, ?, ?)
                    """, id.values)
            }
        }
    }

    func dirtyImportsInTransaction() throws -> Set<ImportID> {
        Set(try connection.rows(DirtyImportRow.self).map(\.id))
    }

    /// The stored answers of the last reconcile and its generation, in one read transaction.
    package func loadRoutes() throws -> (generation: Int, answers: [RouteAnswer]) {
        try read { store in (try store.generationInTransaction(), try store.routesInTransaction()) }
    }

    func generationInTransaction() throws -> Int {
        Int(try connection.query("SELECT generation FROM reconcile_state WHERE singleton = 1") { $0.integer(0) ?? 0 }.first ?? 0)
    }

    func routesInTransaction() throws -> [RouteAnswer] {
        try connection.query(
            """
            SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                   service_port, port, via, address, hops, rejected
            FROM route
            ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
            """, [], Self.routeAnswer)
    }

    /// The answer stored in a row of `route`, selected as `routesInTransaction` selects it.
    static func routeAnswer(_ row: SQLiteStatement) throws -> RouteAnswer {
        let key = try row.routeKey()
        let hops = row.text(9) ?? ""
        return RouteAnswer(
            consumer: key.consumer, service: key.service, servicePort: key.servicePort, port: Int(row.integer(6) ?? 0),
            via: try row.text(7).map { text -> PathKind in
                guard let kind = PathKind(rawValue: text) else { throw StoreError.corrupt("route via \(text.quoted)") }
                return kind
            },
            address: row.text(8), hops: hops.isEmpty ? [] : hops.pieces(at: "\n", omittingEmpty: false).map(String.init),
            rejected: try Self.rejections(row.text(10) ?? ""))
    }

    /// Keys, path kinds and fingerprints of the stored answers (of the dirty imports only, when
    /// asked), in key order: all a reconcile compares against.
    func routeSummariesInTransaction(dirtyOnly: Bool) throws -> [RouteSummary] {
        var summaries: [RouteSummary] = []
        var inOrder = true
        try connection.forEach(
            dirtyOnly
                ? """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                       service_port, via, fingerprint
                FROM route JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
                ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
                """
                : """
                SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
                       service_port, via, fingerprint
                FROM route
                ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port
                """
        ) { row in
            let key = try row.routeKey()
            if inOrder, let last = summaries.last, !(last.key < key) { inOrder = false }
            summaries.append(RouteSummary(key: key, via: row.text(6).flatMap(PathKind.init(rawValue:)), fingerprint: UInt64(bitPattern: row.integer(7) ?? 0)))
        }
        // SQLite's byte order is the keys' order for the names validation allows; the pipeline's
        // binary search needs the keys' order whatever the file holds.
        if !inOrder { summaries.sort { $0.key < $1.key } }
        return summaries
    }

    /// Appends the stored form of `rejected` to `bytes`: one line each,
    /// `via<TAB>code<TAB>message<TAB>met<TAB>unmet<TAB>fix` (fix empty when there is none), texts with
    /// control characters escaped (`replacingNewlines`). Rows stored before closeness and fixes
    /// existed have the first three fields only.
    static func encode(_ rejected: [Rejection], into bytes: inout [UInt8]) {
        for (index, rejection) in rejected.enumerated() {
            if index > 0 { bytes.append(0x0A) }
            bytes.append(contentsOf: rejection.via.rawValue.utf8)
            bytes.append(0x09)
            bytes.append(contentsOf: rejection.reason.code.rawValue.utf8)
            bytes.append(0x09)
            appendEscaped(rejection.reason.message, to: &bytes)
            bytes.append(0x09)
            bytes.append(contentsOf: String(rejection.closeness.met).utf8)
            bytes.append(0x09)
            bytes.append(contentsOf: String(rejection.closeness.unmet).utf8)
            bytes.append(0x09)
            if let fix = rejection.reason.fix { appendEscaped(fix, to: &bytes) }
        }
    }

    private static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        // Nearly every text is clean: append its bytes as they are unless one needs escaping.
        let clean =
            text.utf8.withContiguousStorageIfAvailable { raw in
                if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return false }
                bytes.append(contentsOf: raw)
                return true
            } ?? false
        if !clean { bytes.append(contentsOf: text.replacingNewlines().utf8) }
    }

    /// Appends the stored form of hops, one a line, to `bytes`.
    static func encode(hops: [String], into bytes: inout [UInt8]) {
        for (index, hop) in hops.enumerated() {
            if index > 0 { bytes.append(0x0A) }
            bytes.append(contentsOf: hop.utf8)
        }
    }

    private static func rejections(_ text: String) throws -> [Rejection] {
        guard !text.isEmpty else { return [] }
        return try text.pieces(at: "\n", omittingEmpty: true).map { line in
            let parts = line.pieces(at: "\t", omittingEmpty: false).map(String.init)
            guard parts.count == 3 || parts.count == 6, let via = PathKind(rawValue: parts[0]) else {
                throw StoreError.corrupt("route rejection \(String(line).quoted)")
            }
            guard let code = ReasonCode(rawValue: parts[1]) else { throw StoreError.corrupt("route rejection \(String(line).quoted)") }
            guard parts.count == 6 else { return Rejection(via: via, reason: RouteReason(code, parts[2])) }
            guard let met = Int(parts[3]), let unmet = Int(parts[4]) else { throw StoreError.corrupt("route rejection \(String(line).quoted)") }
            return Rejection(
                via: via, reason: RouteReason(code, parts[2], fix: parts[5].isEmpty ? nil : parts[5]),
                closeness: PathCloseness(met: met, unmet: unmet))
        }
    }
}

extension StringProtocol {
    /// The text cut at an ASCII separator, by bytes: cutting by Character took half of
    /// `routes -o json` at 10,000 clusters (docs/benchmarks.md, "Streaming output").
    fileprivate func pieces(at separator: Unicode.Scalar, omittingEmpty: Bool) -> [Substring] {
        let text = Substring(self)
        return text.utf8.split(separator: UInt8(ascii: separator), omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}
