import CrosslinkCore

/// Route tables, firewalls and security groups (spec §8, schema 11): writing and reading.
extension Store {
    func save(_ table: RouteTable, isNew: Bool) throws {
        let key = [table.name.sqlite]
        try connection.run(
            """
            INSERT INTO route_table (name, vnet, propagate_gateway_routes) VALUES (?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET vnet = excluded.vnet, propagate_gateway_routes = excluded.propagate_gateway_routes
            """, key + [table.vnet.sqlite, .integer(table.propagateGatewayRoutes ? 1 : 0)])
        try replaceChildren(
            "route_table_subnet", owner: "route_table", key: key, column: "cidr", values: table.subnets.map(\.description), isNew: isNew)
        if !isNew { try connection.run("DELETE FROM route_table_route WHERE route_table = ?", key) }
        for (position, route) in table.routes.enumerated() {
            try connection.run(
                "INSERT INTO route_table_route (route_table, position, prefix, next_hop, next_hop_ip) VALUES (?, ?, ?, ?, ?)",
                key + [
                    position.sqlite, route.prefix.description.sqlite, route.nextHop.rawValue.sqlite,
                    route.nextHopIP?.description.sqlite ?? .null,
                ])
        }
    }

    func save(_ firewall: Firewall, isNew: Bool) throws {
        let key = [firewall.name.sqlite]
        try connection.run(
            """
            INSERT INTO firewall (name, vnet, private_ip, default_action) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET vnet = excluded.vnet, private_ip = excluded.private_ip, default_action = excluded.default_action
            """, key + [firewall.vnet.sqlite, firewall.privateIP.description.sqlite, firewall.defaultAction.rawValue.sqlite])
        if !isNew { try connection.run("DELETE FROM firewall_rule WHERE firewall = ?", key) }
        for (position, rule) in firewall.rules.enumerated() {
            try connection.run(
                """
                INSERT INTO firewall_rule (firewall, position, name, action, sources, destinations, ports, protocols)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                key + [
                    position.sqlite, rule.name.sqlite, rule.action.rawValue.sqlite, joined(rule.sources), joined(rule.destinations),
                    joined(rule.ports), joined(rule.protocols.map(\.rawValue)),
                ])
        }
    }

    func save(_ group: SecurityGroup, isNew: Bool) throws {
        let key = [group.name.sqlite]
        try connection.run(
            "INSERT INTO security_group (name, vnet) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET vnet = excluded.vnet", key + [group.vnet.sqlite])
        try replaceChildren(
            "security_group_subnet", owner: "security_group", key: key, column: "cidr", values: group.subnets.map(\.description), isNew: isNew)
        if !isNew { try connection.run("DELETE FROM security_group_rule WHERE security_group = ?", key) }
        for (position, rule) in group.rules.enumerated() {
            try connection.run(
                """
                INSERT INTO security_group_rule (security_group, position, name, priority, direction, access, protocol, sources, destinations, ports)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                key + [
                    position.sqlite, rule.name.sqlite, rule.priority.sqlite, rule.direction.rawValue.sqlite, rule.access.rawValue.sqlite,
                    rule.protocol.rawValue.sqlite, joined(rule.sources), joined(rule.destinations), joined(rule.ports),
                ])
        }
    }

    private func joined(_ values: [some CustomStringConvertible]) -> SQLiteValue {
        values.map(\.description).joined(separator: " ").sqlite
    }

    /// Reads the route tables, firewalls and security groups of `vnets` (nil: every one) into
    /// `topology`; call inside a transaction.
    func loadTrafficControls(into topology: inout Topology, vnets: [String]? = nil) throws {
        let list = vnets.map(SQLiteList.init)
        let values = list?.values ?? []
        /// `WHERE …` for a table of `owner`'s children: only the owners in `vnets`.
        func children(_ column: String, of owner: String) -> String {
            list.map { " WHERE \(column) IN (SELECT name FROM \(owner) WHERE vnet IN \($0.sql))" } ?? ""
        }
        let own = list.map { " WHERE vnet IN \($0.sql)" } ?? ""

        var subnets: [String: [CIDR]] = [:]
        for row in try connection.rows(RouteTableSubnetRow.self, "\(children("route_table", of: "route_table")) ORDER BY route_table, position", values) {
            subnets[row.routeTable, default: []].append(row.cidr)
        }
        var routes: [String: [UserRoute]] = [:]
        for row in try connection.rows(RouteTableRouteRow.self, "\(children("route_table", of: "route_table")) ORDER BY route_table, position", values) {
            routes[row.routeTable, default: []].append(row.route)
        }
        for row in try connection.rows(RouteTableRow.self, own, values) {
            var table = row.routeTable
            table.subnets = subnets[table.name] ?? []
            table.routes = routes[table.name] ?? []
            topology.routeTables[table.name] = table
        }

        var rules: [String: [FirewallRule]] = [:]
        for row in try connection.rows(FirewallRuleRow.self, "\(children("firewall", of: "firewall")) ORDER BY firewall, position", values) {
            rules[row.firewall, default: []].append(row.rule)
        }
        for row in try connection.rows(FirewallRow.self, own, values) {
            var firewall = row.firewall
            firewall.rules = rules[firewall.name] ?? []
            topology.firewalls[firewall.name] = firewall
        }

        var groupSubnets: [String: [CIDR]] = [:]
        for row in try connection.rows(
            SecurityGroupSubnetRow.self, "\(children("security_group", of: "security_group")) ORDER BY security_group, position", values)
        {
            groupSubnets[row.group, default: []].append(row.cidr)
        }
        var groupRules: [String: [SecurityRule]] = [:]
        for row in try connection.rows(
            SecurityGroupRuleRow.self, "\(children("security_group", of: "security_group")) ORDER BY security_group, position", values)
        {
            groupRules[row.group, default: []].append(row.rule)
        }
        for row in try connection.rows(SecurityGroupRow.self, own, values) {
            var group = row.group
            group.subnets = groupSubnets[group.name] ?? []
            group.rules = groupRules[group.name] ?? []
            topology.securityGroups[group.name] = group
        }
    }

    /// Whether any route table, firewall or security group is stored (a routing slice then needs the whole underlay).
    func hasTrafficControls() throws -> Bool {
        let counts = try connection.query(
            "SELECT (SELECT count(*) FROM route_table) + (SELECT count(*) FROM firewall) + (SELECT count(*) FROM security_group)"
        ) { try $0.requiredInteger(0) }
        return (counts.first ?? 0) > 0
    }
}
