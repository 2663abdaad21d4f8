/// The 64-bit FNV-1a hash: small, stable across runs and platforms (unlike `Hasher`, which is
/// seeded per process), and good enough to tell names and file contents apart. Not cryptographic.
package enum FNV1a {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of the UTF-8 bytes of `text`.
    package static func hash(_ text: String) -> UInt64 {
        hash(text.utf8)
    }

    /// The hash of `bytes`.
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value = offsetBasis
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* prime
        }
        return value
    }
}

extension UInt64 {
    /// The low `digits` hex digits, zero-padded: a fixed width keeps names and index lines stable.
    package func hexadecimal(digits: Int) -> String {
        let text = String(self, radix: 16)
        let padded = String(repeating: "0", count: Swift.max(0, 16 - text.count)) + text
        return String(padded.suffix(digits))
    }
}
