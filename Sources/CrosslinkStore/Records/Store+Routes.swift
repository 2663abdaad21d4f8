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
    /// them in slices on other threads while this one writes (`ReconcilePipeline`), holding neither
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
                let isFull = try full || fullPassNeeded()
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
                    : try connection.query("SELECT count(*), count(via) FROM route") { (Int(try $0.requiredInteger(0)), Int(try $0.requiredInteger(1))) }.first
                        ?? (0, 0)
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
        if try fullPassNeeded() { return }  // the next reconcile recomputes everything anyway
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
        try connection.rows(ReconcileStateRow.self).first?.generation ?? 0
    }

    /// Whether the next reconcile must answer every import (a database never reconciled, or a change
    /// whose impact reaches across the estate).
    func fullPassNeeded() throws -> Bool {
        try connection.rows(ReconcileStateRow.self).first?.fullNeeded ?? true
    }

    func routesInTransaction() throws -> [RouteAnswer] {
        try connection.rows(
            RouteRow.self, " ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port"
        ).map(\.answer)
    }

    /// The answer stored in a row of `route`, selected as `RouteRow.columns`.
    static func routeAnswer(_ row: SQLiteStatement) throws -> RouteAnswer {
        try RouteRow(row: row).answer
    }

    /// Keys, path kinds and fingerprints of the stored answers (of the dirty imports only, when
    /// asked), in key order: all a reconcile compares against.
    func routeSummariesInTransaction(dirtyOnly: Bool) throws -> [RouteSummary] {
        var summaries: [RouteSummary] = []
        var inOrder = true
        let dirty = " JOIN dirty_import USING (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)"
        let order = " ORDER BY consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port"
        try connection.forEach(RouteSummaryRow.select((dirtyOnly ? dirty : "") + order)) { row in
            let summary = try RouteSummaryRow(row: row).summary
            if inOrder, let last = summaries.last, !(last.key < summary.key) { inOrder = false }
            summaries.append(summary)
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
}
