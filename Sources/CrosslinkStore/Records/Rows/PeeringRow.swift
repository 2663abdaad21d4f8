import CrosslinkCore

/// A row of `peering`.
struct PeeringRow: TableRow {
    static let table = "peering"
    static let columns = "vnet_a, vnet_b, state, gateway_transit, allow_forwarded_traffic"
    var peering: Peering

    init(row: SQLiteRow) throws {
        peering = Peering(
            vnets: UnorderedPair(try row.requiredText(0), try row.requiredText(1)), state: try row.requiredValue(2, "peering state"),
            gatewayTransit: row.text(3), allowForwardedTraffic: try row.requiredFlag(4))
    }
}
