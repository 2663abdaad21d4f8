/// Why a path kind cannot carry an import: a stable code for programs plus a sentence for people,
/// the way Kubernetes conditions carry Reason and Message.
public struct RouteReason: Hashable, Sendable {
    public var code: ReasonCode
    public var message: String
    /// The crosslink command that records the change which removes this reason, when there is one
    /// (`crosslink peering add vnet-a vnet-b`); `<…>` marks a value only the operator knows.
    public var fix: String?

    public init(_ code: ReasonCode, _ message: String, fix: String? = nil) {
        self.code = code
        self.message = message
        self.fix = fix
    }
}

/// A stable, documented reason code (`PodCIDROverlap`, `PeeringNotTransitive`, …). Extensible: the
/// codes are static members, each documented where it is defined and in docs/routability.md.
public struct ReasonCode: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One path kind that was considered and failed.
public struct Rejection: Hashable, Sendable {
    public var via: PathKind
    /// The first condition of the path that does not hold.
    public var reason: RouteReason
    /// How close the path came: its conditions that hold and those that do not.
    public var closeness: PathCloseness

    public init(via: PathKind, reason: RouteReason, closeness: PathCloseness = .oneUnmet) {
        self.via = via
        self.reason = reason
        self.closeness = closeness
    }
}

/// The answer for one consumer, service and port: the chosen path or why there is none (spec §4).
public struct RouteAnswer: Hashable, Sendable {
    public var consumer: Consumer
    public var service: ServiceID
    /// The service port the consumer wants.
    public var servicePort: Int
    /// The port to dial: the service port, or the ingress port for ingress routes.
    public var port: Int
    /// The chosen path kind; nil when unroutable.
    public var via: PathKind?
    /// What to dial: a DNS name or an IPv4 address; nil when unroutable.
    public var address: String?
    /// The way the traffic goes, consumer first; never empty when routable.
    public var hops: [String]
    /// Every path kind that was considered and failed, in preference order.
    public var rejected: [Rejection]

    public init(consumer: Consumer, service: ServiceID, servicePort: Int, port: Int, via: PathKind?, address: String?, hops: [String], rejected: [Rejection]) {
        self.consumer = consumer
        self.service = service
        self.servicePort = servicePort
        self.port = port
        self.via = via
        self.address = address
        self.hops = hops
        self.rejected = rejected
    }

    public var isRoutable: Bool { via != nil }

    /// Identifies the answer among a reconcile's results: consumer, service and service port.
    public var key: RouteKey { RouteKey(consumer: consumer, service: service, servicePort: servicePort) }
}

/// Identifies one route row: an import expands to one per imported port.
public struct RouteKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var consumer: Consumer
    public var service: ServiceID
    public var servicePort: Int

    public init(consumer: Consumer, service: ServiceID, servicePort: Int) {
        self.consumer = consumer
        self.service = service
        self.servicePort = servicePort
    }

    public var description: String { "\(consumer) -> \(service):\(servicePort)" }

    public static func < (lhs: RouteKey, rhs: RouteKey) -> Bool {
        (lhs.consumer, lhs.service, lhs.servicePort) < (rhs.consumer, rhs.service, rhs.servicePort)
    }
}
