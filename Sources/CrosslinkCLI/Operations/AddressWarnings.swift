import CrosslinkCore

/// Prints the address-plan warnings of a write (docs/usage.md): one line each on stderr, at most
/// `limit` of them and then one line with how many more, so applying a big estate cannot bury its
/// output. Warnings never change the exit code or standard output.
enum AddressWarnings {
    static let limit = 10

    static func print(_ warnings: [String]) {
        for warning in warnings.prefix(limit) { writeAll("warning: \(warning)\n", to: 2) }
        if warnings.count > limit { writeAll("warning: … and \(warnings.count - limit) more like these\n", to: 2) }
    }
}

extension Topology {
    /// The warnings about VNets and clusters that `file` names (what `apply` or an import wrote).
    func addressWarnings(namedIn file: Topology) -> [String] {
        addressWarnings(in: .objects(vnets: Set(file.vnets.keys), clusters: Set(file.clusters.keys)))
    }

    /// The warnings about one object just added or changed; none for kinds without addresses of their own.
    func addressWarnings(about reference: EntityReference) -> [String] {
        switch reference {
        case .vnet(let name): addressWarnings(in: .objects(vnets: [name], clusters: []))
        case .cluster(let name): addressWarnings(in: .objects(vnets: [], clusters: [name]))
        default: []
        }
    }
}
