import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

/// With route tables, firewalls and security groups (spec §8) a routing slice loads only the VNets
/// the pair's flows can pass and their objects; every answer and explanation must equal the whole
/// estate's.
@Suite struct TrafficSliceTests {
    let directory: URL
    init() throws { directory = try TemporaryDirectory.make() }

    /// Stores `whole` and compares, for each pair, the slice's answer and explanation with the whole estate's.
    /// Returns the largest number of VNets a slice loaded.
    @discardableResult
    func expectSlicesAgree(_ whole: Topology, pairs: [(Consumer, ServiceID)], file: String) throws -> Int {
        let store = try Store(path: directory.appendingPathComponent(file).path)
        try store.update { $0 = whole }
        let stored = try store.loadTopology(scope: .everything)
        let engine = RouteEngine(topology: stored)
        var largest = 0
        for (consumer, service) in pairs {
            let slice = try store.loadTopology(scope: .routing(consumer: consumer.cluster, service: service))
            largest = max(largest, slice.vnets.count)
            let sliced = RouteEngine(topology: slice)
            #expect(
                try sliced.answer(consumer: consumer, service: service, port: nil, via: .auto)
                    == engine.answer(consumer: consumer, service: service, port: nil, via: .auto), "\(consumer) -> \(service)")
            #expect(
                try sliced.explain(consumer: consumer, service: service, port: nil, via: .auto)
                    == engine.explain(consumer: consumer, service: service, port: nil, via: .auto), "explain \(consumer) -> \(service)")
        }
        return largest
    }

    /// Every cluster against every service.
    func allPairs(_ topology: Topology) -> [(Consumer, ServiceID)] {
        topology.clusters.keys.sorted().flatMap { cluster in
            topology.services.keys.sorted().map { (Consumer(cluster: cluster, namespace: "app"), $0) }
        }
    }

    func decoded(_ path: String) throws -> Topology {
        let text = try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        // A scenario file's topology is its first document.
        return try TopologyDecoder.decode(text.components(separatedBy: "\n---\n")[0], source: path)
    }

    @Test("the shipped firewall hub (VPN arrivals through a GatewaySubnet, UDRs, NSGs): every pair answers as the whole estate")
    func firewallHub() throws {
        let whole = try decoded("examples/firewall-hub.yaml")
        try expectSlicesAgree(whole, pairs: allPairs(whole), file: "hub.db")
    }

    @Test("routes to no firewall, firewalls out of reach and appliance loops answer as the whole estate")
    func firewallMistakes() throws {
        let whole = try decoded("Tests/Scenarios/firewall-mistakes.yaml")
        try expectSlicesAgree(whole, pairs: allPairs(whole), file: "mistakes.db")
    }

    @Test("on a generated landing zone, 300 random pairs answer as the whole estate from a few VNets")
    func generated() throws {
        var generator = try EstateGenerator(clusters: 120, servicesPerCluster: 5, importsPerCluster: 2, seed: 21)
        generator.trafficControls = true
        let whole = generator.topology()
        let clusters = whole.clusters.keys.sorted()
        let services = whole.services.keys.sorted()
        var random = SplitMix64(seed: 5)
        let pairs = (0..<300).map { _ in
            (Consumer(cluster: clusters[random.below(clusters.count)], namespace: "app"), services[random.below(services.count)])
        }
        let largest = try expectSlicesAgree(whole, pairs: pairs, file: "generated.db")
        #expect(largest < whole.vnets.count)
    }

    /// A VNet lying inside a flow's destination range makes that range not entirely public, so the
    /// slice must find it although nothing else leads there.
    @Test("a VNet inside a destination range is loaded, so the range is not taken for public")
    func vnetInsideDestinationRange() throws {
        let mesh = MeshMembership(id: "m", network: "n", trustRoot: "r", eastWestGateway: nil)
        let whole = TopologyBuilder()
            .vnet("hub", "10.0.0.0/16").vnet("spoke-a", "10.1.0.0/16").vnet("spoke-b", "10.2.0.0/16").vnet("stray", "30.0.5.0/24")
            .peering("hub", "spoke-a").peering("hub", "spoke-b")
            .cluster("aks-a", in: "spoke-a", nodeSubnet: "10.1.0.0/20", mesh: mesh)
            .cluster("aks-b", in: "spoke-b", nodeSubnet: "10.2.0.0/20", plugin: .azureCNIOverlay, podCIDR: "30.0.0.0/16", mesh: mesh)
            .meshLink("aks-a", "aks-b")
            .service("aks-b/shop/web")
            .securityGroup("nsg-a", in: "spoke-a")
            .topology
        let service = TopologyBuilder.service("aks-b/shop/web")
        try expectSlicesAgree(whole, pairs: [(Consumer(cluster: "aks-a", namespace: "app"), service)], file: "stray.db")
        let store = try Store(path: directory.appendingPathComponent("stray.db").path)
        #expect(try store.loadTopology(scope: .routing(consumer: "aks-a", service: service)).vnets["stray"] != nil)
    }
}
