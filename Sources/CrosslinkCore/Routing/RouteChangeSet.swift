/// What changed between two reconciles: the report `crosslink reconcile` prints.
package struct RouteChangeSet: Sendable, Hashable {
    /// A route whose path kind changed while it stayed routable.
    package struct PathChange: Sendable, Hashable {
        package var before: RouteSummary
        package var after: RouteAnswer
    }

    /// Routes that are routable now and were unroutable or absent before.
    package var newlyRoutable: [RouteAnswer] = []
    /// Routes that are unroutable now and were routable or absent before.
    package var newlyUnroutable: [RouteAnswer] = []
    /// Routes routable before and now, over a different path kind.
    package var pathChanged: [PathChange] = []
    /// Routes that did not exist before (also listed above by verdict).
    package var added: [RouteKey] = []
    /// Routes that no longer exist (their import or port is gone).
    package var removed: [RouteKey] = []

    /// Classifies the routes whose stored answer changed (`Reconciler` finds them; before nil: new,
    /// after nil: gone).
    package init(changes: some Collection<RouteChange>) {
        for change in changes {
            guard let answer = change.after else {
                removed.append(change.key)
                continue
            }
            let old = change.before
            if old == nil { added.append(answer.key) }
            switch (old?.isRoutable, answer.isRoutable) {
            case (true?, true):
                if let old, old.via != answer.via { pathChanged.append(PathChange(before: old, after: answer)) }
            case (true?, false), (nil, false):
                newlyUnroutable.append(answer)
            case (false?, true), (nil, true):
                newlyRoutable.append(answer)
            case (false?, false):
                break
            }
        }
        // Key order makes the report stable. A reconciler's changes come in it already (a first
        // reconcile's are every route: sorting those large answers again took 2% of `reconcile --full`).
        guard !zip(changes, changes.dropFirst()).allSatisfy({ $0.key < $1.key }) else { return }
        newlyRoutable.sort { $0.key < $1.key }
        newlyUnroutable.sort { $0.key < $1.key }
        pathChanged.sort { $0.after.key < $1.after.key }
        added.sort()
        removed.sort()
    }

    /// Whether nothing a user cares about changed.
    package var isEmpty: Bool {
        newlyRoutable.isEmpty && newlyUnroutable.isEmpty && pathChanged.isEmpty && added.isEmpty && removed.isEmpty
    }
}
