import CrosslinkCore

/// A row of `security_group`: the group without its subnets and rules (rows of their own).
struct SecurityGroupRow: TableRow {
    static let table = "security_group"
    static let columns = "name, vnet"
    var group: SecurityGroup

    init(row: SQLiteRow) throws {
        group = SecurityGroup(name: try row.requiredText(0), vnet: try row.requiredText(1))
    }
}

/// A row of `security_group_subnet`: one subnet a security group is associated with.
struct SecurityGroupSubnetRow: TableRow {
    static let table = "security_group_subnet"
    static let columns = "security_group, cidr"
    var group: String
    var cidr: CIDR

    init(row: SQLiteRow) throws {
        group = try row.requiredText(0)
        cidr = try row.requiredCIDR(1, "security group subnet")
    }
}

/// A row of `security_group_rule`: one rule, its lists stored as space-separated words.
struct SecurityGroupRuleRow: TableRow {
    static let table = "security_group_rule"
    static let columns = "security_group, name, priority, direction, access, protocol, sources, destinations, ports"
    var group: String
    var rule: SecurityRule

    init(row: SQLiteRow) throws {
        group = try row.requiredText(0)
        rule = SecurityRule(
            name: try row.requiredText(1), priority: try row.requiredInt(2), direction: try row.requiredValue(3, "rule direction"),
            access: try row.requiredValue(4, "rule access"), protocol: try row.requiredValue(5, "rule protocol"),
            sources: try row.ruleAddresses(6), destinations: try row.ruleAddresses(7), ports: try row.portRanges(8))
    }
}
