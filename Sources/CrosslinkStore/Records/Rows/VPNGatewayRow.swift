import CrosslinkCore

/// A row of `vpn_gateway`.
struct VPNGatewayRow: TableRow {
    static let table = "vpn_gateway"
    static let columns = "name, vnet, public_ip, bgp_asn, subnet"
    var gateway: VPNGateway

    init(row: SQLiteRow) throws {
        gateway = VPNGateway(
            name: try row.requiredText(0), vnet: try row.requiredText(1), publicIP: try row.optionalAddress(2, "public IP"),
            bgpASN: row.integer(3).map { UInt32(truncatingIfNeeded: $0) }, subnet: try row.optionalCIDR(4, "gateway subnet"))
    }
}
