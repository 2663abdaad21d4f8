import CrosslinkCore
import Testing

@Suite struct CIDRTests {
    @Test("canonical CIDRs parse and print back", arguments: ["10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "0.0.0.0/0", "10.1.2.3/32"])
    func roundTrip(text: String) throws {
        #expect(try CIDR.parse(text, field: "cidr").description == text)
    }

    @Test(
        "malformed CIDRs are refused with a message naming the problem",
        arguments: [
            ("10.1.0.1/16", "host bits set; did you mean 10.1.0.0/16?"),
            ("10.1.0.0/33", "bad prefix length"),
            ("10.1.0.0/-1", "bad prefix length"),
            ("10.1.0.0/016", "bad prefix length"),
            ("10.1.0.0", "not a CIDR"),
            ("10.1.0/16", "does not start with an IPv4 address"),
            ("256.1.0.0/16", "does not start with an IPv4 address"),
            ("010.1.0.0/16", "does not start with an IPv4 address"),
            ("fd00::/8", "IPv6"),
            (" 10.1.0.0/16", "does not start with an IPv4 address"),
        ])
    func refused(text: String, expected: String) {
        #expect {
            try CIDR.parse(text, field: "cidr")
        } throws: { error in
            (error as? CrosslinkError)?.message.contains(expected) == true
        }
    }

    @Test(arguments: [
        ("10.0.0.0/16", "10.0.1.0/24", true),
        ("10.0.0.0/16", "10.1.0.0/16", false),
        ("10.0.0.0/8", "10.244.0.0/16", true),
        ("10.244.0.0/16", "10.0.0.0/8", true),
        ("0.0.0.0/0", "192.168.0.0/16", true),
        ("10.0.0.0/24", "10.0.1.0/24", false),
    ])
    func overlap(a: String, b: String, expected: Bool) throws {
        let (x, y) = (try CIDR.parse(a, field: "a"), try CIDR.parse(b, field: "b"))
        #expect(x.overlaps(y) == expected)
        #expect(y.overlaps(x) == expected)
    }

    @Test func containment() throws {
        let vnet = try CIDR.parse("10.1.0.0/16", field: "vnet")
        #expect(vnet.contains(try CIDR.parse("10.1.0.0/20", field: "subnet")))
        #expect(!vnet.contains(try CIDR.parse("10.0.0.0/8", field: "wider")))
        #expect(vnet.contains(IPv4Address("10.1.255.255")!))
        #expect(!vnet.contains(IPv4Address("10.2.0.0")!))
        #expect(vnet.broadcast.description == "10.1.255.255")
    }

    @Test(
        "public and private addresses",
        arguments: [
            ("20.1.2.3", false), ("10.9.9.9", true), ("172.20.0.1", true), ("172.32.0.1", false),
            ("192.168.4.4", true), ("100.64.0.1", true), ("169.254.1.1", true), ("8.8.8.8", false),
        ])
    func nonPublic(address: String, isNonPublic: Bool) {
        #expect(IPv4Address(address)?.isInNonPublicRange == isNonPublic)
    }
}
