/// An Azure virtual network: the unit of underlay reachability.
package struct VNet: Hashable, Sendable {
    package var name: String
    package var region: String
    /// One or more IPv4 networks; every subnet and azure-cni pod range lies inside them.
    package var addressSpace: [CIDR]

    package init(name: String, region: String, addressSpace: [CIDR]) {
        self.name = name
        self.region = region
        self.addressSpace = addressSpace
    }
}
