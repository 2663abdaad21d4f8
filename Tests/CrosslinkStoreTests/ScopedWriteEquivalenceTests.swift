import CrosslinkCore
import CrosslinkGenerator
import Foundation
import Testing

@testable import CrosslinkStore

/// A registration write validates a scoped snapshot (the object and what its invariants read)
/// instead of the whole estate. Over random change sequences on generated estates, the scoped path
/// must refuse exactly what the whole-estate path refuses, with the same message, and leave the same
/// database (objects, and the imports marked for the next incremental reconcile).
@Suite struct ScopedWriteEquivalenceTests {
    /// One registration write: the objects the CLI names as its seeds, and the change itself (what
    /// `add`, `set` and `remove` do to a snapshot).
    struct Write {
        var label: String
        var seeds: [EntityReference]
        var change: (inout Topology) throws -> String
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func scopedWritesMatchWholeEstateWrites(seed: UInt64) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scoped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var estate = try EstateGenerator(clusters: 24, servicesPerCluster: 3, importsPerCluster: 4, seed: seed).topology()
        // A second hub with a gateway, peered to nothing: spokes peering to it with gateway transit
        // meet the one-remote-gateway rule (a generated estate this small has one region, one hub).
        estate.upsert(
            .vnet(VNet(name: "vnet-hub-extra", region: "westeurope", addressSpace: [CIDR(containing: IPv4Address(value: 0x0AFE_0000), prefixLength: 24)])))
        estate.upsert(.vpnGateway(VPNGateway(name: "gw-extra", vnet: "vnet-hub-extra", bgpASN: 65_100)))
        let whole = try Store(path: directory.appendingPathComponent("whole.db").path)
        let scoped = try Store(path: directory.appendingPathComponent("scoped.db").path)
        for store in [whole, scoped] {
            try store.update { $0 = estate }
            // After a reconcile, writes record which imports they affect: that must match too.
            _ = try IncrementalReconcileTests.reconcile(store)
        }
        var random = SplitMix64(seed: seed)
        var refusals = 0
        var scopedWrites = 0
        for step in 0..<250 {
            let current = try whole.loadTopology()
            let write = Self.randomWrite(current, &random, step: step)
            let expected = Self.outcome { try whole.update(write.change).0 }
            let actual = Self.outcome { try scoped.update(touching: write.seeds, write.change).0 }
            #expect(actual == expected, "step \(step) \(write.label)")
            if expected.hasPrefix("refused") { refusals += 1 }
            if write.seeds.allSatisfy({ ScopedLoad.subject($0) != nil }) { scopedWrites += 1 }
            let (wholeState, scopedState) = (try Self.state(of: whole), try Self.state(of: scoped))
            #expect(scopedState == wholeState, "step \(step) \(write.label): databases differ")
            guard actual == expected, scopedState == wholeState else { return }
        }
        // The sequence exercises both verdicts and the scoped path, or it would prove nothing.
        #expect(refusals > 40 && refusals < 210, "\(refusals) refusals")
        #expect(scopedWrites > 150, "\(scopedWrites) scoped writes")
    }

    /// A write's result or its refusal, as text.
    static func outcome(_ body: () throws -> String) -> String {
        do { return "accepted: \(try body())" } catch { return "refused: \(error)" }
    }

