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
        let marks = vnets.map { Array(repeating: "?", count: $0.count).joined(separator: ", ") } ?? ""
        let values = vnets?.map(\.sqlite) ?? []
        /// `WHERE …` for a table of `owner`'s children: only the owners in `vnets`.
        func children(_ column: String, of owner: String) -> String {
            vnets == nil ? "" : " WHERE \(column) IN (SELECT name FROM \(owner) WHERE vnet IN (\(marks)))"
        }
        let own = vnets == nil ? "" : " WHERE vnet IN (\(marks))"
        var subnets: [String: [CIDR]] = [:]
        for (name, cidr) in try connection.query(
            "SELECT route_table, cidr FROM route_table_subnet\(children("route_table", of: "route_table")) ORDER BY route_table, position", values,
            { ($0.text(0) ?? "", try storedCIDR($0.text(1))) })
        {
            subnets[name, default: []].append(cidr)
        }
        var routes: [String: [UserRoute]] = [:]
        for (name, route) in try connection.query(
            "SELECT route_table, prefix, next_hop, next_hop_ip FROM route_table_route\(children("route_table", of: "route_table")) ORDER BY route_table, position",
            values,
            { row in
                (
                    row.text(0) ?? "",
                    UserRoute(
                        prefix: try storedCIDR(row.text(1)), nextHop: try stored(row.text(2)),
                        nextHopIP: try row.text(3).map { try storedAddress($0) })
                )
            })
        {
            routes[name, default: []].append(route)
        }
        for table in try connection.query(
            "SELECT name, vnet, propagate_gateway_routes FROM route_table\(own)", values,
            { row in
                let name = row.text(0) ?? ""
                return RouteTable(
                    name: name, vnet: row.text(1) ?? "", subnets: subnets[name] ?? [], propagateGatewayRoutes: row.integer(2) == 1,
                    routes: routes[name] ?? [])
            })
        {
            topology.routeTables[table.name] = table
        }

        var rules: [String: [FirewallRule]] = [:]
        for (name, rule) in try connection.query(
            "SELECT firewall, name, action, sources, destinations, ports, protocols FROM firewall_rule\(children("firewall", of: "firewall")) ORDER BY firewall, position",
            values,
            { row in
                (
                    row.text(0) ?? "",
                    FirewallRule(
                        name: row.text(1) ?? "", action: try stored(row.text(2)), sources: try addresses(row.text(3)),
                        destinations: try addresses(row.text(4)), ports: try ports(row.text(5)),
                        protocols: try words(row.text(6)).map { try stored($0) as RuleProtocol })
                )
            })
        {
            rules[name, default: []].append(rule)
        }
        for firewall in try connection.query(
            "SELECT name, vnet, private_ip, default_action FROM firewall\(own)", values,
            { row in
                let name = row.text(0) ?? ""
                return Firewall(
                    name: name, vnet: row.text(1) ?? "", privateIP: try storedAddress(row.text(2) ?? ""), defaultAction: try stored(row.text(3)),
                    rules: rules[name] ?? [])
            })
        {
            topology.firewalls[firewall.name] = firewall
        }

        var groupSubnets: [String: [CIDR]] = [:]
        for (name, cidr) in try connection.query(
            "SELECT security_group, cidr FROM security_group_subnet\(children("security_group", of: "security_group")) ORDER BY security_group, position",
            values,
            { ($0.text(0) ?? "", try storedCIDR($0.text(1))) })
        {
            groupSubnets[name, default: []].append(cidr)
        }
        var groupRules: [String: [SecurityRule]] = [:]
        for (name, rule) in try connection.query(
            """
            SELECT security_group, name, priority, direction, access, protocol, sources, destinations, ports
            FROM security_group_rule\(children("security_group", of: "security_group")) ORDER BY security_group, position
            """, values,
            { row in
                (
                    row.text(0) ?? "",
                    SecurityRule(
                        name: row.text(1) ?? "", priority: Int(row.integer(2) ?? 0), direction: try stored(row.text(3)),
                        access: try stored(row.text(4)), protocol: try stored(row.text(5)), sources: try addresses(row.text(6)),
                        destinations: try addresses(row.text(7)), ports: try ports(row.text(8)))
                )
            })
        {
            groupRules[name, default: []].append(rule)
        }
        for group in try connection.query(
            "SELECT name, vnet FROM security_group\(own)", values,
            { row in
                let name = row.text(0) ?? ""
                return SecurityGroup(name: name, vnet: row.text(1) ?? "", subnets: groupSubnets[name] ?? [], rules: groupRules[name] ?? [])
            })
        {
            topology.securityGroups[group.name] = group
        }
    }

    /// Whether any route table, firewall or security group is stored (a routing slice then needs the whole underlay).
    func hasTrafficControls() throws -> Bool {
        let counts = try connection.query(
            "SELECT (SELECT count(*) FROM route_table) + (SELECT count(*) FROM firewall) + (SELECT count(*) FROM security_group)"
        ) { $0.integer(0) ?? 0 }
        return (counts.first ?? 0) > 0
    }
}

// Stored values were validated when written; a failure here means the file was edited by hand.
private func storedCIDR(_ text: String?) throws -> CIDR {
    do { return try CIDR.parse(text ?? "", field: "stored CIDR") } catch { throw StoreError.corrupt("\(error)") }
}

private func storedAddress(_ text: String) throws -> IPv4Address {
    do { return try IPv4Address.parse(text, field: "stored address") } catch { throw StoreError.corrupt("\(error)") }
}

private func stored<T: ClosedValue>(_ text: String?) throws -> T {
    do { return try T.parse(text ?? "", field: "stored value") } catch { throw StoreError.corrupt("\(error)") }
}

private func words(_ text: String?) -> [String] {
    (text ?? "").split(separator: " ").map(String.init)
}

private func addresses(_ text: String?) throws -> [RuleAddress] {
    do { return try words(text).map { try RuleAddress.parse($0, field: "stored rule address") } } catch { throw StoreError.corrupt("\(error)") }
}

private func ports(_ text: String?) throws -> [PortRange] {
    do { return try words(text).map { try PortRange.parse($0, field: "stored rule port") } } catch { throw StoreError.corrupt("\(error)") }
}
