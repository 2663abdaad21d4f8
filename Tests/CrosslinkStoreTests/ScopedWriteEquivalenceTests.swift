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

    /// Seed 4 adds route tables, firewalls and security groups (§8), which the scoped path reads whole.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func scopedWritesMatchWholeEstateWrites(seed: UInt64) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scoped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = try EstateGenerator(clusters: 24, servicesPerCluster: 3, importsPerCluster: 4, seed: seed)
        generator.trafficControls = seed == 4
        var estate = try generator.topology()
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
        var kinds: Set<EntityKind> = []
        for step in 0..<400 {
            // Reconcile every other step, so a write's impact is compared on its own rather than
            // hidden among imports already marked, and always when a full pass is due (a VNet or
            // traffic-control write; until then no write records an impact). Imports added since the
            // last reconcile have no stored answer yet: the scoped reads must find them too.
            let fullNeeded = try whole.read { try $0.connection.query("SELECT full_needed FROM reconcile_state") { $0.integer(0) } } == [1]
            if fullNeeded || random.below(2) == 0 {
                for store in [whole, scoped] { _ = try IncrementalReconcileTests.reconcile(store) }
            }
            let current = try whole.loadTopology()
            let write = Self.randomWrite(current, &random, step: step)
            let expected = Self.outcome { try whole.update(write.change).0 }
            // Seed 3 sends gateway writes that reach more than two VNets to the whole-estate path.
            let reach = seed == 3 ? 2 : Store.scopedGatewayReach
            let actual = Self.outcome { try scoped.update(touching: write.seeds, gatewayReach: reach, write.change).0 }
            #expect(actual == expected, "step \(step) \(write.label)")
            if expected.hasPrefix("refused") { refusals += 1 } else { kinds.formUnion(write.seeds.map(\.kind)) }
            let (wholeState, scopedState) = (try Self.state(of: whole), try Self.state(of: scoped))
            #expect(scopedState == wholeState, "step \(step) \(write.label): databases differ")
            guard actual == expected, scopedState == wholeState else { return }
        }
        // The sequence exercises both verdicts and the scoped path, or it would prove nothing.
        #expect(refusals > 60 && refusals < 340, "\(refusals) refusals")
        #expect(kinds == Set(EntityKind.allCases), "accepted writes of \(kinds.sorted { $0.rawValue < $1.rawValue })")
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

    /// A random `add`, `set` or `remove`, valid or not, of every kind. Adds and sets of VNets and
    /// clusters return the address warnings the CLI prints, which must match too.
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
        func warnings(_ topology: Topology, _ reference: EntityReference) -> String {
            switch reference {
            case .vnet(let name): "\(topology.addressWarnings(in: .objects(vnets: [name], clusters: [])))"
            case .cluster(let name): "\(topology.addressWarnings(in: .objects(vnets: [], clusters: [name])))"
            default: ""
            }
        }
        func add(_ entity: Entity) -> Write {
            Write(label: "add \(entity.reference)", seeds: [entity.reference]) { "\(try $0.add(entity)) \(warnings($0, entity.reference))" }
        }
        func set(_ reference: EntityReference, seed: EntityReference? = nil, _ edit: @escaping (Entity) -> Entity) -> Write {
            Write(label: "set \(reference)", seeds: [seed ?? reference]) { topology in
                guard let before = topology[reference] else { throw CrosslinkError(.notFound, "\(reference) does not exist") }
                topology.upsert(edit(before))
                return "set \(warnings(topology, reference))"
            }
        }
        func remove(_ reference: EntityReference) -> Write {
            let cascade = chance(40)
            return Write(label: "remove \(reference) cascade \(cascade)", seeds: [reference]) {
                "\(try $0.removing(reference, cascade: cascade))"
            }
        }
        /// A write of a VNet, cluster, VPN gateway or connection, tunnel or traffic control.
        func underlayWrite() -> Write {
            let gateways = topology.vpnGateways.keys.sorted() + ["gw-ghost"]
            /// A prefix inside `vnet`'s first prefix (usually), or anywhere in 10.0.0.0/8.
            func prefix(in vnet: String, extra: Int = 2) -> CIDR {
                let outer = chance(85) ? topology.vnets[vnet]?.addressSpace.first : nil
                let base = outer ?? CIDR(containing: IPv4Address(value: 0x0A00_0000 | UInt32(random.below(1 << 16)) << 8), prefixLength: 24)
                let length = min(32, base.prefixLength + extra + random.below(3))
                let offset = UInt32(random.below(1 << (length - base.prefixLength))) << UInt32(32 - length)
                return CIDR(containing: IPv4Address(value: base.network.value | offset), prefixLength: length)
            }
            func space() -> [CIDR] {
                // Reuse another VNet's prefix now and then (an overlap: a warning, and refused peerings).
                (0..<(chance(10) ? 0 : 1 + random.below(2))).map { _ in
                    chance(25) ? (topology.vnets[pick(vnets)]?.addressSpace.first ?? prefix(in: "none")) : prefix(in: pick(vnets), extra: 0)
                }
            }
            func subnets(_ vnet: String) -> [CIDR] { (0..<random.below(3)).map { _ in prefix(in: vnet) } }
            func address(in vnet: String) -> IPv4Address { prefix(in: vnet, extra: 30).network }
            switch random.below(24) {
            case 0:
                return add(.vnet(VNet(name: chance(15) ? pick(vnets) : chance(5) ? "Bad" : "vnet-new-\(step)", region: "westeurope", addressSpace: space())))
            case 1:
                let (newSpace, keeps) = (space(), chance(50))
                return set(.vnet(pick(vnets))) { entity in
                    guard case .vnet(var vnet) = entity else { return entity }
                    // Kept and widened (usually accepted), or replaced (a cluster or peering may object).
                    vnet.addressSpace = keeps ? vnet.addressSpace + newSpace : newSpace
                    return .vnet(vnet)
                }
            case 2: return remove(.vnet(pick(vnets)))
            case 3, 4:
                let vnet = pick(vnets)
                let plugin = pick(NetworkPlugin.allCases)
                let name = chance(15) ? pick(clusters) : chance(5) ? "Bad" : "aks-new-\(step)"
                // A service range outside 10/8, so most adds are accepted (and warn about a shared subnet).
                let services = chance(90) ? CIDR(containing: IPv4Address(value: 0xAC10_0000), prefixLength: 16) : nil
                return add(
                    .cluster(Cluster(name: name, vnet: vnet, region: "westeurope", nodeSubnet: prefix(in: vnet), networkPlugin: plugin, serviceCIDR: services)))
            case 5, 6:
                let name = pick(clusters)
                let vnet = chance(20) ? pick(vnets) : topology.clusters[name]?.vnet ?? pick(vnets)
                let subnet = prefix(in: vnet)
                let plugin = pick(NetworkPlugin.allCases)
                let (movesSubnet, changesPlugin) = (chance(60), chance(40))
                return set(.cluster(name)) { entity in
                    guard case .cluster(var cluster) = entity else { return entity }
                    if movesSubnet { (cluster.vnet, cluster.nodeSubnet) = (vnet, subnet) }
                    if changesPlugin { cluster.networkPlugin = plugin }
                    cluster.podCIDR = cluster.networkPlugin == .azureCNI ? cluster.nodeSubnet : Cluster.defaultOverlayPodCIDR
                    return .cluster(cluster)
                }
            case 7: return remove(.cluster(pick(clusters)))
            case 8, 9:
                let vnet = pick(vnets)
                let subnet: CIDR? = chance(50) ? nil : prefix(in: vnet)
                let name = chance(15) ? pick(gateways) : "gw-new-\(step)"
                return add(.vpnGateway(VPNGateway(name: name, vnet: vnet, bgpASN: chance(10) ? 0 : UInt32(65_000 + random.below(100)), subnet: subnet)))
            case 10:
                let name = pick(gateways)
                let asn: UInt32? = chance(30) ? nil : UInt32(64_000 + random.below(10))
                let subnet: CIDR? = chance(50) ? nil : prefix(in: topology.vpnGateways[name]?.vnet ?? pick(vnets))
                return set(.vpnGateway(name)) { entity in
                    guard case .vpnGateway(var gateway) = entity else { return entity }
                    (gateway.bgpASN, gateway.subnet) = (asn, subnet)
                    return .vpnGateway(gateway)
                }
            case 11: return remove(.vpnGateway(pick(gateways)))
            case 12:
                let real = gateways.dropLast().map { $0 }
                let pair = chance(10) || real.count < 2 ? UnorderedPair(pick(gateways), pick(gateways)) : UnorderedPair(pick(real), pick(real))
                return add(.vpnConnection(VPNConnection(gateways: pair, state: pick(VPNConnectionState.allCases), bgp: chance(50))))
            case 13:
                let connections = topology.vpnConnections.keys.sorted()
                let pair = connections.isEmpty || chance(20) ? UnorderedPair(pick(gateways), pick(gateways)) : pick(connections)
                if chance(50) { return remove(.vpnConnection(pair)) }
                let state = pick(VPNConnectionState.allCases)
                return set(.vpnConnection(pair)) { entity in
                    guard case .vpnConnection(var connection) = entity else { return entity }
                    connection.state = state
                    return .vpnConnection(connection)
                }
            case 14:
                let tunnels = topology.tunnels.keys.sorted()
                let pair = tunnels.isEmpty || chance(20) ? UnorderedPair(pick(clusters), pick(clusters)) : pick(tunnels)
                if chance(50) { return remove(.tunnel(pair)) }
                let state = pick(TunnelState.allCases)
                return set(.tunnel(pair)) { entity in
                    guard case .tunnel(var tunnel) = entity else { return entity }
                    tunnel.state = state
                    return .tunnel(tunnel)
                }
            case 15, 16:
                // Often joins two ClusterSets (the route impact reads both).
                return add(.tunnel(Tunnel(clusters: UnorderedPair(pick(clusters), pick(clusters)), state: pick(TunnelState.allCases))))
            case 17, 18:
                let vnet = pick(vnets)
                let name = chance(20) ? pick(topology.routeTables.keys.sorted() + ["rt-ghost"]) : "rt-new-\(step)"
                let routes = (0..<random.below(3)).map { _ in UserRoute(prefix: prefix(in: "none"), nextHop: chance(80) ? .none : .virtualAppliance) }
                return add(.routeTable(RouteTable(name: name, vnet: vnet, subnets: subnets(vnet), routes: routes)))
            case 19:
                let vnet = pick(vnets)
                let taken = topology.firewalls.values.map(\.privateIP).sorted()
                let ip = !taken.isEmpty && chance(20) ? pick(taken) : address(in: vnet)
                return add(
                    .firewall(Firewall(name: chance(20) ? pick(topology.firewalls.keys.sorted() + ["fw-ghost"]) : "fw-new-\(step)", vnet: vnet, privateIP: ip)))
            case 20:
                let vnet = pick(vnets)
                let rules = (0..<random.below(3)).map { index in
                    SecurityRule(name: "r\(index)", priority: pick([100, 200, 5000]), direction: .inbound, access: chance(50) ? .allow : .deny)
                }
                let name = chance(20) ? pick(topology.securityGroups.keys.sorted() + ["sg-ghost"]) : "sg-new-\(step)"
                return add(.securityGroup(SecurityGroup(name: name, vnet: vnet, subnets: subnets(vnet), rules: rules)))
            case 21:
                let tables = topology.routeTables.keys.sorted()
                guard let name = tables.isEmpty ? nil : pick(tables) else { return remove(.routeTable("rt-ghost")) }
                let vnet = topology.routeTables[name]?.vnet ?? pick(vnets)
                let newSubnets = subnets(vnet)
                return set(.routeTable(name)) { entity in
                    guard case .routeTable(var table) = entity else { return entity }
                    table.subnets = newSubnets
                    return .routeTable(table)
                }
            default:
                let controls: [EntityReference] =
                    topology.routeTables.keys.map(EntityReference.routeTable) + topology.firewalls.keys.map(EntityReference.firewall)
                    + topology.securityGroups.keys.map(EntityReference.securityGroup)
                return remove(controls.isEmpty || chance(10) ? .firewall("fw-ghost") : pick(controls.sorted()))
            }
        }
        if random.below(2) == 0 { return underlayWrite() }
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
            // Often a service imported by an earlier step (perhaps not reconciled since).
            let imported = imports.filter { $0.consumer.namespace?.hasPrefix("team-") == true }.map(\.service)
            return remove(.service(imported.isEmpty || chance(50) ? pick(services) : pick(imported)))
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
            return add(.tunnel(Tunnel(clusters: UnorderedPair(pick(clusters), pick(clusters)))))
        }
    }
}
