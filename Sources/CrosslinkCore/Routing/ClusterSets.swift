/// Submariner ClusterSets (spec §7.5, §7.6), analysed once per snapshot.
///
/// A ClusterSet is every cluster joined by tunnels, directly or through others, whatever the
/// tunnels' states: they share one broker, and Submariner installs routes to every member's ranges
/// on every member. So Globalnet is set-wide, and without it the pod and service ranges must be
/// distinct across the whole set. Construction labels the components and finds, for each member,
/// the first other member whose ranges collide with its own; each query is then a few lookups.
struct ClusterSets: Sendable {
    /// How a set uses Globalnet.
    enum Globalnet: Sendable {
        case none, all
        /// Some members have a Globalnet CIDR and some do not (sorted names, first of each).
        case mixed(with: String, without: String)
    }

    private let setOf: [String: Int]
    private let globalnet: [Globalnet]
    /// For each member of a set without Globalnet: the smallest-named other member whose pod or
    /// service range overlaps its own.
    private let rangeConflict: [String: String]
    /// For each member of a Globalnet set: the smallest-named other member whose Globalnet CIDR overlaps.
    private let globalnetConflict: [String: String]

    init(_ topology: Topology) {
        var neighbors: [String: [String]] = [:]
        for pair in topology.tunnels.keys {
            neighbors[pair.first, default: []].append(pair.second)
            neighbors[pair.second, default: []].append(pair.first)
        }
        var setOf: [String: Int] = [:]
        var sets: [[String]] = []
        for start in neighbors.keys where setOf[start] == nil {
            var members = [start]
            setOf[start] = sets.count
            var index = 0
            while index < members.count {
                for neighbor in neighbors[members[index]] ?? [] where setOf[neighbor] == nil {
                    setOf[neighbor] = sets.count
                    members.append(neighbor)
                }
                index += 1
            }
            sets.append(members.sorted())
        }
        var globalnet: [Globalnet] = []
        var rangeConflict: [String: String] = [:]
        var globalnetConflict: [String: String] = [:]
        for members in sets {
            let clusters = members.compactMap { topology.clusters[$0] }
            let with = clusters.filter { $0.globalnetCIDR != nil }
            if with.isEmpty {
                globalnet.append(.none)
                let ranges = clusters.flatMap { [($0.name, $0.podCIDR), ($0.name, $0.serviceCIDR)] }
                rangeConflict.merge(Self.firstConflicts(ranges)) { a, _ in a }
            } else if with.count == clusters.count {
                globalnet.append(.all)
                let ranges = clusters.compactMap { cluster in cluster.globalnetCIDR.map { (cluster.name, $0) } }
                globalnetConflict.merge(Self.firstConflicts(ranges)) { a, _ in a }
            } else {
                let without = clusters.first { $0.globalnetCIDR == nil }?.name ?? ""
                globalnet.append(.mixed(with: with[0].name, without: without))
            }
        }
        self.setOf = setOf
        self.globalnet = globalnet
        self.rangeConflict = rangeConflict
        self.globalnetConflict = globalnetConflict
    }

    /// How the set of `cluster` uses Globalnet (`.none` for a cluster without tunnels).
    func globalnet(of cluster: String) -> Globalnet {
        setOf[cluster].map { globalnet[$0] } ?? .none
    }

    /// The other member (in a set without Globalnet) whose pod or service range collides with `cluster`'s.
    func rangeConflict(of cluster: String) -> String? { rangeConflict[cluster] }

    /// The other member (in a Globalnet set) whose Globalnet CIDR collides with `cluster`'s.
    func globalnetConflict(of cluster: String) -> String? { globalnetConflict[cluster] }

    /// For each owner whose range overlaps another owner's: the smallest such other owner.
    ///
    /// Small sets (the usual case) compare every pair; large ones index every range under each of
    /// its covering prefixes, so the cost stays linear in the set's size.
    static func firstConflicts(_ ranges: [(owner: String, cidr: CIDR)]) -> [String: String] {
        var result: [String: String] = [:]
        func note(_ owner: String, _ other: String) {
            if let known = result[owner], known <= other { return }
            result[owner] = other
        }
        if ranges.count <= 64 {
            for (index, range) in ranges.enumerated() {
                for other in ranges[(index + 1)...] where range.owner != other.owner && range.cidr.overlaps(other.cidr) {
                    note(range.owner, other.owner)
                    note(other.owner, range.owner)
                }
            }
            return result
        }
        // Two CIDRs overlap when one contains the other. `exact` holds each range under its own
        // prefix (to find ranges containing a given one); `within` under every prefix that covers it
        // (to find ranges inside a given one). Each key keeps its two smallest owners: enough to
        // name the smallest owner other than the one asking.
        func key(_ network: UInt32, _ length: Int) -> UInt64 { UInt64(length) << 32 | UInt64(network) }
        func insert(_ owner: String, into list: inout [String]) {
            guard !list.contains(owner) else { return }
            list.append(owner)
            list.sort()
            if list.count > 2 { list.removeLast() }
        }
        var exact: [UInt64: [String]] = [:]
        var within: [UInt64: [String]] = [:]
        for (owner, cidr) in ranges {
            insert(owner, into: &exact[key(cidr.network.value, cidr.prefixLength), default: []])
            for length in 0...cidr.prefixLength {
                insert(owner, into: &within[key(cidr.network.value & CIDR.mask(length), length), default: []])
            }
        }
        for (owner, cidr) in ranges {
            var candidates = within[key(cidr.network.value, cidr.prefixLength)] ?? []
            for length in 0..<cidr.prefixLength {
                candidates += exact[key(cidr.network.value & CIDR.mask(length), length)] ?? []
            }
            if let other = candidates.filter({ $0 != owner }).min() { note(owner, other) }
        }
        return result
    }
}
