/// Finds the VNet whose address space holds an address: one hash lookup per prefix length, so the
/// cost does not grow with the number of VNets.
struct AddressIndex: Sendable {
    /// For each prefix length, network address → owning VNet (the smallest name when several claim it).
    private let byLength: [[UInt32: String]]

    init(_ vnets: some Sequence<VNet>) {
        var byLength = Array(repeating: [UInt32: String](), count: 33)
        for vnet in vnets {
            for prefix in vnet.addressSpace {
                let key = prefix.network.value
                if let existing = byLength[prefix.prefixLength][key], existing <= vnet.name { continue }
                byLength[prefix.prefixLength][key] = vnet.name
            }
        }
        self.byLength = byLength
    }

    /// The owner with the most specific prefix holding `address`, if any.
    func owner(of address: IPv4Address) -> String? {
        for length in stride(from: 32, through: 0, by: -1) where !byLength[length].isEmpty {
            let mask: UInt32 = length == 0 ? 0 : UInt32.max << UInt32(32 - length)
            if let owner = byLength[length][address.value & mask] { return owner }
        }
        return nil
    }
}
