import CrosslinkCore

/// What `az` printed, per command; each command's output may come in several files.
package struct AzureInput: Hashable, Sendable {
    /// `az network vnet list`.
    package var vnets: [AzureDocument]
    /// `az network vnet peering list --vnet-name X`, one file per VNet.
    package var peerings: [AzureDocument]
    /// `az network vnet-gateway list`.
    package var vpnGateways: [AzureDocument]
    /// `az network vpn-connection list`.
    package var vpnConnections: [AzureDocument]
    /// `az aks list`, or `az aks show` per cluster.
    package var clusters: [AzureDocument]
    /// `az network route-table list`, `az network nsg list`, `az network firewall list` and
    /// `az network firewall policy rule-collection-group list` (spec §8).
    package var routeTables: [AzureDocument] = []
    package var securityGroups: [AzureDocument] = []
    package var firewalls: [AzureDocument] = []
    package var firewallPolicies: [AzureDocument] = []

    /// Collects the files to import; every list may be empty.
    package init(
        vnets: [AzureDocument] = [], peerings: [AzureDocument] = [], vpnGateways: [AzureDocument] = [],
        vpnConnections: [AzureDocument] = [], clusters: [AzureDocument] = []
    ) {
        self.vnets = vnets
        self.peerings = peerings
        self.vpnGateways = vpnGateways
        self.vpnConnections = vpnConnections
        self.clusters = clusters
    }
}

/// The crosslink objects that `az` output describes, translated without touching any store.
///
/// The translation follows Azure's own semantics (see docs/ecosystem.md):
/// - names become DNS-1123 labels (`AzureNames.label(for:)`); two resources of one kind that map to
///   the same name are refused;
/// - the two half-links of a peering (or the two connections of a VNet-to-VNet VPN) become one object
///   whose state is the worse of the two sides;
/// - what crosslink cannot model (ExpressRoute gateways, site-to-site connections to a local network
///   gateway, AKS clusters with a bring-your-own CNI or an AKS-managed VNet) is skipped with a note.
package struct AzureImport: Hashable, Sendable {
    /// The translated objects; clusters carry their VNet's region, not defaults from a store.
    package var topology: Topology
    /// One sentence per Azure object that was skipped or interpreted, in input order.
    package var notes: [String]

    /// Translates every file of `input`.
    /// - Throws: `CrosslinkError` naming the file and the object, for JSON that is malformed, misses a
    ///   required field, holds a value crosslink cannot read, or maps two resources to one name.
    package init(_ input: AzureInput) throws {
        var translator = AzureTranslator()
        for document in input.vnets { try translator.addVNets(document.decode(AzureVNet.self, noun: "vnet")) }
        for document in input.peerings { try translator.addPeerings(document.decode(AzurePeering.self, noun: "peering")) }
        for document in input.vpnGateways { try translator.addGateways(document.decode(AzureGateway.self, noun: "vpn gateway")) }
        for document in input.vpnConnections { try translator.addConnections(document.decode(AzureConnection.self, noun: "vpn connection")) }
        for document in input.clusters { try translator.addClusters(document.decode(AzureCluster.self, noun: "cluster")) }
        for document in input.routeTables { try translator.addRouteTables(document.decode(AzureRouteTable.self, noun: "route table")) }
        for document in input.securityGroups { try translator.addSecurityGroups(document.decode(AzureSecurityGroup.self, noun: "nsg")) }
        for document in input.firewallPolicies {
            try translator.addRuleCollectionGroups(document.decode(AzureRuleCollectionGroup.self, noun: "rule collection group"))
        }
        for document in input.firewalls { try translator.addFirewalls(document.decode(AzureFirewall.self, noun: "firewall")) }
        try translator.finishPairs()
        topology = translator.topology
        notes = translator.notes
    }
}
