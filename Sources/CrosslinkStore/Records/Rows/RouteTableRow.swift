import CrosslinkCore

/// A row of `route_table`: the table without its subnets and routes (rows of their own).
struct RouteTableRow: TableRow {
    static let table = "route_table"
    static let columns = "name, vnet, propagate_gateway_routes"
    var routeTable: RouteTable

    init(row: SQLiteRow) throws {
        routeTable = RouteTable(name: try row.requiredText(0), vnet: try row.requiredText(1), propagateGatewayRoutes: try row.requiredFlag(2))
    }
}

/// A row of `route_table_subnet`: one subnet a route table is associated with.
struct RouteTableSubnetRow: TableRow {
    static let table = "route_table_subnet"
    static let columns = "route_table, cidr"
    var routeTable: String
    var cidr: CIDR

    init(row: SQLiteRow) throws {
        routeTable = try row.requiredText(0)
        cidr = try row.requiredCIDR(1, "route table subnet")
    }
}

/// A row of `route_table_route`: one user-defined route.
struct RouteTableRouteRow: TableRow {
    static let table = "route_table_route"
    static let columns = "route_table, prefix, next_hop, next_hop_ip"
    var routeTable: String
    var route: UserRoute

    init(row: SQLiteRow) throws {
        routeTable = try row.requiredText(0)
        route = UserRoute(
            prefix: try row.requiredCIDR(1, "route prefix"), nextHop: try row.requiredValue(2, "next hop type"),
            nextHopIP: try row.optionalAddress(3, "next hop IP"))
    }
}
