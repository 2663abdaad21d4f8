/// What a reconcile remembers of a stored answer to compare the next one against: its key, its path
/// kind and a fingerprint of everything else, so the store need not read back every reason text.
package struct RouteSummary: Hashable, Sendable {
    package var key: RouteKey
    package var via: PathKind?
    /// FNV-1a (64-bit) of the answer's fields: stable across processes and releases, unlike `Hasher`.
    package var fingerprint: UInt64

    package init(key: RouteKey, via: PathKind?, fingerprint: UInt64) {
        self.key = key
        self.via = via
        self.fingerprint = fingerprint
    }

    package var isRoutable: Bool { via != nil }
}

extension RouteAnswer {
    package var summary: RouteSummary { RouteSummary(key: key, via: via, fingerprint: fingerprint) }

    /// A stable 64-bit fingerprint of every field of the answer.
    ///
    /// FNV-1a over the fields' UTF-8 bytes, each field followed by 0x1F (US); the key counts as one
    /// field spelled as its description (`consumer -> cluster/namespace/name:port`). FNV is a
    /// stream hash, so the key's pieces and the port's digits are fed in place, without building
    /// the strings: the values equal those of the plain definition, which stored rows carry.
    package var fingerprint: UInt64 {
        var hasher = FNV1a()
        hasher.add(consumer.cluster)
        if let namespace = consumer.namespace {
            hasher.add(byte: 0x2F)  // "/"
            hasher.add(namespace)
        }
        hasher.add(" -> ")
        hasher.add(service.cluster)
        hasher.add(byte: 0x2F)
        hasher.add(service.namespace)
        hasher.add(byte: 0x2F)
        hasher.add(service.name)
        hasher.add(byte: 0x3A)  // ":"
        hasher.add(decimal: servicePort)
        hasher.endField()
        hasher.add(decimal: port)
        hasher.endField()
        hasher.addField(via?.rawValue ?? "-")
        hasher.addField(address ?? "-")
        for hop in hops { hasher.addField(hop) }
        hasher.addField("|")
        for rejection in rejected {
            hasher.addField(rejection.via.rawValue)
            hasher.addField(rejection.reason.code.rawValue)
            hasher.addField(rejection.reason.message)
            hasher.add(decimal: rejection.closeness.met)
            hasher.endField()
            hasher.add(decimal: rejection.closeness.unmet)
            hasher.endField()
            hasher.addField(rejection.reason.fix ?? "-")
        }
        return hasher.value
    }
}
