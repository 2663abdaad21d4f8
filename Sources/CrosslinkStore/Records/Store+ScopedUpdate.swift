import CrosslinkCore

extension Store {
    /// `update(_:)` for a registration write that touches `seeds` (the object added, set or removed,
    /// or for `ingress set` without a host its service): instead of the whole estate, loads a scoped
    /// snapshot — the objects themselves, what they name, and what their invariants read (see
    /// `ScopedLoad.subject(_:)` and `ScopedLoad.invariants(of:)`) — and validates it with the same
    /// `Topology.validate()`. The stored estate was valid (every write validates), so only what the
    /// change touches can be wrong, and a closed snapshot holding all of it refuses exactly what the
    /// whole estate would, with the same message (the equivalence tests check this over random changes).
    @discardableResult
    ///
    /// A VPN gateway or connection write whose island reaches more than `gatewayReach` VNets (see
    /// `scopedGatewayReach`) takes the whole-estate path.
    package func update<T>(
        touching seeds: [EntityReference], gatewayReach: Int = scopedGatewayReach, _ change: (inout Topology) throws -> T
    ) throws -> (T, TopologyChange) {
        try mappingStoreErrors { try connection.execute("BEGIN IMMEDIATE") }
        let outcome: (T, TopologyChange)?
        do {
            outcome = try mappingStoreErrors { try scopedUpdate(seeds, gatewayReach, change) }
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        guard let outcome else {
            try? connection.execute("ROLLBACK")
            return try update(change)
        }
        return outcome
    }

    /// Beyond this many VNets behind a changed VPN gateway or connection, reading the imports its
    /// route impact marks one cluster at a time costs more than reading the whole estate (at 10,000
    /// clusters, joining the hub ring reaches about 5,000 VNets: 1.6 s scoped against 0.8 s whole).
    package static let scopedGatewayReach = 1_000

    /// The body of a scoped write inside its transaction; nil when the whole-estate path is cheaper
    /// (the caller rolls back and takes it).
    private func scopedUpdate<T>(
        _ seeds: [EntityReference], _ gatewayReach: Int, _ change: (inout Topology) throws -> T
    ) throws -> (T, TopologyChange)? {
        var before = Topology()
        var done: Set<ScopedLoad> = []
        // With route tables, firewalls or security groups the §8 rules and the route impact read
        // them as a whole; they are few.
        try load((try hasTrafficControls() ? [.trafficControls] : []) + seeds.flatMap(ScopedLoad.subject), into: &before, done: &done)
        // The change may name objects not loaded yet (an import of another cluster's service): load
        // what the changed objects need and run the change again on the wider snapshot.
        while true {
            var after = before
            let result = try change(&after)
            after.fillDefaultRegions()
            let difference = TopologyChange(from: before, to: after)
            var needed = Self.impactLoads(of: difference)
            for reference in difference.removed {
                needed += ScopedLoad.subject(reference)
            }
            for entity in difference.written {
                needed += ScopedLoad.subject(entity.reference) + ScopedLoad.references(of: entity) + ScopedLoad.invariants(of: entity)
            }
            // A `set` that changes nothing still reports the seed's address warnings.
            for entity in seeds.compactMap({ after[$0] }) { needed += ScopedLoad.invariants(of: entity) }
            needed.removeAll { done.contains($0) }
            if !needed.isEmpty {
                try load(needed, into: &before, done: &done)
                continue
            }
            if try reaches(beyond: gatewayReach, difference, before: before, after: after) { return nil }
            try after.validate()
            try write(difference)
            if !difference.isEmpty {
                try recordImpact {
                    guard let context = try impactContext(of: difference, before: before, after: after) else {
                        return RouteImpact(from: before, to: after, change: difference)
                    }
                    return RouteImpact(from: before.merging(context), to: after.merging(context, except: before), change: difference)
                }
            }
            try connection.execute("COMMIT")
            return (result, difference)
        }
    }

    /// Whether `difference` changes a VPN gateway or connection whose island has more than `reach`
    /// VNets behind it, and its route impact will be recorded (no full reconcile due, no traffic
    /// controls: those make it `.everything`).
    private func reaches(beyond reach: Int, _ difference: TopologyChange, before: Topology, after: Topology) throws -> Bool {
        var gateways: Set<String> = []
        for reference in difference.removed + difference.written.map(\.reference) {
            switch reference {
            case .vpnGateway(let name): gateways.insert(name)
            case .vpnConnection(let pair): gateways.formUnion([pair.first, pair.second])
            default: break
            }
        }
        guard !gateways.isEmpty, !before.hasTrafficControls, !after.hasTrafficControls else { return false }
        guard RouteImpact.vnetsBehind(gateways, before: before, after: after).count > reach else { return false }
        return try !fullPassNeeded()
    }

    /// The ClusterSets and gateway islands `RouteImpact` walks for `difference`, from all its seeds at
    /// once (a cascade removes a cluster with its tunnels: one set), so the imports between any two
    /// members are loaded.
    private static func impactLoads(of difference: TopologyChange) -> [ScopedLoad] {
        var clusters: Set<String> = []
        var gateways: Set<String> = []
        for reference in difference.removed + difference.written.map(\.reference) {
            switch reference {
            case .cluster(let name): clusters.insert(name)
            case .tunnel(let pair): clusters.formUnion([pair.first, pair.second])
            case .vpnGateway(let name): gateways.insert(name)
            case .vpnConnection(let pair): gateways.formUnion([pair.first, pair.second])
            default: break
            }
        }
        return (clusters.isEmpty ? [] : [.tunnelSets(clusters.sorted())]) + (gateways.isEmpty ? [] : [.gatewayIslands(gateways.sorted())])
    }

    /// The objects outside the scoped snapshot that `RouteImpact` reads for `difference`: a peering,
    /// VPN gateway or connection moves the answers of every import with an end in the VNets it joins
    /// (for a gateway, every VNet behind its island) or dialling an address there, and the impact
    /// needs those imports, their clusters and services, and every VNet holding one of their addresses
    /// (which VNet owns an address decides it). nil when the snapshot holds all it needs.
    private func impactContext(of difference: TopologyChange, before: Topology, after: Topology) throws -> Topology? {
        var vnets: Set<String> = []
        var gateways: Set<String> = []
        for reference in difference.removed + difference.written.map(\.reference) {
            switch reference {
            case .peering(let pair): vnets.formUnion([pair.first, pair.second])
            case .vpnGateway(let name): gateways.insert(name)
            case .vpnConnection(let pair): gateways.formUnion([pair.first, pair.second])
            default: break
            }
        }
        // With traffic controls these changes are `.everything`: nothing more to read.
        guard !vnets.isEmpty || !gateways.isEmpty, !before.hasTrafficControls, !after.hasTrafficControls else { return nil }
        // The snapshot holds the islands (`ScopedLoad.gatewayIslands`), so this is the VNets the
        // impact itself finds.
        if !gateways.isEmpty { vnets.formUnion(RouteImpact.vnetsBehind(gateways, before: before, after: after)) }
        let space = vnets.compactMap { before.vnets[$0] ?? after.vnets[$0] }.flatMap(\.addressSpace)
        var nearby: Set<String> = []
        for vnet in vnets {
            nearby.formUnion(try connection.query("SELECT name FROM cluster WHERE vnet = ?", [vnet.sqlite]) { try $0.requiredText(0) })
        }
        var context = Topology()
        func add(_ imports: [ServiceImport]) { for item in imports { context.imports[item.id] = item } }
        // The east-west gateways and load balancers inside the two VNets, through the integer-address
        // indexes (migration 0013): a range scan per prefix instead of parsing every address stored.
        var dialled: Set<ServiceID> = []
        for prefix in Set(space) {
            let range = [SQLiteValue.integer(Int64(prefix.network.value)), .integer(Int64(prefix.broadcast.value))]
            nearby.formUnion(
                try connection.query(
                    "SELECT name FROM cluster WHERE east_west_gateway_address BETWEEN ? AND ? AND mesh_east_west_gateway IS NOT NULL", range
                ) { try $0.requiredText(0) })
            dialled.formUnion(
                try connection.query(
                    "SELECT cluster, namespace, name FROM service WHERE load_balancer_address BETWEEN ? AND ? AND load_balancer_ip IS NOT NULL", range
                ) { ServiceID(cluster: try $0.requiredText(0), namespace: try $0.requiredText(1), name: try $0.requiredText(2)) })
        }
        for service in dialled {
            add(try imports(servedFrom: service.cluster, service: service))
        }
        for cluster in nearby {
            add(try imports(where: "consumer_cluster = ?", [cluster.sqlite]))
            add(try imports(servedFrom: cluster))
        }
        // What `RouteImpact` reads of each import: both clusters, the service, and the owners of the
        // addresses they dial.
        for id in context.imports.keys {
            for name in [id.consumer.cluster, id.service.cluster] where context.clusters[name] == nil {
                for cluster in try clusters(where: "name = ?", [name.sqlite]) { context.clusters[name] = cluster }
            }
            if context.services[id.service] == nil {
                for service in try services(where: "cluster = ? AND namespace = ? AND name = ?", id.service.values) { context.services[id.service] = service }
            }
        }
        let addresses = Set(context.clusters.values.compactMap { $0.mesh?.eastWestGateway } + context.services.values.compactMap(\.loadBalancerIP))
        var owners: Set<String> = []
        for address in addresses { owners.formUnion(try self.vnets(holding: address)) }
        for owner in owners where before.vnets[owner] == nil {
            for case .vnet(let vnet) in try fetch(.vnet(owner)) { context.vnets[owner] = vnet }
        }
        return context
    }
}

extension Topology {
    /// This snapshot with `context`'s objects added where it has none of the same key (and, with
    /// `except`, none in that snapshot either: objects a change removed stay removed).
    fileprivate func merging(_ context: Topology, except other: Topology? = nil) -> Topology {
        var result = self
        func merge<Key, Value>(_ mine: inout [Key: Value], _ theirs: [Key: Value], _ skip: [Key: Value]?) {
            for (key, value) in theirs where mine[key] == nil && skip?[key] == nil { mine[key] = value }
        }
        merge(&result.vnets, context.vnets, other?.vnets)
        merge(&result.clusters, context.clusters, other?.clusters)
        merge(&result.services, context.services, other?.services)
        merge(&result.imports, context.imports, other?.imports)
        return result
    }
}
