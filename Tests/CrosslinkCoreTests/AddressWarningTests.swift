import CrosslinkCore
import CrosslinkGenerator
import CrosslinkTestSupport
import Testing

/// Issue 15 item 9: overlapping VNets and clusters sharing a node subnet warn; they are not refused.
@Suite struct AddressWarningTests {
    @Test("a VNet inside another VNet's space warns once, naming both, and the estate stays valid")
    func vnetOverlap() throws {
        let topology = TopologyBuilder().vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.1.4.0/24").vnet("vnet-c", "10.2.0.0/16").topology
        try topology.validate()
        #expect(
            topology.addressWarnings() == [
                "vnet vnet-a: address space 10.1.0.0/16 overlaps vnet vnet-b's 10.1.4.0/24; Azure allows it, but these two VNets can never be peered"
            ])
    }

    @Test("only the objects in scope warn: a stored overlap stays quiet when another VNet is written")
    func scope() {
        let topology = TopologyBuilder().vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.1.0.0/16").vnet("vnet-c", "10.2.0.0/16").topology
        #expect(topology.addressWarnings(in: .objects(vnets: ["vnet-c"], clusters: [])).isEmpty)
        #expect(
            topology.addressWarnings(in: .objects(vnets: ["vnet-b"], clusters: [])) == [
                "vnet vnet-b: address space 10.1.0.0/16 overlaps vnet vnet-a's 10.1.0.0/16; Azure allows it, but these two VNets can never be peered"
            ])
    }

    @Test("a VNet with several prefixes finds the overlap on any of them; disjoint neighbours do not warn")
    func severalPrefixes() {
        let topology = TopologyBuilder().vnet("vnet-a", "10.1.0.0/24", "10.9.0.0/24").vnet("vnet-b", "10.1.1.0/24", "10.9.0.128/25").topology
        #expect(topology.addressWarnings().count == 1)
        #expect(topology.addressWarnings().first?.contains("10.9.0.0/24 overlaps vnet vnet-b's 10.9.0.128/25") == true)
    }

    @Test("many VNets reusing one range warn once each, in name order")
    func reusedRange() {
        var builder = TopologyBuilder()
        for index in 0..<2_000 { builder = builder.vnet("vnet-\(index)", "10.0.0.0/16") }
        builder = builder.vnet("vnet-other", "10.1.0.0/16")
        let warnings = builder.topology.addressWarnings()
        // Each VNet is reported with one partner, and a pair once: 2,000 VNets make 1,999 lines.
        #expect(warnings.count == 1_999)
        #expect(!warnings.contains { $0.contains("vnet-other") })
        let owners = warnings.map { $0.dropFirst("vnet ".count).prefix { $0 != ":" } }
        #expect(owners.elementsEqual(owners.sorted()))
    }

    @Test("two clusters on one node subnet warn; on nested subnets too; in different VNets they do not")
    func sharedNodeSubnet() throws {
        let topology = TopologyBuilder()
            .vnet("vnet-a", "10.1.0.0/16").vnet("vnet-b", "10.2.0.0/16")
            .cluster("aks-1", in: "vnet-a", nodeSubnet: "10.1.0.0/20").cluster("aks-2", in: "vnet-a", nodeSubnet: "10.1.0.0/20")
            .cluster("aks-3", in: "vnet-a", nodeSubnet: "10.1.16.0/20").cluster("aks-4", in: "vnet-a", nodeSubnet: "10.1.16.0/24")
            .cluster("aks-5", in: "vnet-b", nodeSubnet: "10.2.0.0/20")
            .topology
        try topology.validate()
        let warnings = topology.addressWarnings()
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("cluster aks-1: shares node subnet 10.1.0.0/20 with cluster aks-2 in vnet vnet-a; AKS allows it") == true)
        #expect(warnings.last?.hasPrefix("cluster aks-3: node subnet 10.1.16.0/20 overlaps cluster aks-4's 10.1.16.0/24 in vnet vnet-a") == true)
        #expect(topology.addressWarnings(in: .objects(vnets: [], clusters: ["aks-5"])).isEmpty)
        #expect(topology.addressWarnings(in: .objects(vnets: [], clusters: ["aks-2"])).count == 1)
    }
}

@Suite struct AzureRegionTests {
    @Test(
        "a mistyped region names the one meant",
        arguments: [
            ("west-europe", "westeurope"), ("West Europe", "westeurope"), ("westeurop", "westeurope"), ("eastus-2", "eastus2"),
            ("usgovvirgina", "usgovvirginia"), ("chinanorth-3", "chinanorth3"),
        ])
    func suggestion(typed: String, meant: String) {
        #expect(AzureRegion.suggestion(for: typed) == meant)
        #expect(throws: CrosslinkError.self) { try AzureRegion.check(typed, of: "vnet v") }
    }

    @Test("the message is one line: unknown region, and the closest name")
    func message() {
        let typo = #expect(throws: CrosslinkError.self) { try AzureRegion.check("west-europe", of: "vnet v") }
        #expect(typo?.message == "vnet v: unknown region 'west-europe'; did you mean 'westeurope'?")
        let unknown = #expect(throws: CrosslinkError.self) { try AzureRegion.check("mars", of: "vnet v") }
        #expect(unknown?.message == "vnet v: unknown region 'mars'; Azure region names are like westeurope or eastus2 (az account list-locations)")
    }

    @Test("public and sovereign regions are known; names are lowercase letters and digits, listed once")
    func list() throws {
        for region in ["westeurope", "eastus2", "swedencentral", "usgovvirginia", "chinanorth3", "australiacentral2"] {
            try AzureRegion.check(region, of: "vnet v")
        }
        #expect(Set(AzureRegion.all).count == AzureRegion.all.count)
        #expect(AzureRegion.all.allSatisfy { $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } })
    }
}

@Suite struct AddressWarningSweepTests {
    @Test("the sorted sweep finds exactly the VNets a pairwise comparison finds", arguments: [1, 2, 3, 4, 5])
    func matchesPairwise(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)  // seeded, so a failure repeats
        var topology = Topology()
        for index in 0..<300 {
            // Prefixes of /12 to /24 inside 10.0.0.0/10, so nesting and equal ranges are common.
            var space: [CIDR] = []
            for _ in 0..<(1 + Int(random.next() % 2)) {
                let length = 12 + Int(random.next() % 13)
                let network = IPv4Address(value: (10 << 24) | UInt32(random.next() % (1 << 22)) << 10)
                let prefix = CIDR(containing: network, prefixLength: length)
                if !space.contains(where: { $0.overlaps(prefix) }) { space.append(prefix) }
            }
            topology.vnets["v\(index)"] = VNet(name: "v\(index)", region: "westeurope", addressSpace: space)
        }
        var expected = Set<String>()
        let vnets = Array(topology.vnets.values)
        for a in vnets {
            for b in vnets where a.name != b.name && a.addressSpace.firstOverlap(with: b.addressSpace) != nil {
                expected.insert(a.name)
            }
        }
        // Every overlapping VNet is named in some line (as the VNet or as the one it overlaps), and
        // every line names a real overlap.
        var named = Set<String>()
        for line in topology.addressWarnings() {
            let owner = String(line.dropFirst("vnet ".count).prefix { $0 != ":" })
            let partner = String(line.components(separatedBy: "overlaps vnet ")[1].prefix { $0 != "'" })
            let a = try #require(topology.vnets[owner]), b = try #require(topology.vnets[partner])
            #expect(a.addressSpace.firstOverlap(with: b.addressSpace) != nil, "\(line)")
            named.formUnion([owner, partner])
        }
        #expect(!expected.isEmpty && named == expected)
    }
}
