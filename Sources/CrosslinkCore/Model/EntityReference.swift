/// The kinds of object crosslink records, named as on the command line.
package enum EntityKind: String, CaseIterable, Sendable, Hashable {
    case vnet
    case cluster
    case service
    case peering
    case vpnGateway = "vpn-gateway"
    case vpnConnection = "vpn-connection"
    case tunnel
    case meshLink = "mesh-link"
    case ingress
    case `import`
    case routeTable = "route-table"
    case firewall
    case securityGroup = "security-group"
}

/// Points at one object of a topology by kind and key.
package enum EntityReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    case vnet(String)
    case cluster(String)
    case service(ServiceID)
    case peering(UnorderedPair)
    case vpnGateway(String)
    case vpnConnection(UnorderedPair)
    case tunnel(UnorderedPair)
    case meshLink(UnorderedPair)
    case ingress(IngressID)
    case `import`(ImportID)
    case routeTable(String)
    case firewall(String)
    case securityGroup(String)

    package var kind: EntityKind {
        switch self {
        case .vnet: .vnet
        case .cluster: .cluster
        case .service: .service
        case .peering: .peering
        case .vpnGateway: .vpnGateway
        case .vpnConnection: .vpnConnection
        case .tunnel: .tunnel
        case .meshLink: .meshLink
        case .ingress: .ingress
        case .import: .import
        case .routeTable: .routeTable
        case .firewall: .firewall
        case .securityGroup: .securityGroup
        }
    }

    /// The key as users write it (`vnet-a~vnet-hub` for pairs).
    package var key: String {
        switch self {
        case .vnet(let name), .cluster(let name), .vpnGateway(let name), .routeTable(let name), .firewall(let name), .securityGroup(let name): name
        case .service(let id): id.description
        case .ingress(let id): id.description
        case .peering(let pair), .vpnConnection(let pair), .tunnel(let pair), .meshLink(let pair): pair.description
        case .import(let id): id.description
        }
    }

    package var description: String { "\(kind.rawValue) \(key)" }

    package static func < (lhs: EntityReference, rhs: EntityReference) -> Bool {
        let order = EntityKind.allCases
        let (l, r) = (order.firstIndex(of: lhs.kind) ?? 0, order.firstIndex(of: rhs.kind) ?? 0)
        return l != r ? l < r : lhs.key < rhs.key
    }
}

extension Topology {
    /// Whether the referenced object exists.
    package func contains(_ reference: EntityReference) -> Bool {
        switch reference {
        case .vnet(let key): vnets[key] != nil
        case .cluster(let key): clusters[key] != nil
        case .service(let key): services[key] != nil
        case .peering(let key): peerings[key] != nil
        case .vpnGateway(let key): vpnGateways[key] != nil
        case .vpnConnection(let key): vpnConnections[key] != nil
        case .tunnel(let key): tunnels[key] != nil
        case .meshLink(let key): meshLinks[key] != nil
        case .ingress(let key): ingresses[key] != nil
        case .import(let key): imports[key] != nil
        case .routeTable(let key): routeTables[key] != nil
        case .firewall(let key): firewalls[key] != nil
        case .securityGroup(let key): securityGroups[key] != nil
        }
    }

    /// The objects that name `reference` and would dangle without it, sorted.
    package func referrers(of reference: EntityReference) -> [EntityReference] {
        var result: [EntityReference] = []
        switch reference {
        case .vnet(let name):
            result += clusters.values.filter { $0.vnet == name }.map { .cluster($0.name) }
            result += peerings.keys.filter { $0.contains(name) }.map { .peering($0) }
            result += vpnGateways.values.filter { $0.vnet == name }.map { .vpnGateway($0.name) }
            result += routeTables.values.filter { $0.vnet == name }.map { .routeTable($0.name) }
            result += firewalls.values.filter { $0.vnet == name }.map { .firewall($0.name) }
            result += securityGroups.values.filter { $0.vnet == name }.map { .securityGroup($0.name) }
        case .cluster(let name):
            result += services.keys.filter { $0.cluster == name }.map { .service($0) }
            result += tunnels.keys.filter { $0.contains(name) }.map { .tunnel($0) }
            result += meshLinks.keys.filter { $0.contains(name) }.map { .meshLink($0) }
            result += imports.keys.filter { $0.consumer.cluster == name }.map { .import($0) }
        case .service(let id):
            result += ingresses.keys.filter { $0.service == id }.map { .ingress($0) }
            result += imports.keys.filter { $0.service == id }.map { .import($0) }
        case .vpnGateway(let name):
            result += vpnConnections.keys.filter { $0.contains(name) }.map { .vpnConnection($0) }
            if let vnet = vpnGateways[name]?.vnet {
                result += peerings.values.filter { $0.gatewayTransit == vnet }.map { .peering($0.vnets) }
            }
        case .peering, .vpnConnection, .tunnel, .meshLink, .ingress, .import, .routeTable, .firewall, .securityGroup:
            break
        }
        return result.sorted()
    }

    /// `reference` and everything that depends on it, transitively: what `remove --cascade` deletes.
    package func cascade(from reference: EntityReference) -> [EntityReference] {
        var seen: Set<EntityReference> = [reference]
        var pending = [reference]
        while let next = pending.popLast() {
            for referrer in referrers(of: next) where seen.insert(referrer).inserted {
                pending.append(referrer)
            }
        }
        return seen.sorted()
    }

    /// Removes one object from the snapshot (no checks; see `removing(_:cascade:)`).
    package mutating func remove(_ reference: EntityReference) {
        switch reference {
        case .vnet(let key): vnets[key] = nil
        case .cluster(let key): clusters[key] = nil
        case .service(let key): services[key] = nil
        case .peering(let key): peerings[key] = nil
        case .vpnGateway(let key): vpnGateways[key] = nil
        case .vpnConnection(let key): vpnConnections[key] = nil
        case .tunnel(let key): tunnels[key] = nil
        case .meshLink(let key): meshLinks[key] = nil
        case .ingress(let key): ingresses[key] = nil
        case .import(let key): imports[key] = nil
        case .routeTable(let key): routeTables[key] = nil
        case .firewall(let key): firewalls[key] = nil
        case .securityGroup(let key): securityGroups[key] = nil
        }
    }

    /// Removes `reference`, refusing when others depend on it unless `cascade` is set.
    /// - Returns: every object removed, sorted.
    /// - Throws: `.notFound` for an unknown object, `.referenced` naming the referrers.
    @discardableResult
    package mutating func removing(_ reference: EntityReference, cascade: Bool) throws -> [EntityReference] {
        guard contains(reference) else {
            throw CrosslinkError.notFound("\(reference) does not exist")
        }
        let referrers = referrers(of: reference)
        if !referrers.isEmpty && !cascade {
            let list = referrers.map(\.description).joined(separator: ", ")
            throw CrosslinkError(.referenced, "\(reference) is referenced by \(list); remove those first or pass --cascade")
        }
        let doomed = self.cascade(from: reference)
        for item in doomed { remove(item) }
        return doomed
    }
}
