import CrosslinkCore
import Testing

@Suite struct FNV1aTests {
    /// The published FNV-1a 64-bit test vectors: stored fingerprints, manifest names and index lines
    /// depend on these values never changing.
    @Test(arguments: [("", 0xCBF2_9CE4_8422_2325), ("a", 0xAF63_DC4C_8601_EC8C), ("foobar", 0x8594_4171_F739_67E8)] as [(String, UInt64)])
    func knownAnswers(text: String, expected: UInt64) {
        #expect(FNV1a.hash(text) == expected)
        #expect(FNV1a.hash(Array(text.utf8)) == expected)
    }

    @Test("streamed pieces hash like the whole; decimals like their digits")
    func streaming() {
        var hasher = FNV1a()
        hasher.add("foo")
        hasher.add(byte: UInt8(ascii: "b"))
        hasher.add("ar")
        #expect(hasher.value == FNV1a.hash("foobar"))
        for number in [0, 7, 10, 65535, -42, Int.max] {
            var digits = FNV1a()
            digits.add(decimal: number)
            #expect(digits.value == FNV1a.hash(String(number)))
        }
    }

    @Test func hexadecimal() {
        #expect(UInt64(0xAB).hexadecimal(digits: 8) == "000000ab")
        #expect(UInt64(0x1234_5678_9ABC_DEF0).hexadecimal(digits: 8) == "9abcdef0")
    }
}
