/// Two names whose order carries no meaning (a peering, a tunnel): stored and compared sorted.
package struct UnorderedPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let first: String
    package let second: String

    package init(_ a: String, _ b: String) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }

    package func contains(_ name: String) -> Bool { first == name || second == name }

    /// The other end of the pair, seen from `name`.
    package func other(than name: String) -> String { first == name ? second : first }

    package var description: String { "\(first)~\(second)" }

    package static func < (lhs: UnorderedPair, rhs: UnorderedPair) -> Bool {
        (lhs.first, lhs.second) < (rhs.first, rhs.second)
    }
}
