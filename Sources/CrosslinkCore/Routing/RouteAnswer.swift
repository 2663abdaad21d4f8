/// Why a path kind cannot carry an import: a stable code for programs plus a sentence for people,
/// the way Kubernetes conditions carry Reason and Message.
package struct RouteReason: Hashable, Sendable {
    package var code: ReasonCode
    package var message: String
    /// The crosslink command that records the change which removes this reason, when there is one
    /// (`crosslink peering add vnet-a vnet-b`); `<…>` marks a value only the operator knows.
    package var fix: String?

    package init(_ code: ReasonCode, _ message: String, fix: String? = nil) {
        self.code = code
        self.message = message
        self.fix = fix
    }
}

/// One path kind that was considered and failed.
package struct Rejection: Hashable, Sendable {
    package var via: PathKind
    /// The first condition of the path that does not hold.
    package var reason: RouteReason
    /// How close the path came: its conditions that hold and those that do not.
    package var closeness: PathCloseness

    package init(via: PathKind, reason: RouteReason, closeness: PathCloseness = .oneUnmet) {
        self.via = via
        self.reason = reason
        self.closeness = closeness
    }
}

/// The answer for one consumer, service and port: the chosen path or why there is none (spec §4).
package struct RouteAnswer: Hashable, Sendable {
    package var consumer: Consumer
    package var service: ServiceID
    /// The service port the consumer wants.
    package var servicePort: Int
    /// The port to dial: the service port, or the ingress port for ingress routes.
    package var port: Int
    /// The chosen path kind; nil when unroutable.
    package var via: PathKind?
    /// What to dial: a DNS name or an IPv4 address; nil when unroutable.
    package var address: String?
    /// The way the traffic goes, consumer first; never empty when routable.
    package var hops: [String]
    /// Every path kind that was considered and failed, in preference order.
    package var rejected: [Rejection]

    package init(consumer: Consumer, service: ServiceID, servicePort: Int, port: Int, via: PathKind?, address: String?, hops: [String], rejected: [Rejection]) {
        self.consumer = consumer
        self.service = service
        self.servicePort = servicePort
        self.port = port
        self.via = via
        self.address = address
        self.hops = hops
        self.rejected = rejected
    }

    package var isRoutable: Bool { via != nil }

    /// Identifies the answer among a reconcile's results: consumer, service and service port.
    package var key: RouteKey { RouteKey(consumer: consumer, service: service, servicePort: servicePort) }
}

/// Identifies one route row: an import expands to one per imported port.
package struct RouteKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var consumer: Consumer
    package var service: ServiceID
    package var servicePort: Int

    package init(consumer: Consumer, service: ServiceID, servicePort: Int) {
        self.consumer = consumer
        self.service = service
        self.servicePort = servicePort
    }

    package var description: String { "\(consumer) -> \(service):\(servicePort)" }

    package static func < (lhs: RouteKey, rhs: RouteKey) -> Bool {
        (lhs.consumer, lhs.service, lhs.servicePort) < (rhs.consumer, rhs.service, rhs.servicePort)
    }
}
