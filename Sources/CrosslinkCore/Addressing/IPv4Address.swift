/// An IPv4 address, held as its 32-bit value.
package struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let value: UInt32

    package init(value: UInt32) { self.value = value }

    /// Parses dotted-quad notation strictly: four decimal octets, no leading zeros, no spaces.
    package init?(_ text: some StringProtocol) {
        // Byte by byte: this runs for every address and CIDR a snapshot load reads.
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var octets = 0
        var leadingZero = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if leadingZero { return nil }  // "01"
                if digits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if digits > 3 || octet > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, octets < 3 else { return nil }
                value = value << 8 | octet
                (octet, digits, leadingZero, octets) = (0, 0, false, octets + 1)
            default:
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        self.value = value << 8 | octet
    }

    /// Parses an address or throws an error naming the field.
    package static func parse(_ text: String, field: String) throws -> IPv4Address {
        guard let address = IPv4Address(text) else {
            if text.contains(":") {
                throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is IPv6; crosslink models IPv4 networks only")
            }
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not an IPv4 address (expected a.b.c.d)")
        }
        return address
    }

    package var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    package static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}

extension IPv4Address {
    /// Ranges that are never reachable over the internet: RFC 1918, CGNAT, loopback,
    /// link-local, "this network", multicast and reserved.
    package static let nonPublicRanges: [CIDR] = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
        "169.254.0.0/16", "0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4",
    ].compactMap { try? CIDR.parse($0, field: "range") }

    /// Whether the address lies in a private or special-purpose range.
    package var isInNonPublicRange: Bool {
        Self.nonPublicRanges.contains { $0.contains(self) }
    }
}
