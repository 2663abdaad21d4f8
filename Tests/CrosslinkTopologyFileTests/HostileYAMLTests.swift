import CrosslinkCore
import CrosslinkTopologyFile
import Testing

/// YAML features a topology file has no use for, and values built to flood a terminal: each is refused
/// on one short line that says where.
@Suite struct HostileYAMLTests {
    static let header = "apiVersion: crosslink.io/v1alpha1\nkind: Topology\n"
    static let vnet = "vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16]}]\n"

    func message(_ text: String) -> String {
        do {
            _ = try TopologyDecoder.decode(text, source: "t.yaml")
            return "no error"
        } catch let error as CrosslinkError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "an explicit tag is refused with file:line:col, whatever it says",
        arguments: [
            (vnet + "imports: [{consumer: a, service: a/b/c, port: !!str 80}]\n", "t.yaml:4:47: ", "!!str"),
            (vnet + "imports: [{consumer: a, service: a/b/c, port: !!int 80}]\n", "t.yaml:4:47: ", "!!int"),
            (vnet + "imports: [{consumer: a, service: !!str \"a/b/c\"}]\n", "t.yaml:4:34: ", "!!str"),
            (vnet + "imports: [{consumer: a, service: &s !!str 'a/b/c'}]\n", "t.yaml:4:34: ", "!!str"),
            ("vnets: !!python/object/apply:os.system [\"true\"]\n", "t.yaml:3:8: ", "!!python/object/apply:os.system"),
            ("vnets:\n  - !custom {name: v, region: westeurope, addressSpace: [10.1.0.0/16]}\n", "t.yaml:4:5: ", "!custom"),
            (
                "vnets:\n  - name: v\n    region: westeurope\n    addressSpace: !<tag:yaml.org,2002:seq> [10.1.0.0/16]\n", "t.yaml:6:19: ",
                "!<tag:yaml.org,2002:seq>"
            ),
            ("vnets: [{name: v, region: westeurope, addressSpace: [! 10.1.0.0/16]}]\n", "t.yaml:3:54: ", "'!'"),
            ("!!str apiVersion: crosslink.io/v1alpha1\nkind: Topology\n", "t.yaml:1:1: ", "!!str"),
            (vnet + "imports: [{consumer: a, service: a/b/c, port: !!null }]\n", "t.yaml:4:47: ", "!!null"),
            ("%TAG !e! tag:example.com,2000:\n---\n" + header + "vnets: !e!list []\n", "t.yaml:5:8: ", "!e!list"),
        ])
    func explicitTag(text: String, place: String, tag: String) {
        let full = text.hasPrefix("%TAG") || text.hasPrefix("!!str apiVersion") ? text : Self.header + text
        let result = message(full)
        #expect(result.hasPrefix(place) && result.contains("tag") && result.contains(tag), "\(result)")
        #expect(!result.contains("\n"))
    }

    @Test("a '!' inside a plain or quoted value is not a tag")
    func exclamationInValues() throws {
        let topology = try TopologyDecoder.decode(
            Self.header + "vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16]}]\n"
                + "clusters: [{name: c, vnet: v, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni, clusterDomain: \"!odd\",\n"
                + "  services: [{namespace: n, name: s, ports: [{port: 80, appProtocol: a!b}]}]}]  # a comment with !!str\n",
            source: "t.yaml")
        #expect(topology.clusters["c"]?.clusterDomain == "!odd")
        #expect(topology.services.values.first?.ports.first?.appProtocol == "a!b")
    }

    @Test("a UTF-8 byte-order mark at the start is accepted, and positions still count from the first real character")
    func byteOrderMark() throws {
        let topology = try TopologyDecoder.decode("\u{FEFF}" + Self.header + Self.vnet, source: "t.yaml")
        #expect(topology.vnets["v"]?.region == "westeurope")
        let result = message("\u{FEFF}" + "apiVersion: v9\nkind: Topology\n")
        #expect(result.hasPrefix("t.yaml:1:13: "), "\(result)")
        // Only at the very start: one in the middle of a value is still a bad character in a name.
        #expect(message(Self.header + "vnets: [{name: \"v\u{FEFF}\", region: westeurope, addressSpace: [10.1.0.0/16]}]\n").contains("DNS-1123"))
    }

    @Test(
        "a huge bad value is cut in the message, not echoed whole",
        arguments: [
            ("vnets: [{name: NAME, region: westeurope, addressSpace: [10.1.0.0/16]}]\n", 1_000_000),
            ("vnets: [{name: v, region: NAME, addressSpace: [10.1.0.0/16]}]\n", 1_000_000),
            ("vnets: [{name: v, region: westeurope, addressSpace: [NAME]}]\n", 1_000_000),
            ("imports: [{consumer: a, service: a/b/c, via: NAME}]\n", 1_000_000),
            ("imports: [{consumer: NAME, service: a/b/c}]\n", 1_000_000),
            ("clusters: [{name: c, vnet: v, nodeSubnet: 10.1.0.0/20, networkPlugin: NAME}]\n", 1_000_000),
            // YAML limits a key to 1,024 characters; a longer one is a syntax error without the key.
            ("vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16], NAME: 1}]\n", 1_000),
            ("NAME: 1\nNAME: 2\n", 1_000),
        ])
    func longValue(template: String, size: Int) {
        let huge = String(repeating: "X", count: size)
        let result = message(Self.header + template.replacingOccurrences(of: "NAME", with: huge))
        #expect(result.hasPrefix("t.yaml:"), "\(result.prefix(200))")
        #expect(result.utf8.count < 400, "\(result.utf8.count) bytes: \(result.prefix(200))")
        #expect(result.contains(String(repeating: "X", count: 64) + "…"), "\(result.prefix(200))")
        #expect(!result.contains(String(repeating: "X", count: 65)))
    }

    @Test("a cluster's empty region is the VNet's, as when it is left out")
    func emptyClusterRegion() throws {
        var topology = try TopologyDecoder.decode(
            Self.header + Self.vnet + "clusters: [{name: c, vnet: v, region: '', nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni}]\n", source: "t.yaml")
        topology.fillDefaultRegions()
        #expect(topology.clusters["c"]?.region == "westeurope")
    }

    @Test(
        "a bad region says where it is and which Azure region was meant",
        arguments: ["region: West Europe", "region: west_europe", "region: west-europe", "region: westeuropa"])
    func regionPlace(region: String) {
        let typed = String(region.dropFirst("region: ".count))
        let vnetResult = message(Self.header + "vnets:\n  - name: v\n    \(region)\n    addressSpace: [10.1.0.0/16]\n")
        #expect(vnetResult == "t.yaml:5:13: vnet v: unknown region '\(typed)'; did you mean 'westeurope'?", "\(vnetResult)")
        let clusterResult = message(
            Self.header + Self.vnet + "clusters:\n  - name: c\n    vnet: v\n    \(region)\n    nodeSubnet: 10.1.0.0/20\n    networkPlugin: azure-cni\n")
        #expect(clusterResult == "t.yaml:7:13: cluster c: unknown region '\(typed)'; did you mean 'westeurope'?", "\(clusterResult)")
    }
}
