import ArgumentParser
import CrosslinkCore

struct ClusterCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "cluster", abstract: "Register Kubernetes clusters.",
        subcommands: [ClusterAdd.self, ClusterSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.cluster
    static let columns = ["name", "vnet", "region", "networkPlugin", "nodeSubnet", "podCIDR", "serviceCIDR", "egress", "mesh"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.cluster) }
}

struct ClusterAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a cluster.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Cluster name (DNS-1123 label).") var name: String
    @Option(help: "The VNet the cluster's nodes live in.", completion: Completions.stored(.vnet)) var vnet: String
    @Option(help: "Azure region (default: the VNet's).") var region: String?
    @Option(help: ArgumentHelp("Node subnet, inside the VNet.", valueName: "cidr")) var nodeSubnet: String
    @Option(help: ArgumentHelp("azure-cni | azure-cni-overlay | kubenet.", valueName: "plugin"), completion: Completions.values(NetworkPlugin.self))
    var networkPlugin: String
    @Option(help: ArgumentHelp("Pod range (azure-cni: default the node subnet; others 10.244.0.0/16).", valueName: "cidr")) var podCidr: String?
    @Option(help: ArgumentHelp("Service range (default 10.0.0.0/16).", valueName: "cidr")) var serviceCidr: String?
    @Option(help: "Cluster DNS domain (default cluster.local).") var clusterDomain: String?
    @Option(help: "internet | none.", completion: Completions.values(Egress.self)) var egress: String = "internet"
    @Option(help: ArgumentHelp("Submariner Globalnet range.", valueName: "cidr")) var globalnetCidr: String?
    @Option(help: "Istio mesh id (with --mesh-network and --mesh-trust-root).") var meshId: String?
    @Option(help: "Istio network of this cluster.") var meshNetwork: String?
    @Option(help: "Name of the mesh's shared root of trust.") var meshTrustRoot: String?
    @Option(help: ArgumentHelp("Address of the east-west gateway.", valueName: "ip")) var meshEastWestGateway: String?
    @Option(help: ArgumentHelp("A namespace with default-deny ingress (repeat).", valueName: "namespace")) var isolatedNamespaces: [String] = []
    @Option(help: ArgumentHelp("A node pool name (repeat).", valueName: "name")) var nodePools: [String] = []

    func validate() throws {
        let meshFlags = [meshId, meshNetwork, meshTrustRoot]
        if meshFlags.contains(where: { $0 != nil }) && meshFlags.contains(where: { $0 == nil }) {
            throw ValidationError("--mesh-id, --mesh-network and --mesh-trust-root go together")
        }
        if meshEastWestGateway != nil && meshId == nil {
            throw ValidationError("--mesh-east-west-gateway needs --mesh-id")
        }
    }

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "cluster name")
        if let region, !region.isEmpty { try AzureRegion.check(region, of: "cluster \(name)") }
        var mesh: MeshMembership?
        if let meshId, let meshNetwork, let meshTrustRoot {
            mesh = MeshMembership(
                id: meshId, network: meshNetwork, trustRoot: meshTrustRoot,
                eastWestGateway: try meshEastWestGateway.map { try IPv4Address.parse($0, field: "--mesh-east-west-gateway") })
        }
        let cluster = Cluster(
            name: name, vnet: vnet, region: region ?? "",
            nodeSubnet: try CIDR.parse(nodeSubnet, field: "--node-subnet"),
            networkPlugin: try NetworkPlugin.parse(networkPlugin, field: "--network-plugin"),
            podCIDR: try podCidr.map { try CIDR.parse($0, field: "--pod-cidr") },
            serviceCIDR: try serviceCidr.map { try CIDR.parse($0, field: "--service-cidr") },
            clusterDomain: clusterDomain, egress: try Egress.parse(egress, field: "--egress"),
            globalnetCIDR: try globalnetCidr.map { try CIDR.parse($0, field: "--globalnet-cidr") },
            mesh: mesh, isolatedNamespaces: isolatedNamespaces, nodePools: nodePools)
        report(.cluster(name), try Registration.add(.cluster(cluster), store: global.openStore()))
    }
}
