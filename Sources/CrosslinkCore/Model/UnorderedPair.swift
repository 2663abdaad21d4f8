/// Two names whose order carries no meaning (a peering, a tunnel): stored and compared sorted.
public struct UnorderedPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let first: String
    public let second: String

    public init(_ a: String, _ b: String) {
        (first, second) = a <= b ? (a, b) : (b, a)
    }

    public func contains(_ name: String) -> Bool { first == name || second == name }

    /// The other end of the pair, seen from `name`.
    public func other(than name: String) -> String { first == name ? second : first }

    public var description: String { "\(first)~\(second)" }

    public static func < (lhs: UnorderedPair, rhs: UnorderedPair) -> Bool {
        (lhs.first, lhs.second) < (rhs.first, rhs.second)
    }
}
