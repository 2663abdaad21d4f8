/// Address plans that Azure and AKS accept but that bite later: warnings, never refusals (issue 15
/// item 9). A VNet whose address space overlaps another VNet's can never be peered with it (rule N5);
/// two clusters on one node subnet share its route table and security groups, and a node address no
/// longer says which cluster it belongs to.
extension Topology {
    /// Which objects a command wrote, so it warns about those and not about the whole estate each time.
    package enum WarningScope: Sendable {
        case all
        case objects(vnets: Set<String>, clusters: Set<String>)

        func covers(vnet: String) -> Bool {
            if case .objects(let vnets, _) = self { return vnets.contains(vnet) }
            return true
        }

        func covers(cluster: String) -> Bool {
            if case .objects(_, let clusters) = self { return clusters.contains(cluster) }
            return true
        }
    }

    /// One line per VNet or cluster in `scope` that overlaps another, naming the first it overlaps;
    /// VNets first, then clusters, each sorted by name. O(n log n): prefixes are sorted once, never
    /// compared pairwise, so an estate of many VNets on one reused range costs no more than any other.
    package func addressWarnings(in scope: WarningScope = .all) -> [String] {
        var lines: [String] = []
        let vnetEntries = vnets.values.flatMap { vnet in vnet.addressSpace.map { PrefixOwner(prefix: $0, owner: vnet.name) } }
        var reported = Set<UnorderedPair>()
        for (entry, partner) in firstOverlaps(vnetEntries) where scope.covers(vnet: entry.owner) {
            guard reported.insert(UnorderedPair(entry.owner, partner.owner)).inserted else { continue }
            lines.append(
                "vnet \(entry.owner): address space \(entry.prefix) overlaps vnet \(partner.owner)'s \(partner.prefix); Azure allows it, but these two VNets can never be peered"
            )
        }
        var byVNet: [String: [PrefixOwner]] = [:]
        for cluster in clusters.values {
            byVNet[cluster.vnet, default: []].append(PrefixOwner(prefix: cluster.nodeSubnet, owner: cluster.name))
        }
        reported = []
        var clusterLines: [String] = []
        for (vnet, entries) in byVNet where entries.count > 1 {
            for (entry, partner) in firstOverlaps(entries) where scope.covers(cluster: entry.owner) {
                guard reported.insert(UnorderedPair(entry.owner, partner.owner)).inserted else { continue }
                let overlap =
                    entry.prefix == partner.prefix
                    ? "shares node subnet \(entry.prefix) with cluster \(partner.owner)"
                    : "node subnet \(entry.prefix) overlaps cluster \(partner.owner)'s \(partner.prefix)"
                clusterLines.append(
                    "cluster \(entry.owner): \(overlap) in vnet \(vnet); AKS allows it, but the two share the subnet's route table and security groups, and a node address no longer tells the clusters apart"
                )
            }
        }
        return lines + clusterLines.sorted()
    }
}

struct PrefixOwner: Sendable {
    var prefix: CIDR
    var owner: String
}

/// For every owner with a prefix that overlaps another owner's, that entry and the first such other
/// entry; sorted by owner. Sorted by (network, length, owner), each prefix comes after every prefix
/// containing it, and the prefixes it contains follow it directly; so the entries containing it are
/// the ones on a stack of open prefixes, and the first it contains is its next entry.
func firstOverlaps(_ entries: [PrefixOwner]) -> [(PrefixOwner, PrefixOwner)] {
    let sorted = entries.sorted { ($0.prefix, $0.owner) < ($1.prefix, $1.owner) }
    var partners: [String: (PrefixOwner, PrefixOwner)] = [:]
    var open: [Int] = []
    for (index, entry) in sorted.enumerated() {
        while let last = open.last, !sorted[last].prefix.contains(entry.prefix) { open.removeLast() }
        // An owner's own prefixes do not overlap (validation refuses it), so this looks at one or two.
        if partners[entry.owner] == nil, let enclosing = open.last(where: { sorted[$0].owner != entry.owner }) {
            partners[entry.owner] = (entry, sorted[enclosing])
        }
        if partners[entry.owner] == nil,
            let contained = sorted[(index + 1)...].prefix(2).first(where: { entry.prefix.contains($0.prefix) && $0.owner != entry.owner })
        {
            partners[entry.owner] = (entry, contained)
        }
        open.append(index)
    }
    return partners.keys.sorted().compactMap { partners[$0] }
}
