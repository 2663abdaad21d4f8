/// A security group with its rules of each direction in priority order, then Azure's default rules
/// (spec §8 R5): ordered once per snapshot, so evaluating a flow sorts and looks up nothing.
struct OrderedSecurityGroup: Sendable {
    let group: SecurityGroup
    private let inbound: [SecurityRule]
    private let outbound: [SecurityRule]

    init(_ group: SecurityGroup) {
        self.group = group
        func ordered(_ direction: TrafficDirection) -> [SecurityRule] {
            group.rules.filter { $0.direction == direction }.sorted { $0.priority < $1.priority } + (TrafficPlane.defaultRules[direction] ?? [])
        }
        inbound = ordered(.inbound)
        outbound = ordered(.outbound)
    }

    func rules(_ direction: TrafficDirection) -> [SecurityRule] {
        switch direction {
        case .inbound: inbound
        case .outbound: outbound
        }
    }

    /// Whether the group applies to any address of `range` (a range passes only if every address
    /// does, so a group on part of it counts too).
    func applies(to range: CIDR) -> Bool {
        group.subnets.isEmpty || group.subnets.contains { $0.overlaps(range) }
    }
}
