/// Address ranges a VNet may not use (spec §7.11): Azure refuses them in a virtual network's
/// address space, and crosslink would otherwise treat them as reachable VNet addresses.
package struct ReservedRange: Sendable {
    package let cidr: CIDR
    /// What the range is for, in a few words, for messages.
    package let purpose: String

    /// In the order the spec lists them; the first one a prefix overlaps is the one named.
    package static let all: [ReservedRange] = [
        ReservedRange(0x0000_0000, 8, "\"this network\""),
        ReservedRange(0x7F00_0000, 8, "loopback"),
        ReservedRange(0xA9FE_0000, 16, "link-local"),
        ReservedRange(0xA83F_8110, 32, "Azure's platform address (DNS, DHCP, health probes)"),
        ReservedRange(0xE000_0000, 4, "multicast"),
        ReservedRange(0xF000_0000, 4, "reserved (class E and broadcast)"),
    ]

    private init(_ network: UInt32, _ prefixLength: Int, _ purpose: String) {
        self.cidr = CIDR(containing: IPv4Address(value: network), prefixLength: prefixLength)
        self.purpose = purpose
    }
}
