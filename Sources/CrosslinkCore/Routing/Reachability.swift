/// Whether one VNet reaches another over the underlay (rules N1–N5), and how or why not.
package enum Reachability: Hashable, Sendable {
    /// Reachable; `hops` describes the links used (empty within one VNet).
    case reachable(hops: [String])
    case unreachable(RouteReason)

    package var isReachable: Bool {
        if case .reachable = self { return true }
        return false
    }
}
