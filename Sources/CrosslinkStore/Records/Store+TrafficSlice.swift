import CrosslinkCore

/// The part of an estate with route tables, firewalls and security groups (spec §8) that routing one
/// pair can touch, so `route check` reads a few VNets and their objects instead of the whole estate.
struct TrafficSlice {
    /// VNets a packet of the pair's flows can be in: the two clusters' VNets, the VNets that hold a
    /// flow's ends, the VNets of the firewalls their route tables send to, and the hubs whose
    /// GatewaySubnet a VPN arrival continues from. Their route tables, firewalls and NSGs are loaded.
    var walked: Set<String> = []
    /// VNets only looked up by address (they hold part of a flow's range or of a rule's or UDR's prefix,
    /// or are peers whose space a VirtualNetwork tag covers): loaded with their peerings, nothing else.
    var lookedUp: Set<String> = []

    var vnets: [String] { walked.union(lookedUp).sorted() }

    /// `WHERE …` for the peerings of `vnets` that an answer can look at: those between two of them,
    /// those through whose gateway transit one of them uses a hub's VPN gateway, and those to a VNet
    /// peered with two of them (a hub that two spokes share: peering is not transitive). A hub's
    /// hundreds of other spokes are left out.
    static func peeringFilter(_ vnets: [String]) -> (sql: String, values: [SQLiteValue]) {
        let list = SQLiteList(vnets).sql
        let shared = """
            (SELECT peer FROM (SELECT vnet_b AS peer FROM peering WHERE vnet_a IN \(list)
                               UNION ALL SELECT vnet_a FROM peering WHERE vnet_b IN \(list)) GROUP BY peer HAVING count(*) > 1)
            """
        let sql = """
             WHERE (vnet_a IN \(list) AND (vnet_b IN \(list) OR gateway_transit = vnet_b OR vnet_b IN \(shared)))
                OR (vnet_b IN \(list) AND (vnet_a IN \(list) OR gateway_transit = vnet_a OR vnet_a IN \(shared)))
            """
        // Every list holds the same values, so the positional parameters need no particular order.
        return (sql, SQLiteList(vnets).values(repeated: 8))
    }
}

extension Store {
    /// Works out the `TrafficSlice` for the clusters and service already in `topology` (a routing
    /// slice) by following what the engine follows: peerings, UDRs to firewalls, and VPN arrivals.
    /// Loading a VNet that is not needed changes no answer; missing one would, so every step errs wide.
    func trafficSlice(for topology: Topology, service: ServiceID) throws -> TrafficSlice {
        var slice = TrafficSlice()
        // The ends of every flow a path can make (rule R6), and the replies' destinations.
        var ranges: [CIDR] = []
        for cluster in topology.clusters.values {
            ranges += [cluster.nodeSubnet, cluster.podCIDR]
            if let gateway = cluster.mesh?.eastWestGateway { ranges.append(CIDR(containing: gateway, prefixLength: 32)) }
            slice.walked.insert(cluster.vnet)
        }
        let addresses =
            topology.services.values.compactMap(\.loadBalancerIP)
            + (try connection.query(
                "SELECT address FROM ingress WHERE cluster = ? AND namespace = ? AND service = ? AND address IS NOT NULL", service.values,
                { row in row.text(0).flatMap { IPv4Address(Substring($0)) } })).compactMap { $0 }
        ranges += addresses.map { CIDR(containing: $0, prefixLength: 32) }
        slice.walked.formUnion(try vnets(holding: ranges))
        slice.lookedUp.formUnion(try vnets(inside: ranges))

        // Gateways whose VPN arrivals continue from a GatewaySubnet (rule R2 over VPN): their VNets.
        let continuing = Set(try connection.query("SELECT vnet FROM vpn_gateway WHERE subnet IS NOT NULL", [], { try $0.requiredText(0) }))
        var ruleCIDRs: Set<CIDR> = []
        var pending = slice.walked.sorted()
        while !pending.isEmpty {
            let batch = pending
            pending = []
            var found: Set<String> = []
            let inBatch = SQLiteList(batch)
            var peers: [String: [String]] = [:]
            for (a, b, transit, connected) in try connection.query(
                "SELECT vnet_a, vnet_b, gateway_transit, state FROM peering WHERE vnet_a IN \(inBatch.sql) OR vnet_b IN \(inBatch.sql)",
                inBatch.values(repeated: 2), { (try $0.requiredText(0), try $0.requiredText(1), $0.text(2), try $0.requiredText(3) == "connected") })
            where connected {
                peers[a, default: []].append(b)
                peers[b, default: []].append(a)
                if let transit, continuing.contains(transit) { found.insert(transit) }
            }
            for (prefix, hopIP) in try connection.query(
                """
                SELECT r.prefix, r.next_hop_ip FROM route_table t JOIN route_table_route r ON r.route_table = t.name
                WHERE t.vnet IN \(inBatch.sql)
                """, inBatch.values, { (try $0.requiredText(0), $0.text(1)) })
            {
                if let cidr = try? CIDR.parse(prefix, field: "") { ruleCIDRs.insert(cidr) }
                if let hopIP {
                    found.formUnion(try connection.query("SELECT vnet FROM firewall WHERE private_ip = ?", [hopIP.sqlite], { try $0.requiredText(0) }))
                }
            }
            let rules =
                try connection.query(
                    """
                    SELECT g.vnet, r.sources, r.destinations, r.access FROM security_group g
                    JOIN security_group_rule r ON r.security_group = g.name WHERE g.vnet IN \(inBatch.sql)
                    """, inBatch.values, Self.ruleEnds)
                + connection.query(
                    """
                    SELECT f.vnet, r.sources, r.destinations, r.action FROM firewall f
                    JOIN firewall_rule r ON r.firewall = f.name WHERE f.vnet IN \(inBatch.sql)
                    """, inBatch.values, Self.ruleEnds)
            for (vnet, sources, destinations, denies) in rules {
                for word in (sources + " " + destinations).split(separator: " ") {
                    switch try? RuleAddress.parse(String(word), field: "") {
                    case .cidr(let cidr): ruleCIDRs.insert(cidr)
                    // A deny rule's VirtualNetwork tag is matched against the peers' spaces.
                    case .virtualNetwork where denies: slice.lookedUp.formUnion(peers[vnet] ?? [])
                    default: break
                    }
                }
            }
            for vnet in found.sorted() where slice.walked.insert(vnet).inserted { pending.append(vnet) }
        }
        // Whether a rule's or UDR's prefix has a public part depends on the VNets holding it.
        slice.lookedUp.formUnion(try vnets(holding: ruleCIDRs.sorted()))
        slice.lookedUp.subtract(slice.walked)
        return slice
    }

