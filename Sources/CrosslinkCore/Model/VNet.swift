/// An Azure virtual network: the unit of underlay reachability.
public struct VNet: Hashable, Sendable {
    public var name: String
    public var region: String
    /// One or more IPv4 networks; every subnet and azure-cni pod range lies inside them.
    public var addressSpace: [CIDR]

    public init(name: String, region: String, addressSpace: [CIDR]) {
        self.name = name
        self.region = region
        self.addressSpace = addressSpace
    }
}
