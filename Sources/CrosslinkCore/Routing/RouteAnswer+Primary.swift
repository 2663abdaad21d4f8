extension RouteAnswer {
    /// Where in `rejected` the reason an unroutable answer leads with is (spec §9.3): the path kind
    /// that came closest, with the fewest unmet conditions, ties going to the more preferred kind (§5).
    /// Nil for a routable answer, whose path is its headline.
    package var primaryIndex: Int? {
        guard !isRoutable else { return nil }
        var best: Int?
        for (index, rejection) in rejected.enumerated() {
            guard let current = best else {
                best = index
                continue
            }
            let leader = rejected[current]
            if (rejection.closeness.unmet, rejection.via) < (leader.closeness.unmet, leader.via) { best = index }
        }
        return best
    }

    /// The rejection an unroutable answer leads with; nil when routable.
    package var primaryRejection: Rejection? { primaryIndex.map { rejected[$0] } }
}