    /// What a write leaves behind: every object, the imports marked dirty, and whether a full
    /// reconcile is needed.
    static func state(of store: Store) throws -> String {
        let topology = try store.loadTopology()
        let (dirty, full) = try store.read { store in
            (
                try store.dirtyImportsInTransaction().sorted(),
                try store.connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) ?? -1 }
            )
        }
        return "\(topology.allEntities.count) objects, full \(full), dirty \(dirty)"
            + (topology.allEntities.map { "\($0)" }.joined(separator: "\n"))
    }

    /// A random `add`, `set` or `remove`, valid or not, of the kinds with a scoped path (and now
    /// and then one without, which must fall back to the whole estate).
    static func randomWrite(_ topology: Topology, _ random: inout SplitMix64, step: Int) -> Write {
        func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }
        func chance(_ percent: Int) -> Bool { random.below(100) < percent }
        let clusters = topology.clusters.keys.sorted() + ["ghost"]
        let vnets = topology.vnets.keys.sorted() + ["vnet-ghost"]
        let services = topology.services.keys.sorted() + [ServiceID(cluster: pick(clusters), namespace: "gone", name: "svc")]
        let imports = topology.imports.keys.sorted()
        let ingresses = topology.ingresses.keys.sorted()
        let peerings = topology.peerings.keys.sorted()
        func ports() -> [ServicePort] {
            (0..<random.below(3)).map { index in
                ServicePort(
                    name: chance(70) ? pick(["http", "grpc", "metrics", "Bad"]) : nil, port: pick([80, 443, 8080, 9090, 0]),
                    protocol: chance(90) ? .tcp : .udp)
            }
        }
        func add(_ entity: Entity) -> Write {
            Write(label: "add \(entity.reference)", seeds: [entity.reference]) { "\(try $0.add(entity))" }
        }
        func set(_ reference: EntityReference, seed: EntityReference? = nil, _ edit: @escaping (Entity) -> Entity) -> Write {
            Write(label: "set \(reference)", seeds: [seed ?? reference]) { topology in
                guard let before = topology[reference] else { throw CrosslinkError(.notFound, "\(reference) does not exist") }
                topology.upsert(edit(before))
                return "set"
            }
        }
        func remove(_ reference: EntityReference) -> Write {
            let cascade = chance(40)
            return Write(label: "remove \(reference) cascade \(cascade)", seeds: [reference]) {
                "\(try $0.removing(reference, cascade: cascade))"
            }
        }
        switch random.below(17) {
        case 0:
            let exposure = pick(ServiceExposure.allCases)
            let address = chance(70) ? IPv4Address(value: 0x0A00_0000 + UInt32(random.below(1 << 20))) : nil
            let id = chance(20) ? pick(services) : ServiceID(cluster: pick(clusters), namespace: "added", name: chance(10) ? "Bad" : "svc-\(step)")
            return add(.service(Service(id: id, ports: ports(), exposure: exposure, loadBalancerIP: address)))
        case 1:
            let id = pick(services)
            let newPorts = ports()
            let exposure = pick(ServiceExposure.allCases)
            let (changesPorts, changesExposure) = (!newPorts.isEmpty || chance(30), chance(30))
            return set(.service(id)) { entity in
                guard case .service(var service) = entity else { return entity }
                if changesPorts { service.ports = newPorts }
                if changesExposure { service.exposure = exposure }
                return .service(service)
            }
        case 2:
            return remove(.service(pick(services)))
        case 3, 4:
            let service = pick(services)
            let port = chance(50) ? nil : chance(70) ? topology.services[service]?.ports.first?.port : 4242
            let consumer = Consumer(cluster: pick(clusters), namespace: chance(50) ? nil : "team-\(random.below(3))")
            let via: ImportVia = chance(50) ? .auto : .pinned(pick(PathKind.allCases))
            return add(.import(ServiceImport(id: ImportID(consumer: consumer, service: service), port: port, via: via)))
        case 5:
            guard let id = imports.isEmpty ? nil : pick(imports) else {
                return remove(.import(ImportID(consumer: Consumer(cluster: "ghost"), service: pick(services))))
            }
            let port = chance(50) ? nil : pick([80, 443, 8080, 5432])
            return set(.import(id)) { entity in
                guard case .import(var item) = entity else { return entity }
                item.port = port
                return .import(item)
            }
        case 6:
            return remove(.import(imports.isEmpty || chance(10) ? ImportID(consumer: Consumer(cluster: "ghost"), service: pick(services)) : pick(imports)))
        case 7:
            let service = pick(services)
            let backend: IngressBackendPort? = chance(40) ? nil : chance(50) ? .number(pick([80, 443, 8080])) : .name(pick(["http", "grpc", "web"]))
            let host = chance(10) ? "Not A Host" : "h\(random.below(4)).\(service.cluster).example.com"
            return add(.ingress(Ingress(service: service, host: host, servicePort: backend)))
        case 8:
            // `ingress set SERVICE` without --host: resolved against the service's ingresses.
            let service = ingresses.isEmpty || chance(20) ? pick(services) : pick(ingresses).service
            let port = pick([80, 443, 8443, 70000])
            return Write(label: "set ingress of \(service)", seeds: [.service(service)]) { topology in
                let found = topology.ingresses(of: service)
                guard found.count == 1, var ingress = found.first else { throw CrosslinkError(.notFound, "\(found.count) ingresses of \(service)") }
                ingress.port = port
                topology.upsert(.ingress(ingress))
                return "set"
            }
        case 9:
            return remove(.ingress(ingresses.isEmpty || chance(10) ? IngressID(service: pick(services), host: "none.example.com") : pick(ingresses)))
        case 10, 11:
            // Mostly a hub and a spoke, where gateway transit is allowed (and limited to one peering).
            let hubs = vnets.filter { $0.hasPrefix("vnet-hub") }
            let pair = UnorderedPair(chance(60) ? pick(hubs) : pick(vnets), chance(5) ? vnets[0] : pick(vnets))
            let hub = [pair.first, pair.second].first { $0.hasPrefix("vnet-hub") }
            let transit: String? = chance(40) ? nil : chance(80) ? hub ?? pair.first : pick(vnets)
            return add(.peering(Peering(vnets: pair, state: pick(PeeringState.allCases), gatewayTransit: transit)))
        case 12:
            let pair = pick(peerings)
            let transit: String? = chance(40) ? nil : pick([pair.first, pair.second])
            let state = pick(PeeringState.allCases)
            return set(.peering(pair)) { entity in
                guard case .peering(var peering) = entity else { return entity }
                peering.gatewayTransit = transit
                peering.state = state
                return .peering(peering)
            }
        case 13:
            return remove(.peering(chance(10) ? UnorderedPair(pick(vnets), pick(vnets)) : pick(peerings)))
        case 14:
            return add(.meshLink(MeshLink(clusters: UnorderedPair(pick(clusters), pick(clusters)))))
        case 15:
            let links = topology.meshLinks.keys.sorted()
            return remove(.meshLink(links.isEmpty || chance(20) ? UnorderedPair(pick(clusters), pick(clusters)) : pick(links)))
        default:
            // A kind without a scoped path: the whole estate decides.
            return add(.tunnel(Tunnel(clusters: UnorderedPair(pick(clusters), pick(clusters)))))
        }
    }
}
