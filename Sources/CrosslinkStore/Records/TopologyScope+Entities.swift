import CrosslinkCore

/// The slices `<kind> list` and `<kind> show` read: the tables of that kind (and, for a show, the
/// rows of its cluster or service) instead of the whole estate. The snapshot holds at least every
/// object of the kind, or the one object asked for, exactly as a full load would.
extension TopologyScope {
    /// No cluster, service or import: the underlay (VNets, peerings, gateways, traffic controls) alone.
    private static let underlay = TopologyScope(clusters: [], service: nil, includesImports: false)

    /// What listing every object of `kind` reads.
    package static func entities(of kind: EntityKind) -> TopologyScope {
        switch kind {
        case .vnet, .peering, .vpnGateway, .vpnConnection, .routeTable, .firewall, .securityGroup: underlay
        case .cluster, .tunnel, .meshLink: TopologyScope(clusters: nil, service: nil, includesImports: false, includesServices: false)
        case .service, .ingress: TopologyScope(clusters: nil, service: nil, includesImports: false)
        case .import: TopologyScope(clusters: [], service: nil, includesImports: true)
        }
    }

    /// What showing the object `reference` points at reads.
    package static func entity(_ reference: EntityReference) -> TopologyScope {
        switch reference {
        case .cluster(let name): TopologyScope(clusters: [name], service: nil, includesImports: false, includesServices: false)
        case .tunnel(let pair), .meshLink(let pair):
            TopologyScope(clusters: [pair.first, pair.second], service: nil, includesImports: false, includesServices: false)
        case .service(let id): TopologyScope(clusters: [id.cluster], service: id, includesImports: false)
        case .ingress(let id): TopologyScope(clusters: [id.service.cluster], service: id.service, includesImports: false)
        default: entities(of: reference.kind)
        }
    }
}
