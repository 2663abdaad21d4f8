import CrosslinkCore

/// A row of `tunnel`.
struct TunnelRow: TableRow {
    static let table = "tunnel"
    static let columns = "cluster_a, cluster_b, cable_driver, endpoint, state"
    var tunnel: Tunnel

    init(row: SQLiteRow) throws {
        tunnel = Tunnel(
            clusters: UnorderedPair(try row.requiredText(0), try row.requiredText(1)), cableDriver: try row.requiredValue(2, "cable driver"),
            endpoint: try row.requiredValue(3, "tunnel endpoint"), state: try row.requiredValue(4, "tunnel state"))
    }
}
