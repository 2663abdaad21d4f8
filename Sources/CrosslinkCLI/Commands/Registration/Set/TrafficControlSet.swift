import ArgumentParser
import CrosslinkCore

/// `set` for spec §8's kinds: a list flag replaces the whole list (give it once per entry).
struct RouteTableSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a route table.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Route table name.", completion: Completions.stored(.routeTable)) var name: String
    @Option(help: ArgumentHelp("false disables gateway route propagation.", valueName: "bool")) var propagateGatewayRoutes: Bool?
    @Option(help: ArgumentHelp("Replaces the attached subnets (repeat).", valueName: "cidr")) var subnets: [String] = []
    @Option(help: ArgumentHelp("Replaces the routes (repeat): PREFIX=NEXTHOP[@IP].", valueName: "route")) var routes: [String] = []

    func validate() throws {
        try SetSupport.requireSomeField([propagateGatewayRoutes, subnets.isEmpty ? nil : subnets, routes.isEmpty ? nil : routes])
    }

    func run() throws {
        try SetSupport.run(try RouteTableCommands.reference([name]), global: global) { entity, _ in
            guard case .routeTable(var table) = entity else { return entity }
            if let propagateGatewayRoutes { table.propagateGatewayRoutes = propagateGatewayRoutes }
            if !subnets.isEmpty { table.subnets = try subnets.map { try CIDR.parse($0, field: "--subnets") } }
            if !routes.isEmpty { table.routes = try routes.map(UserRoute.parse) }
            return .routeTable(table)
        }
    }
}

struct FirewallSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a firewall.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Firewall name.", completion: Completions.stored(.firewall)) var name: String
    @Option(help: ArgumentHelp("Its private address.", valueName: "ip")) var privateIp: String?
    @Option(help: "deny | allow.", completion: Completions.values(RuleAction.self)) var defaultAction: String?
    @Option(help: ArgumentHelp("Replaces the rules (repeat, in order).", valueName: "rule")) var rules: [String] = []

    func validate() throws { try SetSupport.requireSomeField([privateIp, defaultAction, rules.isEmpty ? nil : rules]) }

    func run() throws {
        try SetSupport.run(try FirewallCommands.reference([name]), global: global) { entity, _ in
            guard case .firewall(var firewall) = entity else { return entity }
            try SetSupport.update(&firewall.privateIP, with: privateIp) { try IPv4Address.parse($0, field: "--private-ip") }
            try SetSupport.update(&firewall.defaultAction, with: defaultAction) { try RuleAction.parse($0, field: "--default-action") }
            if !rules.isEmpty { firewall.rules = try rules.map(FirewallRule.parse) }
            return .firewall(firewall)
        }
    }
}

struct SecurityGroupSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a security group.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Security group name.", completion: Completions.stored(.securityGroup)) var name: String
    @Option(help: ArgumentHelp("Replaces the attached subnets (repeat).", valueName: "cidr")) var subnets: [String] = []
    @Option(help: ArgumentHelp("Replaces the rules (repeat).", valueName: "rule")) var rules: [String] = []

    func validate() throws { try SetSupport.requireSomeField([subnets.isEmpty ? nil : subnets, rules.isEmpty ? nil : rules]) }

    func run() throws {
        try SetSupport.run(try SecurityGroupCommands.reference([name]), global: global) { entity, _ in
            guard case .securityGroup(var group) = entity else { return entity }
            if !subnets.isEmpty { group.subnets = try subnets.map { try CIDR.parse($0, field: "--subnets") } }
            if !rules.isEmpty { group.rules = try rules.map(SecurityRule.parse) }
            return .securityGroup(group)
        }
    }
}
