import CrosslinkCore

/// A row of `vpn_connection`.
struct VPNConnectionRow: TableRow {
    static let table = "vpn_connection"
    static let columns = "gateway_a, gateway_b, state, bgp"
    var connection: VPNConnection

    init(row: SQLiteRow) throws {
        connection = VPNConnection(
            gateways: UnorderedPair(try row.requiredText(0), try row.requiredText(1)),
            state: try row.requiredValue(2, "vpn connection state"), bgp: try row.requiredFlag(3))
    }
}
