import ArgumentParser
import CrosslinkCore

struct FirewallCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "firewall", abstract: "Register firewalls and network virtual appliances.",
        subcommands: [FirewallAdd.self, FirewallSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.firewall
    static let columns = ["name", "vnet", "privateIP", "defaultAction", "rules"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.firewall) }
}

struct FirewallAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a firewall.",
        discussion: """
            Rules are evaluated in order, the first match wins, then --default-action. A rule is written as \
            space-separated FIELD=VALUE pairs, lists comma-separated: \
            'name=spokes-web sources=10.1.0.0/16 destinations=10.2.0.0/16 ports=80,8000-8100 protocols=TCP' \
            (action=allow by default; a missing list means *).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Firewall name (DNS-1123 label).") var name: String
    @Option(help: "The VNet it sits in.", completion: Completions.stored(.vnet)) var vnet: String
    @Option(help: ArgumentHelp("Its private address: what virtual-appliance routes name.", valueName: "ip")) var privateIp: String
    @Option(help: "deny (Azure Firewall) | allow (a permissive NVA).", completion: Completions.values(RuleAction.self)) var defaultAction: String = "deny"
    @Option(help: ArgumentHelp("A rule (repeat), in order.", valueName: "rule")) var rules: [String] = []

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "firewall name")
        try NameRule.dns1123Label.check(vnet, field: "--vnet")
        let firewall = Firewall(
            name: name, vnet: vnet, privateIP: try IPv4Address.parse(privateIp, field: "--private-ip"),
            defaultAction: try RuleAction.parse(defaultAction, field: "--default-action"), rules: try rules.map(FirewallRule.parse))
        report(.firewall(name), try Registration.add(.firewall(firewall), store: global.openStore()))
    }
}

extension FirewallRule {
    static func parse(_ text: String) throws -> FirewallRule {
        let fields = try RuleFields(text, flag: "--rules", allowed: ["name", "action", "sources", "destinations", "ports", "protocols"])
        return FirewallRule(
            name: try fields.required("name"), action: try fields.value("action", RuleAction.parse) ?? .allow,
            sources: try fields.list("sources", RuleAddress.parse) ?? [.any], destinations: try fields.list("destinations", RuleAddress.parse) ?? [.any],
            ports: try fields.list("ports", PortRange.parse) ?? [.any], protocols: try fields.list("protocols", RuleProtocol.parse) ?? [.any])
    }
}

/// `FIELD=VALUE FIELD=VALUE …` with comma-separated lists: how a rule is written on the command line.
struct RuleFields {
    let text: String
    let flag: String
    private var values: [String: String] = [:]

    init(_ text: String, flag: String, allowed: [String]) throws {
        self.text = text
        self.flag = flag
        for pair in text.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, allowed.contains(String(parts[0])) else {
                throw CrosslinkError(
                    .invalidValue, "\(flag) \(text.quoted): \(String(pair).quoted) is not one of \(allowed.map { "\($0)=…" }.joined(separator: ", "))")
            }
            guard values.updateValue(String(parts[1]), forKey: String(parts[0])) == nil else {
                throw CrosslinkError(.invalidValue, "\(flag) \(text.quoted) gives \(parts[0]) twice")
            }
        }
    }

    func required(_ key: String) throws -> String {
        guard let value = values[key] else { throw CrosslinkError(.invalidValue, "\(flag) \(text.quoted) needs \(key)=…") }
        return value
    }

    func value<T>(_ key: String, _ parse: (String, String) throws -> T) throws -> T? {
        try values[key].map { try parse($0, "\(flag) \(key)") }
    }

    func list<T>(_ key: String, _ parse: (String, String) throws -> T) throws -> [T]? {
        try values[key].map { try $0.split(separator: ",").map { try parse(String($0), "\(flag) \(key)") } }
    }
}
