import ArgumentParser
import CrosslinkCore

struct ClusterSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change fields of a cluster.",
        discussion: SetSupport.discussion
            + """
             A pod CIDR left at its default follows a new --network-plugin or --node-subnet. --mesh-id '' \
            leaves the mesh; joining one needs --mesh-id, --mesh-network and --mesh-trust-root.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Cluster name.", completion: Completions.stored(.cluster)) var name: String
    @Option(help: "The VNet the cluster's nodes live in.", completion: Completions.stored(.vnet)) var vnet: String?
    @Option(help: "Azure region ('': the VNet's).") var region: String?
    @Option(help: ArgumentHelp("Node subnet, inside the VNet.", valueName: "cidr")) var nodeSubnet: String?
    @Option(help: ArgumentHelp("azure-cni | azure-cni-overlay | kubenet.", valueName: "plugin"), completion: Completions.values(NetworkPlugin.self))
    var networkPlugin: String?
    @Option(help: ArgumentHelp("Pod range.", valueName: "cidr")) var podCidr: String?
    @Option(help: ArgumentHelp("Service range.", valueName: "cidr")) var serviceCidr: String?
    @Option(help: "Cluster DNS domain.") var clusterDomain: String?
    @Option(help: "internet | none.", completion: Completions.values(Egress.self)) var egress: String?
    @Option(help: ArgumentHelp("Submariner Globalnet range ('' for none).", valueName: "cidr")) var globalnetCidr: String?
    @Option(help: "Istio mesh id ('' leaves the mesh).") var meshId: String?
    @Option(help: "Istio network of this cluster.") var meshNetwork: String?
    @Option(help: "Name of the mesh's shared root of trust.") var meshTrustRoot: String?
    @Option(help: ArgumentHelp("Address of the east-west gateway ('' for none).", valueName: "ip")) var meshEastWestGateway: String?
    @Option(help: ArgumentHelp("A namespace with default-deny ingress (repeat; replaces the list; '' for none).", valueName: "namespace"))
    var isolatedNamespaces: [String] = []
    @Option(help: ArgumentHelp("A node pool name (repeat; replaces the list; '' for none).", valueName: "name")) var nodePools: [String] = []

    func validate() throws {
        try SetSupport.requireSomeField([
            vnet, region, nodeSubnet, networkPlugin, podCidr, serviceCidr, clusterDomain, egress, globalnetCidr, meshId, meshNetwork,
            meshTrustRoot, meshEastWestGateway, isolatedNamespaces.first, nodePools.first,
        ])
        if meshId == "" && [meshNetwork, meshTrustRoot, meshEastWestGateway].contains(where: { $0 != nil }) {
            throw ValidationError("--mesh-id '' leaves the mesh; it takes no other --mesh-* flag")
        }
    }

    func run() throws {
        if let region, !region.isEmpty { try AzureRegion.check(region, of: "cluster \(name)") }
        try SetSupport.run(try ClusterCommands.reference([name]), global: global) { entity, _ in
            guard case .cluster(var cluster) = entity else { return entity }
            let defaultPodCIDR = Cluster(name: name, vnet: cluster.vnet, region: "", nodeSubnet: cluster.nodeSubnet, networkPlugin: cluster.networkPlugin)
                .podCIDR
            try SetSupport.update(&cluster.vnet, with: vnet) { name in
                try NameRule.dns1123Label.check(name, field: "--vnet")
                return name
            }
            try SetSupport.update(&cluster.region, with: region) { $0 }
            try SetSupport.update(&cluster.nodeSubnet, with: nodeSubnet) { try CIDR.parse($0, field: "--node-subnet") }
            try SetSupport.update(&cluster.networkPlugin, with: networkPlugin) { try NetworkPlugin.parse($0, field: "--network-plugin") }
            if let podCidr {
                cluster.podCIDR = try CIDR.parse(podCidr, field: "--pod-cidr")
            } else if cluster.podCIDR == defaultPodCIDR {
                // A default pod range follows the plugin and subnet it was derived from.
                cluster.podCIDR =
                    Cluster(name: name, vnet: cluster.vnet, region: "", nodeSubnet: cluster.nodeSubnet, networkPlugin: cluster.networkPlugin).podCIDR
            }
            try SetSupport.update(&cluster.serviceCIDR, with: serviceCidr) { try CIDR.parse($0, field: "--service-cidr") }
            try SetSupport.update(&cluster.clusterDomain, with: clusterDomain) { $0 }
            try SetSupport.update(&cluster.egress, with: egress) { try Egress.parse($0, field: "--egress") }
            try SetSupport.update(&cluster.globalnetCIDR, clearingWith: globalnetCidr) { try CIDR.parse($0, field: "--globalnet-cidr") }
            cluster.mesh = try changedMesh(cluster.mesh)
            if !isolatedNamespaces.isEmpty { cluster.isolatedNamespaces = isolatedNamespaces == [""] ? [] : isolatedNamespaces }
            if !nodePools.isEmpty { cluster.nodePools = nodePools == [""] ? [] : nodePools }
            return .cluster(cluster)
        }
    }

    /// The membership after the --mesh-* flags: left, joined (all three names needed), or edited.
    private func changedMesh(_ mesh: MeshMembership?) throws -> MeshMembership? {
        if meshId == "" { return nil }
        let flags = [meshId, meshNetwork, meshTrustRoot, meshEastWestGateway]
        if mesh == nil && flags.allSatisfy({ $0 == nil }) { return nil }
        var mesh = try mesh ?? joined()
        try SetSupport.update(&mesh.id, with: meshId) { $0 }
        try SetSupport.update(&mesh.network, with: meshNetwork) { $0 }
        try SetSupport.update(&mesh.trustRoot, with: meshTrustRoot) { $0 }
        try SetSupport.update(&mesh.eastWestGateway, clearingWith: meshEastWestGateway) { try IPv4Address.parse($0, field: "--mesh-east-west-gateway") }
        return mesh
    }

    private func joined() throws -> MeshMembership {
        guard let meshId, let meshNetwork, let meshTrustRoot else {
            throw CrosslinkError(.invalidValue, "cluster \(name) is in no mesh: joining one needs --mesh-id, --mesh-network and --mesh-trust-root")
        }
        return MeshMembership(id: meshId, network: meshNetwork, trustRoot: meshTrustRoot)
    }
}
