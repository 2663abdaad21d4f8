/// What a reconcile remembers of a stored answer to compare the next one against: its key, its path
/// kind and a fingerprint of everything else, so the store need not read back every reason text.
public struct RouteSummary: Hashable, Sendable {
    public var key: RouteKey
    public var via: PathKind?
    /// FNV-1a (64-bit) of the answer's fields: stable across processes and releases, unlike `Hasher`.
    public var fingerprint: UInt64

    public init(key: RouteKey, via: PathKind?, fingerprint: UInt64) {
        self.key = key
        self.via = via
        self.fingerprint = fingerprint
    }

    public var isRoutable: Bool { via != nil }
}

extension RouteAnswer {
    public var summary: RouteSummary { RouteSummary(key: key, via: via, fingerprint: fingerprint) }

    /// A stable 64-bit fingerprint of every field of the answer.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0x1F) &* 0x0000_0100_0000_01B3  // field separator (US), never in a value
        }
        mix(key.description)
        mix(String(port))
        mix(via?.rawValue ?? "-")
        mix(address ?? "-")
        for hop in hops { mix(hop) }
        mix("|")
        for rejection in rejected {
            mix(rejection.via.rawValue)
            mix(rejection.reason.code.rawValue)
            mix(rejection.reason.message)
        }
        return hash
    }
}
