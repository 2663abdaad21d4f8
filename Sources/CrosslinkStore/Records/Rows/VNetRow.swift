import CrosslinkCore

/// A row of `vnet`: the VNet without its address space (`VNetAddressPrefixRow`).
struct VNetRow: TableRow {
    static let table = "vnet"
    static let columns = "name, region"
    var vnet: VNet

    init(row: SQLiteRow) throws {
        vnet = VNet(name: try row.requiredText(0), region: try row.requiredText(1), addressSpace: [])
    }
}

/// A row of `vnet_address_prefix`: one prefix of a VNet's address space.
struct VNetAddressPrefixRow: TableRow {
    static let table = "vnet_address_prefix"
    static let columns = "vnet, cidr"
    var vnet: String
    var cidr: CIDR

    init(row: SQLiteRow) throws {
        vnet = try row.requiredText(0)
        cidr = try row.requiredCIDR(1, "vnet address prefix")
    }
}
