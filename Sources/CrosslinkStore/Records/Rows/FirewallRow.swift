import CrosslinkCore

/// A row of `firewall`: the firewall without its rules (`FirewallRuleRow`).
struct FirewallRow: TableRow {
    static let table = "firewall"
    static let columns = "name, vnet, private_ip, default_action"
    var firewall: Firewall

    init(row: SQLiteRow) throws {
        firewall = Firewall(
            name: try row.requiredText(0), vnet: try row.requiredText(1), privateIP: try row.requiredAddress(2, "firewall private IP"),
            defaultAction: try row.requiredValue(3, "default action"))
    }
}

/// A row of `firewall_rule`: one rule, its lists stored as space-separated words.
struct FirewallRuleRow: TableRow {
    static let table = "firewall_rule"
    static let columns = "firewall, name, action, sources, destinations, ports, protocols"
    var firewall: String
    var rule: FirewallRule

    init(row: SQLiteRow) throws {
        firewall = try row.requiredText(0)
        rule = FirewallRule(
            name: try row.requiredText(1), action: try row.requiredValue(2, "rule action"), sources: try row.ruleAddresses(3),
            destinations: try row.ruleAddresses(4), ports: try row.portRanges(5),
            protocols: try row.words(6).map { word in try row.parsed(6, word) { try RuleProtocol.parse($0, field: "rule protocol") } })
    }
}

extension SQLiteRow {
    /// Column `column`, NOT NULL, split at spaces (how rule lists are stored).
    func words(_ column: Int32) throws -> [String] {
        try requiredText(column).split(separator: " ").map(String.init)
    }

    /// Column `column` as a list of rule addresses.
    func ruleAddresses(_ column: Int32) throws -> [RuleAddress] {
        try words(column).map { word in try parsed(column, word) { try RuleAddress.parse($0, field: "rule address") } }
    }

    /// Column `column` as a list of port ranges.
    func portRanges(_ column: Int32) throws -> [PortRange] {
        try words(column).map { word in try parsed(column, word) { try PortRange.parse($0, field: "rule port") } }
    }
}