    /// The VNets with a prefix that holds all of one of `ranges`: one indexed lookup per prefix length.
    private func vnets(holding ranges: [CIDR]) throws -> Set<String> {
        var candidates: Set<String> = []
        for range in ranges {
            for length in 0...range.prefixLength { candidates.insert(CIDR(containing: range.network, prefixLength: length).description) }
        }
        var result: Set<String> = []
        let sorted = candidates.sorted()
        // In chunks well below SQLite's bound-parameter limit.
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let chunk = SQLiteList(sorted[start..<min(start + 500, sorted.count)])
            result.formUnion(
                try connection.query("SELECT vnet FROM vnet_address_prefix WHERE cidr IN \(chunk.sql)", chunk.values, { try $0.requiredText(0) }))
        }
        return result
    }

    /// The VNets with a prefix inside one of `ranges`. Prefixes are stored as text, so a range is
    /// found as index scans over the text prefixes its addresses can start with (one per value of
    /// its partial octet, at most 128), then checked exactly.
    func vnets(inside ranges: [CIDR]) throws -> Set<String> {
        var result: Set<String> = []
        for range in ranges {
            for start in Self.textPrefixes(of: range) {
                // Stored CIDRs continue with digits, dots and a slash, which all sort before ":".
                for (vnet, text) in try connection.query(
                    "SELECT vnet, cidr FROM vnet_address_prefix WHERE cidr >= ? AND cidr < ?", [start.sqlite, (start + ":").sqlite],
                    { (try $0.requiredText(0), try $0.requiredText(1)) })
                {
                    if let prefix = try? CIDR.parse(text, field: ""), range.contains(prefix) { result.insert(vnet) }
                }
            }
        }
        return result
    }

    /// The text beginnings of the canonical CIDRs inside `range`, e.g. `10.1.` for 10.1.0.0/16, and
    /// `10.0.0.`, `10.1.0.`, … for a /15; "" (everything) for 0.0.0.0/0.
    static func textPrefixes(of range: CIDR) -> [String] {
        let octets = (0..<4).map { (range.network.value >> UInt32(24 - 8 * $0)) & 0xFF }
        let whole = range.prefixLength / 8
        let fixed = octets.prefix(whole).map(String.init)
        guard whole < 4 else { return [fixed.joined(separator: ".") + "/"] }
        let spare = range.prefixLength % 8
        let head = fixed.isEmpty ? "" : fixed.joined(separator: ".") + "."
        guard spare > 0 else { return [head] }
        let separator = whole == 3 ? "/" : "."
        let first = octets[whole]
        return (0..<(UInt32(1) << UInt32(8 - spare))).map { head + String(first + $0) + separator }
    }

    /// A rule's owner VNet, its sources and destinations, and whether it denies (the slice's rule queries).
    private static func ruleEnds(_ row: SQLiteRow) throws -> (String, String, String, Bool) {
        (try row.requiredText(0), try row.requiredText(1), try row.requiredText(2), try row.requiredText(3) == "deny")
    }
}
