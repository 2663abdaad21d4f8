import ArgumentParser
import CrosslinkAzure
import CrosslinkCore

/// `crosslink import azure`: registers VNets, peerings, VPN gateways and connections and AKS clusters
/// from the JSON that `az` prints.
struct ImportAzure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "azure",
        abstract: "Register VNets, peerings, VPN gateways and connections, AKS clusters, route tables, NSGs and firewalls from az JSON output.",
        discussion: """
            Each flag takes a file of 'az … -o json' output, or - for standard input (once). Azure names \
            become crosslink names (lowercase; other characters become '-'). Idempotent and all or \
            nothing, like apply. Skipped objects are reported as notes on standard error. See docs/ecosystem.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Output of 'az network vnet list' (repeatable).", valueName: "file"))
    var vnets: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network vnet peering list --vnet-name X' (repeat per VNet).", valueName: "file"))
    var peerings: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network vnet-gateway list' (repeatable).", valueName: "file"))
    var vpnGateways: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network vpn-connection list' (repeatable).", valueName: "file"))
    var vpnConnections: [String] = []
    @Option(help: ArgumentHelp("Output of 'az aks list' or 'az aks show' (repeatable).", valueName: "file"))
    var clusters: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network route-table list' (repeatable).", valueName: "file"))
    var routeTables: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network nsg list' (repeatable).", valueName: "file"))
    var securityGroups: [String] = []
    @Option(help: ArgumentHelp("Output of 'az network firewall list' (repeatable).", valueName: "file"))
    var firewalls: [String] = []
    @Option(
        help: ArgumentHelp(
            "Output of 'az network firewall policy rule-collection-group list' for a firewall's policy (repeatable).", valueName: "file"))
    var firewallPolicies: [String] = []

    private var allFiles: [String] {
        vnets + peerings + vpnGateways + vpnConnections + clusters + routeTables + securityGroups + firewalls + firewallPolicies
    }

    func validate() throws {
        if allFiles.isEmpty {
            throw ValidationError(
                "Give at least one of --vnets, --peerings, --vpn-gateways, --vpn-connections, --clusters, --route-tables, --security-groups, --firewalls, --firewall-policies."
            )
        }
        if allFiles.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Only one file can be - (standard input).")
        }
    }

    func run() throws {
        func documents(_ paths: [String]) throws -> [AzureDocument] {
            try paths.map { AzureDocument(source: $0 == "-" ? "<stdin>" : $0, text: try InputFile.read($0)) }
        }
        var input = AzureInput(
            vnets: try documents(vnets), peerings: try documents(peerings),
            vpnGateways: try documents(vpnGateways), vpnConnections: try documents(vpnConnections),
            clusters: try documents(clusters))
        input.routeTables = try documents(routeTables)
        input.securityGroups = try documents(securityGroups)
        input.firewalls = try documents(firewalls)
        input.firewallPolicies = try documents(firewallPolicies)
        let (summary, notes) = try AzureImporting.run(input, store: global.openStore())
        for note in notes { writeAll("note: \(note)\n", to: 2) }
        AddressWarnings.print(summary.warnings)
        emit("imported azure: \(summary.created) created, \(summary.updated) updated, \(summary.removed) removed, \(summary.unchanged) unchanged\n")
    }
}
