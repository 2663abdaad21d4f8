import ArgumentParser
import CrosslinkCore

struct SecurityGroupCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "security-group", abstract: "Register network security groups on subnets.",
        subcommands: [SecurityGroupAdd.self, SecurityGroupSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.securityGroup
    static let columns = ["name", "vnet", "subnets", "rules"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.securityGroup) }
}

struct SecurityGroupAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a network security group.",
        discussion: """
            Rules run by priority (100 to 4096, lowest first), then Azure's default rules. A rule is written as \
            space-separated FIELD=VALUE pairs, lists comma-separated: \
            'name=deny-web priority=100 direction=inbound access=deny protocol=TCP sources=10.1.0.0/16 ports=80' \
            (a missing protocol or list means *).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Security group name (DNS-1123 label).") var name: String
    @Option(help: "The VNet whose subnets it is attached to.", completion: Completions.stored(.vnet)) var vnet: String
    @Option(help: ArgumentHelp("A subnet it is attached to (repeat); none means every subnet of the VNet.", valueName: "cidr")) var subnets: [String] = []
    @Option(help: ArgumentHelp("A rule (repeat).", valueName: "rule")) var rules: [String] = []

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "security-group name")
        try NameRule.dns1123Label.check(vnet, field: "--vnet")
        let group = SecurityGroup(
            name: name, vnet: vnet, subnets: try subnets.map { try CIDR.parse($0, field: "--subnets") }, rules: try rules.map(SecurityRule.parse))
        report(.securityGroup(name), try Registration.add(.securityGroup(group), store: global.openStore()))
    }
}

extension SecurityRule {
    static func parse(_ text: String) throws -> SecurityRule {
        let fields = try RuleFields(
            text, flag: "--rules", allowed: ["name", "priority", "direction", "access", "protocol", "sources", "destinations", "ports"])
        let priorityText = try fields.required("priority")
        guard let priority = Int(priorityText) else {
            throw CrosslinkError(.invalidValue, "--rules priority \(priorityText.quoted) is not a number")
        }
        return SecurityRule(
            name: try fields.required("name"), priority: priority,
            direction: try TrafficDirection.parse(try fields.required("direction"), field: "--rules direction"),
            access: try RuleAction.parse(try fields.required("access"), field: "--rules access"),
            protocol: try fields.value("protocol", RuleProtocol.parse) ?? .any,
            sources: try fields.list("sources", RuleAddress.parse) ?? [.any], destinations: try fields.list("destinations", RuleAddress.parse) ?? [.any],
            ports: try fields.list("ports", PortRange.parse) ?? [.any])
    }
}
