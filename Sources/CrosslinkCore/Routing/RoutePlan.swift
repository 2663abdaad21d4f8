/// How a change to the estate would change the imports' answers (`crosslink plan`, spec §9.1): every
/// route whose verdict, path kind or address (with port) would differ, before and after. Pure.
package struct RoutePlan: Sendable, Hashable {
    /// One route whose answer would change; `before` is nil for a new import, `after` for a removed one.
    package struct Change: Sendable, Hashable {
        package var key: RouteKey
        package var before: RouteAnswer?
        package var after: RouteAnswer?

        /// A routable import that would become unroutable: what makes `plan` exit 3.
        package var breaksRoute: Bool { before?.isRoutable == true && after?.isRoutable == false }
    }

    /// The changes, in route key order.
    package var changes: [Change]

    /// How many routable imports would become unroutable.
    package var breakingCount: Int { changes.lazy.filter(\.breaksRoute).count }

    /// Compares two sets of answers by route key (each in any order).
    package init(before: [RouteAnswer], after: [RouteAnswer]) {
        var old: [RouteKey: RouteAnswer] = [:]
        old.reserveCapacity(before.count)
        for answer in before { old[answer.key] = answer }
        var changes: [Change] = []
        for answer in after {
            let previous = old.removeValue(forKey: answer.key)
            if previous.map({ !Self.sameRoute($0, answer) }) ?? true { changes.append(Change(key: answer.key, before: previous, after: answer)) }
        }
        for (key, previous) in old { changes.append(Change(key: key, before: previous, after: nil)) }
        self.changes = changes.sorted { $0.key < $1.key }
    }

    /// The plan for changing the estate from `before` to `after` (both valid): answers only the
    /// imports the change can affect (`RouteImpact`, the index incremental reconciles trust), since
    /// every other answer is the same on both sides.
    /// - Throws: what the engine throws for an import naming an object its snapshot lacks: an error,
    ///   not "no answers", which would show that import's routes as removed.
    package init(from before: Topology, to after: Topology) throws {
        let change = TopologyChange(from: before, to: after)
        guard !change.isEmpty else {
            self.init(before: [], after: [])
            return
        }
        func answers(_ topology: Topology, _ impact: RouteImpact) throws -> [RouteAnswer] {
            let engine = RouteEngine(topology: topology)
            guard case .imports(let ids) = impact else { return try engine.allImportAnswers() }
            return try ids.compactMap { topology.imports[$0] }.flatMap { try engine.answers(for: $0) }
        }
        let impact = RouteImpact(from: before, to: after, change: change)
        self.init(before: try answers(before, impact), after: try answers(after, impact))
    }

    /// Same verdict, path kind, address and port: what a user of the route would notice.
    static func sameRoute(_ a: RouteAnswer, _ b: RouteAnswer) -> Bool {
        a.via == b.via && a.address == b.address && a.port == b.port
    }
}
