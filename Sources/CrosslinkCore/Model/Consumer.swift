/// Who consumes an import: a cluster, optionally narrowed to one namespace (`aks-a/frontend`).
package struct Consumer: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var cluster: String
    package var namespace: String?

    package init(cluster: String, namespace: String? = nil) {
        self.cluster = cluster
        self.namespace = namespace
    }

    package static func parse(_ text: String, field: String) throws -> Consumer {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 1 || parts.count == 2 else {
            throw CrosslinkError.invalid("\(field) \(text.quotedExcerpt) is not cluster or cluster/namespace")
        }
        try NameRule.dns1123Label.check(parts[0], field: "\(field) cluster")
        if parts.count == 2 { try NameRule.dns1123Label.check(parts[1], field: "\(field) namespace") }
        return Consumer(cluster: parts[0], namespace: parts.count == 2 ? parts[1] : nil)
    }

    package var description: String { namespace.map { "\(cluster)/\($0)" } ?? cluster }

    package static func < (lhs: Consumer, rhs: Consumer) -> Bool {
        (lhs.cluster, lhs.namespace ?? "") < (rhs.cluster, rhs.namespace ?? "")
    }
}
