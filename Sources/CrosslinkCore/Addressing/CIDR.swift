/// An IPv4 network in canonical CIDR form (`10.1.0.0/16`): no host bits set.
package struct CIDR: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first address of the network.
    package let network: IPv4Address
    /// The number of leading bits that name the network, 0 through 32.
    package let prefixLength: Int

    /// Creates a network from an address and prefix, clearing any host bits.
    package init(containing address: IPv4Address, prefixLength: Int) {
        precondition((0...32).contains(prefixLength), "prefix length out of range")
        self.prefixLength = prefixLength
        self.network = IPv4Address(value: address.value & CIDR.mask(prefixLength))
    }

    /// Parses `a.b.c.d/n`, refusing host bits with an error that names the canonical form.
    package static func parse(_ text: String, field: String) throws -> CIDR {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if text.contains(":") {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is IPv6; crosslink models IPv4 networks only")
        }
        guard parts.count == 2 else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not a CIDR (expected a.b.c.d/n)")
        }
        guard let address = IPv4Address(parts[0]) else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) does not start with an IPv4 address")
        }
        let digits = parts[1].utf8
        guard (1...2).contains(digits.count), digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.count == 1 || digits.first != UInt8(ascii: "0"),
            let prefix = Int(parts[1]), (0...32).contains(prefix)
        else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) has a bad prefix length (expected 0 to 32)")
        }
        let cidr = CIDR(containing: address, prefixLength: prefix)
        guard cidr.network == address else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) has host bits set; did you mean \(cidr)?")
        }
        return cidr
    }

    /// The last address of the network.
    package var broadcast: IPv4Address { IPv4Address(value: network.value | ~CIDR.mask(prefixLength)) }

    /// Whether `address` lies inside this network.
    package func contains(_ address: IPv4Address) -> Bool {
        address.value & CIDR.mask(prefixLength) == network.value
    }

    /// Whether every address of `other` lies inside this network.
    package func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.network)
    }

    /// Whether the two networks share at least one address.
    package func overlaps(_ other: CIDR) -> Bool {
        contains(other.network) || other.contains(network)
    }

    /// The addresses both networks hold (the smaller of the two), or nil if they are disjoint.
    package func intersection(_ other: CIDR) -> CIDR? {
        guard overlaps(other) else { return nil }
        return prefixLength >= other.prefixLength ? self : other
    }

    package var description: String { "\(network)/\(prefixLength)" }

    package static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        (lhs.network, lhs.prefixLength) < (rhs.network, rhs.prefixLength)
    }

    static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : UInt32.max << UInt32(32 - prefixLength)
    }
}

extension Sequence<CIDR> {
    /// The first overlap between any network here and any in `other`, as the shared range.
    package func firstOverlap(with other: some Sequence<CIDR>) -> CIDR? {
        for a in self {
            for b in other {
                if let shared = a.intersection(b) { return shared }
            }
        }
        return nil
    }

    /// Whether some network here holds `address`.
    package func contains(address: IPv4Address) -> Bool { contains { $0.contains(address) } }
}
