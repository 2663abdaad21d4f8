import ArgumentParser
import CrosslinkCore

struct RouteTableCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "route-table", abstract: "Register route tables (user-defined routes on subnets).",
        subcommands: [RouteTableAdd.self, RouteTableSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.routeTable
    static let columns = ["name", "vnet", "subnets", "propagateGatewayRoutes", "routes"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.routeTable) }
}

struct RouteTableAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a route table.",
        discussion: """
            Routes are written PREFIX=NEXTHOP[@IP], e.g. 0.0.0.0/0=virtual-appliance@10.0.1.4 or 10.9.0.0/16=none; \
            next hops: virtual-appliance (needs @IP), vnet-gateway, vnet-local, internet, none.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Route table name (DNS-1123 label).") var name: String
    @Option(help: "The VNet whose subnets it is attached to.", completion: Completions.stored(.vnet)) var vnet: String
    @Option(help: ArgumentHelp("A subnet it is attached to (repeat); none means every subnet of the VNet.", valueName: "cidr")) var subnets: [String] = []
    @Option(help: ArgumentHelp("false disables gateway route propagation.", valueName: "bool")) var propagateGatewayRoutes: Bool = true
    @Option(help: ArgumentHelp("A route (repeat): PREFIX=NEXTHOP[@IP].", valueName: "route")) var routes: [String] = []

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "route-table name")
        try NameRule.dns1123Label.check(vnet, field: "--vnet")
        let table = CrosslinkCore.RouteTable(
            name: name, vnet: vnet, subnets: try subnets.map { try CIDR.parse($0, field: "--subnets") },
            propagateGatewayRoutes: propagateGatewayRoutes, routes: try routes.map(UserRoute.parse))
        report(.routeTable(name), try Registration.add(.routeTable(table), store: global.openStore()))
    }
}

extension UserRoute {
    /// Parses `PREFIX=NEXTHOP[@IP]`.
    static func parse(_ text: String) throws -> UserRoute {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw CrosslinkError(.invalidValue, "--routes \(text.quoted) is not PREFIX=NEXTHOP[@IP]") }
        let hop = parts[1].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        return UserRoute(
            prefix: try CIDR.parse(String(parts[0]), field: "--routes prefix"),
            nextHop: try NextHopType.parse(String(hop[0]), field: "--routes next hop"),
            nextHopIP: try hop.count == 2 ? IPv4Address.parse(String(hop[1]), field: "--routes next hop IP") : nil)
    }
}
