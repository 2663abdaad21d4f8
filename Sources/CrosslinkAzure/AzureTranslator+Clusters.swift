import CrosslinkCore

extension AzureTranslator {
    mutating func addClusters(_ entries: [Located<AzureCluster>]) throws {
        for entry in entries {
            let cluster = entry.item
            let place = entry.description("cluster", name: cluster.name)
            let name = try require(cluster.name, "name", at: place)
            let location = try require(cluster.location, "location", at: place)
            let pools = try require(cluster.agentPoolProfiles, "agentPoolProfiles", at: place)
            let profile = try require(cluster.networkProfile, "networkProfile", at: place)
            let pluginText = try require(profile.networkPlugin, "networkProfile.networkPlugin", at: place)
            let plugin: NetworkPlugin
            switch pluginText.lowercased() {
            case "azure": plugin = profile.networkPluginMode?.lowercased() == "overlay" ? .azureCNIOverlay : .azureCNI
            case "kubenet": plugin = .kubenet
            case "none":
                notes.append("\(place): skipped, networkPlugin none (bring your own CNI) is not a plugin crosslink models")
                continue
            default:
                throw CrosslinkError(.invalidValue, "\(place): networkProfile.networkPlugin \(pluginText.quoted) is not one of: azure | kubenet | none")
            }
            // The system pool is listed first; every pool of a cluster lives in the same VNet.
            guard let nodePool = pools.first(where: { $0.vnetSubnetId != nil }), let nodeSubnetID = nodePool.vnetSubnetId else {
                notes.append("\(place): skipped, it uses an AKS-managed VNet (no agentPoolProfiles[].vnetSubnetId); register it with 'crosslink cluster add'")
                continue
            }
            let nodeSubnet = try subnet(nodeSubnetID, field: "agentPoolProfiles[].vnetSubnetId", at: place)
            for pool in pools {
                guard let other = pool.vnetSubnetId.flatMap({ subnets[$0.lowercased()] }), other.vnet != nodeSubnet.vnet else { continue }
                throw CrosslinkError(
                    .invalidTopology, "\(place): node pools in vnets \(nodeSubnet.vnet) and \(other.vnet); crosslink models one VNet per cluster")
            }
            var podCIDR: CIDR?
            switch plugin {
            case .azureCNI:
                // Azure CNI with a pod subnet gives pods addresses from that subnet, else from the node subnet.
                if let podSubnetID = nodePool.podSubnetId {
                    podCIDR = try subnet(podSubnetID, field: "agentPoolProfiles[].podSubnetId", at: place).prefix
                }
            case .azureCNIOverlay, .kubenet:
                podCIDR = try ipv4(profile.podCidr, profile.podCidrs, field: "networkProfile.podCidr", at: place)
            }
            let serviceCIDR = try ipv4(profile.serviceCidr, profile.serviceCidrs, field: "networkProfile.serviceCidr", at: place)
            // Network-isolated clusters (outboundType none or block) have no way out; userDefinedRouting
            // goes out through the user's firewall, which crosslink treats as internet egress.
            let isolated = ["none", "block"].contains(profile.outboundType?.lowercased() ?? "")
            let poolNames = Set(pools.compactMap { $0.name.flatMap(AzureNames.label(for:)) }).sorted()
            let label = try clusterNames.label(for: name, identity: cluster.id?.lowercased() ?? name.lowercased(), at: place)
            topology.clusters[label] = Cluster(
                name: label, vnet: nodeSubnet.vnet, region: try region(location, at: place), nodeSubnet: nodeSubnet.prefix,
                networkPlugin: plugin, podCIDR: podCIDR, serviceCIDR: serviceCIDR, egress: isolated ? .none : .internet,
                nodePools: poolNames)
        }
    }

    /// The VNet and prefix of a subnet listed in the vnets input.
    private func subnet(_ id: String, field: String, at place: String) throws -> (vnet: String, prefix: CIDR) {
        guard let subnet = subnets[id.lowercased()] else {
            throw CrosslinkError(.notFound, "\(place): \(field) \(id.quoted) is not a subnet of any VNet in the vnets input (az network vnet list)")
        }
        return subnet
    }

    /// The IPv4 range of a single-or-list field pair (`podCidr` / `podCidrs`), nil when absent.
    private func ipv4(_ single: String?, _ list: [String]?, field: String, at place: String) throws -> CIDR? {
        guard let text = single ?? list?.first(where: { !$0.contains(":") }) else { return nil }
        return try CIDR.parse(text, field: "\(place): \(field)")
    }
}
