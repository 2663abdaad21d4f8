/// One route whose stored answer a reconcile changes: `before` is nil for a new route, `after` for a
/// route that is gone (its import or port was removed).
package struct RouteChange: Sendable, Hashable {
    package var key: RouteKey
    package var before: RouteSummary?
    package var after: RouteAnswer?
    /// `after`'s fingerprint (nil when the route is gone): worked out once, for the comparison, and
    /// stored with the answer.
    package var fingerprint: UInt64?

    package init(key: RouteKey, before: RouteSummary?, after: RouteAnswer?, fingerprint: UInt64?) {
        self.key = key
        self.before = before
        self.after = after
        self.fingerprint = fingerprint
    }
}

/// What reconciling some imports concluded: every new answer, and the routes whose stored answer differs.
package struct Reconciliation: Sendable, Hashable {
    /// Every answer, in route key order.
    package var answers: [RouteAnswer] = []
    /// The routes whose stored answer differs (new, changed or gone), in route key order.
    package var changes: [RouteChange] = []

    package init(answers: [RouteAnswer] = [], changes: [RouteChange] = []) {
        self.answers = answers
        self.changes = changes
    }
}

/// Reconciles imports against what the last reconcile stored: answers each import with the route
/// engine and compares every answer with the stored one by fingerprint (the one place that
/// comparison is made). Pure: the caller reads the stored summaries and writes the changes.
///
/// The caller may reconcile an estate's imports in slices (a full pass streams them in key order):
/// each call covers a range of routes, and must be given every stored route in that range.
package struct Reconciler: Sendable {
    package let engine: RouteEngine

    /// A reconciler for `topology` (imports not needed: they are passed to `reconcile`).
    package init(topology: Topology) {
        engine = RouteEngine(topology: topology)
    }

    /// Answers `imports` and compares each answer with the stored one.
    /// - Parameters:
    ///   - imports: in any order (key order spares a sort).
    ///   - stored: what is stored for every route of `imports`, plus any stored route whose import or
    ///     port is gone that this call should report removed: a summary no answer claims is a removed route.
    /// - Throws: what the engine throws for an import naming an object the snapshot lacks. No answer
    ///   is made up for it: an error, not "no routes", which would delete the stored ones.
    package func reconcile(_ imports: [ServiceImport], stored: some Collection<RouteSummary>) throws -> Reconciliation {
        var ordered = imports
        if zip(imports, imports.dropFirst()).contains(where: { !($0.id < $1.id) }) { ordered.sort { $0.id < $1.id } }
        var previous: [RouteKey: RouteSummary] = [:]
        previous.reserveCapacity(stored.count)
        for summary in stored { previous[summary.key] = summary }
        var result = Reconciliation()
        result.answers.reserveCapacity(ordered.count)
        // Imports in key order, ports in numeric order: the answers, and so the changes, come out in key order.
        for item in ordered {
            for answer in try engine.answers(for: item) {
                result.answers.append(answer)
                let fingerprint = answer.fingerprint
                let before = previous.isEmpty ? nil : previous.removeValue(forKey: answer.key)
                if before?.fingerprint != fingerprint {
                    result.changes.append(RouteChange(key: answer.key, before: before, after: answer, fingerprint: fingerprint))
                }
            }
        }
        guard !previous.isEmpty else { return result }
        let removed = previous.values.sorted { $0.key < $1.key }.map { RouteChange(key: $0.key, before: $0, after: nil, fingerprint: nil) }
        result.changes = Self.merged(result.changes, removed)
        return result
    }

    /// Two change lists, each in key order, as one in key order.
    static func merged(_ a: [RouteChange], _ b: [RouteChange]) -> [RouteChange] {
        guard !a.isEmpty else { return b }
        var merged: [RouteChange] = []
        merged.reserveCapacity(a.count + b.count)
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex {
            if b[j].key < a[i].key {
                merged.append(b[j])
                j += 1
            } else {
                merged.append(a[i])
                i += 1
            }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }
}

extension RouteKey {
    /// The import this route answers (one per imported port).
    package var importID: ImportID { ImportID(consumer: consumer, service: service) }
}
