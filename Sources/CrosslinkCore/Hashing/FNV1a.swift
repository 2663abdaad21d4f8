/// The 64-bit FNV-1a hash, crosslink's only one: route fingerprints, derived manifest names and the
/// manifest index all use it.
///
/// Small, stable across runs and platforms (unlike `Hasher`, which is seeded per process), and good
/// enough to tell names and contents apart. Not cryptographic. Fed as a stream (bytes, strings,
/// decimal numbers), so callers can hash a value's pieces in place without building its string.
package struct FNV1a: Sendable {
    private static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of everything added so far.
    package private(set) var value: UInt64 = FNV1a.offsetBasis

    package init() {}

    /// The hash of the UTF-8 bytes of `text`.
    package static func hash(_ text: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(text)
        return hasher.value
    }

    /// The hash of `bytes`.
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        for byte in bytes { hasher.add(byte: byte) }
        return hasher.value
    }

    package mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    package mutating func add(_ text: String) {
        // Native strings hand out their bytes in place; anything else goes byte by byte.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var hash = value
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* Self.prime }
            value = hash
        }
        if done == nil {
            for byte in text.utf8 { add(byte: byte) }
        }
    }

    /// The decimal digits of `number` as `String(number)` spells them.
    package mutating func add(decimal number: Int) {
        if number < 0 { add(byte: 0x2D) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor &*= 10 }
        repeat {
            add(byte: UInt8(truncatingIfNeeded: (magnitude / divisor) % 10) &+ 0x30)
            divisor /= 10
        } while divisor > 0
    }

    /// Ends a field with 0x1F (the ASCII unit separator), so `ab|c` and `a|bc` hash apart.
    package mutating func endField() { add(byte: 0x1F) }

    package mutating func addField(_ text: String) {
        add(text)
        endField()
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
