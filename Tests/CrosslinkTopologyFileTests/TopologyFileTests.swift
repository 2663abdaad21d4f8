import CrosslinkCore
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

@Suite struct TopologyFileTests {
    static let header = "apiVersion: crosslink.io/v1alpha1\nkind: Topology\n"

    func decode(_ body: String) throws -> Topology { try TopologyDecoder.decode(Self.header + body, source: "t.yaml") }

    func message(_ body: String) -> String {
        do {
            _ = try decode(body)
            return "no error"
        } catch let error as CrosslinkError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("the shipped examples decode, and export then decode gives the same snapshot", arguments: ["cluster-gen", "multi-cluster", "corrections"])
    func examplesRoundTrip(name: String) throws {
        let url = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/\(name).yaml")
        var topology = try TopologyDecoder.decode(try String(contentsOf: url, encoding: .utf8), source: url.path)
        topology.fillDefaultRegions()
        try topology.validate()
        let exported = try TopologyEncoder.encode(topology)
        #expect(try TopologyDecoder.decode(exported, source: "export") == topology)
        #expect(try TopologyEncoder.encode(try TopologyDecoder.decode(exported, source: "export")) == exported)
    }

    @Test("defaults from spec §1 are applied")
    func defaults() throws {
        let topology = try decode(
            """
            vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16]}]
            clusters:
              - {name: a, vnet: v, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni,
                 services: [{namespace: ns, name: svc, ports: [{port: 80}]}]}
              - {name: b, vnet: v, nodeSubnet: 10.1.16.0/20, networkPlugin: kubenet}
            ingresses: [{cluster: a, service: ns/svc, host: a.example.com, tls: false}]
            imports: [{consumer: b, service: a/ns/svc}]
            """)
        let a = try #require(topology.clusters["a"])
        #expect(a.podCIDR.description == "10.1.0.0/20" && a.serviceCIDR.description == "10.0.0.0/16")
        #expect(a.clusterDomain == "cluster.local" && a.egress == .internet)
        #expect(topology.clusters["b"]?.podCIDR.description == "10.244.0.0/16")
        let service = try #require(topology.services.values.first)
        #expect(service.ports == [ServicePort(port: 80, targetPort: 80, protocol: .tcp)] && service.exposure == .clusterIP)
        #expect(topology.ingresses.values.first?.port == 80 && topology.ingresses.values.first?.visibility == .public)
        #expect(topology.imports.values.first?.via == .auto && topology.imports.values.first?.port == nil)
    }

    @Test(
        "bad files are refused with the place and the problem",
        arguments: [
            ("vnets: [{name: v, region: x, addressSpace: [10.1.0.0/16]}\n", "t.yaml:4:1: malformed YAML"),
            ("vnets:\n  - name: v\n    regoin: westeurope\n", "t.yaml:5:5: unknown field 'regoin'"),
            ("vnets: [{name: V, region: w, addressSpace: [10.0.0.0/8]}]\n", "is not a DNS-1123 label"),
            ("vnets: [{name: v, region: westeurope, addressSpace: [10.0.0.1/8]}]\n", "did you mean 10.0.0.0/8?"),
            ("vnets: [{name: v, region: westeurope, addressSpace: [10.0.0.0/40]}]\n", "bad prefix length"),
            ("vnets: [{name: v, region: westeurope, addressSpace: [\"fd00::/8\"]}]\n", "IPv6"),
            (
                "vnets: [{name: v, region: westeurope, addressSpace: [10.0.0.0/8]}, {name: v, region: westeurope, addressSpace: [10.0.0.0/8]}]\n",
                "vnet v is listed twice"
            ),
            ("vnets: {name: v}\n", "vnets must be a list"),
            ("imports: [{consumer: a, service: a/b/c, port: eighty}]\n", "must be a whole number"),
            ("imports: [{consumer: a, service: a/b/c, port: \"80\"}]\n", "must be a whole number"),
            ("imports: [{consumer: a, service: a/b/c, via: teleport}]\n", "is not one of: auto | local"),
            ("vpnConnections: [{between: [a, b], bgp: maybe}]\n", "must be true or false"),
            ("peerings: [{between: [a]}]\n", "exactly two names"),
            ("peerings: [{between: [a, a]}]\n", "names a twice"),
            ("tunnels: [{between: [a, b], cableDriver: ipsec}]\n", "libreswan | wireguard | vxlan"),
            ("vnets:\n  - &a {name: v, region: westeurope, addressSpace: [10.0.0.0/8]}\n  - *a\n", "listed twice"),
        ])
    func refused(body: String, expected: String) {
        let text = message(body)
        #expect(text.contains(expected), "\(text)")
        #expect(!text.contains("\n"))
    }

    @Test("wrong apiVersion, wrong kind, empty file")
    func header() {
        #expect(throws: CrosslinkError.self) { try TopologyDecoder.decode("apiVersion: v2\nkind: Topology\n", source: "f") }
        #expect(throws: CrosslinkError.self) { try TopologyDecoder.decode("apiVersion: crosslink.io/v1alpha1\nkind: Estate\n", source: "f") }
        #expect(throws: CrosslinkError.self) { try TopologyDecoder.decode("", source: "f") }
    }

    @Test("alias bombs and deep nesting are refused quickly, not expanded")
    func hostileStructure() {
        var bomb = Self.header + "x0: &a0 [v, v, v, v, v, v, v, v, v, v]\n"
        for level in 1..<12 {
            bomb += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        bomb += "vnets: *a11\n"
        #expect(throws: CrosslinkError.self) { try TopologyDecoder.decode(bomb, source: "bomb") }
        let deep = Self.header + "vnets: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        #expect(throws: CrosslinkError.self) { try TopologyDecoder.decode(deep, source: "deep") }
    }

    @Test("strings YAML would misread are quoted on export")
    func quoting() throws {
        var topology = Topology()
        // Regions are Azure's names now, none of them a YAML word; a cluster name stands in.
        topology.vnets["null"] = VNet(name: "null", region: "westeurope", addressSpace: [TopologyBuilder.cidr("10.0.0.0/8")])
        topology.clusters["yes"] = Cluster(
            name: "yes", vnet: "null", region: "westeurope", nodeSubnet: TopologyBuilder.cidr("10.0.0.0/20"), networkPlugin: .azureCNI)
        let text = try TopologyEncoder.encode(topology)
        #expect(text.contains("name: 'null'") && text.contains("name: 'yes'"))
        #expect(try TopologyDecoder.decode(text, source: "q") == topology)
    }
}
