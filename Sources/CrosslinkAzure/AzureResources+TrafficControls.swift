// `az` output for route tables, firewalls, firewall policies and NSGs (spec §8), reduced to the
// fields crosslink reads. CLI shape: no `properties` wrapper.

/// One object of `az network route-table list`.
struct AzureRouteTable: Decodable {
    struct Route: Decodable {
        var name: String?
        var addressPrefix: String?
        var nextHopType: String?
        var nextHopIpAddress: String?
    }

    var id: String?
    var name: String?
    var disableBgpRoutePropagation: Bool?
    var routes: [Route]?
    var subnets: [AzureReference]?
}

/// One object of `az network nsg list`.
struct AzureSecurityGroup: Decodable {
    struct Rule: Decodable {
        var name: String?
        var priority: Int?
        var direction: String?
        var access: String?
        var `protocol`: String?
        var sourceAddressPrefix: String?
        var sourceAddressPrefixes: [String]?
        var destinationAddressPrefix: String?
        var destinationAddressPrefixes: [String]?
        var destinationPortRange: String?
        var destinationPortRanges: [String]?
    }

    var id: String?
    var name: String?
    var securityRules: [Rule]?
    var subnets: [AzureReference]?
}

/// A network rule as classic rule collections and policy rule collections print it.
struct AzureNetworkRule: Decodable {
    var name: String?
    var ruleType: String?
    var sourceAddresses: [String]?
    var destinationAddresses: [String]?
    var destinationPorts: [String]?
    /// Classic collections: `protocols`; policy rules: `ipProtocols`. Application rules print
    /// `protocols` as objects (`{"protocolType": "Https"}`), which read as nil here.
    var protocols: [Lenient]?
    var ipProtocols: [String]?
    var sourceIpGroups: [String]?
    var destinationIpGroups: [String]?
    var destinationFqdns: [String]?
}

/// The `action` of a rule collection: `{"type": "Allow"}`.
struct AzureAction: Decodable {
    var type: String?
}

/// One object of `az network firewall list`.
struct AzureFirewall: Decodable {
    struct IPConfiguration: Decodable {
        var privateIpAddress: String?
        var subnet: AzureReference?
    }

    struct RuleCollection: Decodable {
        var name: String?
        var priority: Int?
        var action: AzureAction?
        var rules: [AzureNetworkRule]?
    }

    struct Unmodelled: Decodable {
        var name: String?
    }

    var id: String?
    var name: String?
    var ipConfigurations: [IPConfiguration]?
    var networkRuleCollections: [RuleCollection]?
    var natRuleCollections: [Unmodelled]?
    var applicationRuleCollections: [Unmodelled]?
    var firewallPolicy: AzureReference?
}

/// One object of `az network firewall policy rule-collection-group list`.
struct AzureRuleCollectionGroup: Decodable {
    struct RuleCollection: Decodable {
        var name: String?
        var priority: Int?
        var ruleCollectionType: String?
        var action: AzureAction?
        var rules: [AzureNetworkRule]?
    }

    var id: String?
    var name: String?
    var priority: Int?
    var ruleCollections: [RuleCollection]?
}

/// A string, or nil for any other JSON value in its place.
struct Lenient: Decodable {
    var text: String?

    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
