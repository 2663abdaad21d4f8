/// Whether one VNet reaches another over the underlay (rules N1–N5), and how or why not.
public enum Reachability: Hashable, Sendable {
    /// Reachable; `hops` describes the links used (empty within one VNet).
    case reachable(hops: [String])
    case unreachable(RouteReason)

    public var isReachable: Bool {
        if case .reachable = self { return true }
        return false
    }
}
