extension Topology {
    /// Gives every cluster registered without a region its VNet's region (an AKS cluster lives in
    /// its VNet's region). Clusters whose VNet is unknown keep an empty region; validation reports them.
    package mutating func fillDefaultRegions() {
        for (name, cluster) in clusters where cluster.region.isEmpty {
            if let region = vnets[cluster.vnet]?.region { clusters[name]?.region = region }
        }
    }
}
