import CrosslinkCore

extension AzureImport {
    /// Upserts the imported objects into `existing`, keeping what Azure does not report.
    ///
    /// Azure owns what it prints; crosslink keeps the settings that only crosslink records: a cluster's
    /// cluster domain, Globalnet CIDR, mesh membership and isolated namespaces, and a VPN gateway's
    /// public IP (az prints only the ID of the IP resource). Re-importing the same output changes nothing.
    package func apply(to existing: inout Topology) {
        for entity in topology.allEntities {
            switch entity {
            case .cluster(var cluster):
                if let stored = existing.clusters[cluster.name] {
                    cluster.clusterDomain = stored.clusterDomain
                    cluster.globalnetCIDR = stored.globalnetCIDR
                    cluster.mesh = stored.mesh
                    cluster.isolatedNamespaces = stored.isolatedNamespaces
                }
                existing.upsert(.cluster(cluster))
            case .vpnGateway(var gateway):
                if gateway.publicIP == nil { gateway.publicIP = existing.vpnGateways[gateway.name]?.publicIP }
                existing.upsert(.vpnGateway(gateway))
            default:
                existing.upsert(entity)
            }
        }
    }
}
