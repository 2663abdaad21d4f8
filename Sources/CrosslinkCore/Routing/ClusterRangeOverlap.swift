/// Which pod or service ranges of two clusters collide (§7.6): Submariner without Globalnet needs
/// every one distinct across a ClusterSet. The cases are in the order they are checked.
enum ClusterRangeOverlap: CaseIterable {
    /// Both pod CIDRs.
    case pods
    /// Both service CIDRs.
    case services
    /// The first cluster's pod CIDR and the second's service CIDR.
    case podAndService
    /// The first cluster's service CIDR and the second's pod CIDR.
    case serviceAndPod

    /// The two ranges compared: the first cluster's, then the second's.
    func ranges(of first: Cluster, _ second: Cluster) -> (CIDR, CIDR) {
        switch self {
        case .pods: (first.podCIDR, second.podCIDR)
        case .services: (first.serviceCIDR, second.serviceCIDR)
        case .podAndService: (first.podCIDR, second.serviceCIDR)
        case .serviceAndPod: (first.serviceCIDR, second.podCIDR)
        }
    }

    /// The overlap described for a person.
    func describe(_ first: Cluster, _ second: Cluster, on shared: CIDR) -> String {
        switch self {
        case .pods: "pod CIDRs of \(first.name) and \(second.name) overlap on \(shared)"
        case .services: "service CIDRs of \(first.name) and \(second.name) overlap on \(shared)"
        case .podAndService: "the pod CIDR of \(first.name) and the service CIDR of \(second.name) overlap on \(shared)"
        case .serviceAndPod: "the service CIDR of \(first.name) and the pod CIDR of \(second.name) overlap on \(shared)"
        }
    }
}
