/// How close a rejected path kind came to carrying an import: how many of its conditions hold and
/// how many do not. The path with the fewest unmet conditions is the one to fix first (spec §9.3).
///
/// A path checks its conditions in a fixed order and keeps checking after the first failure, so that
/// `unmet` counts every independent change the path still needs; a condition that only makes sense
/// once an earlier one holds (a tunnel's state, when there is no tunnel) is not counted separately,
/// because the change that fixes the earlier one can satisfy it too. docs/routability.md lists each
/// path's conditions.
package struct PathCloseness: Hashable, Sendable {
    package var met: Int
    package var unmet: Int

    package init(met: Int, unmet: Int) {
        self.met = met
        self.unmet = unmet
    }

    /// What a rejection says when its path reports nothing more: one condition failed.
    package static let oneUnmet = PathCloseness(met: 0, unmet: 1)
}

/// Collects one path kind's conditions in order: counts those that hold and those that do not, and
/// keeps the reason of the first that does not (built only then, so counting costs no text).
struct PathConditions {
    private(set) var met = 0
    private(set) var unmet = 0
    private(set) var firstReason: RouteReason?

    /// Records one condition and returns whether it holds.
    @discardableResult
    mutating func require(_ holds: Bool, _ reason: @autoclosure () -> RouteReason) -> Bool {
        if holds {
            met += 1
        } else {
            unmet += 1
            if firstReason == nil { firstReason = reason() }
        }
        return holds
    }

    /// Records a reachability condition: its reason, prefixed with what needed the reachability.
    /// Returns the hops when it holds.
    @discardableResult
    mutating func require(_ reachability: Reachability, _ context: @autoclosure () -> String) -> [String]? {
        guard case .unreachable(let reason) = reachability else {
            met += 1
            return reachability.hops
        }
        require(false, RouteReason(reason.code, "\(context()): \(reason.message)", fix: reason.fix))
        return nil
    }

    /// Records that VNet `source` must reach VNet `target` (rules N1–N5); returns the hops when it does. Once a
    /// reason is kept, only whether it holds matters, which costs no text.
    @discardableResult
    mutating func requireReach(_ underlay: Underlay, from source: String, to target: String, _ context: @autoclosure () -> String) -> [String]? {
        if firstReason != nil {
            let holds = underlay.connects(source, target)
            require(holds, RouteReason(.noUnderlayPath, ""))
            return holds ? [] : nil
        }
        return require(underlay.reachability(from: source, to: target), context())
    }

    var closeness: PathCloseness { PathCloseness(met: met, unmet: unmet) }

    /// The path's rejection when some condition failed.
    var rejection: RouteEngine.Outcome? {
        firstReason.map { .rejected($0, closeness) }
    }

    /// The rejection after a condition that the rest of the path depends on failed. `code` names
    /// that condition; it is used only if the caller returned early without recording the failure.
    func failed(_ code: ReasonCode) -> RouteEngine.Outcome {
        .rejected(firstReason ?? RouteReason(code, "no reason recorded"), closeness)
    }
}
