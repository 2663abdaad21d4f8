import CrosslinkCore
import Yams

/// Reads typed values out of a composed YAML tree, with errors that point at the line and column.
///
/// Decoding by hand rather than with `Codable` is deliberate: unknown fields must be errors (a
/// misspelt `nodeSubnt` silently ignored would register a wrong estate) and every error must say where.
struct YAMLReader {
    let source: String
    /// Nodes visited so far; aliases can make a small file expand enormously (a "billion laughs").
    private var budget: Int

    init(source: String, nodeBudget: Int) {
        self.source = source
        self.budget = nodeBudget
    }

    func error(_ node: Node?, _ message: String) -> CrosslinkError {
        let place = node?.mark.map { "\(source):\($0.line):\($0.column)" } ?? source
        return CrosslinkError(.malformedFile, "\(place): \(message)")
    }

    private mutating func visit(_ node: Node) throws {
        budget -= 1
        if budget < 0 {
            throw error(node, "document expands to too many nodes (YAML aliases?); refusing to read it")
        }
    }

    /// The fields of a mapping, refusing keys outside `allowed` and duplicate keys.
    mutating func fields(_ node: Node, _ what: String, allowed: [String]) throws -> Fields {
        try visit(node)
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) must be a mapping")
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw error(key, "\(what) has a key that is not a plain name")
            }
            guard allowed.contains(scalar.string) else {
                throw error(key, "unknown field \(scalar.string.quotedExcerpt) in \(what); expected one of: \(allowed.joined(separator: ", "))")
            }
            guard values.updateValue(value, forKey: scalar.string) == nil else {
                throw error(key, "field \(scalar.string.quotedExcerpt) appears twice in \(what)")
            }
        }
        return Fields(node: node, what: what, values: values)
    }

    /// The items of a sequence (a missing or null field is an empty list).
    mutating func items(_ node: Node?, _ what: String) throws -> [Node] {
        guard let node, !node.isNull else { return [] }
        try visit(node)
        guard case .sequence(let sequence) = node else {
            throw error(node, "\(what) must be a list")
        }
        return Array(sequence)
    }

    mutating func string(_ node: Node, _ what: String) throws -> String {
        try visit(node)
        guard case .scalar(let scalar) = node, !node.isNull else {
            throw error(node, "\(what) must be a single value")
        }
        return scalar.string
    }

    mutating func int(_ node: Node, _ what: String) throws -> Int {
        try visit(node)
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            throw error(node, "\(what) must be a whole number")
        }
        return value
    }

    mutating func bool(_ node: Node, _ what: String) throws -> Bool {
        try visit(node)
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = node.bool else {
            throw error(node, "\(what) must be true or false")
        }
        return value
    }

    /// Runs a core parser (CIDR, enum, name) and points its error at `node`.
    func located<T>(_ node: Node, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let failure as CrosslinkError {
            throw error(node, failure.message)
        }
    }
}

/// The fields of one mapping, read by name.
struct Fields {
    let node: Node
    let what: String
    let values: [String: Node]

    /// The value of an optional field; null counts as absent.
    subscript(_ key: String) -> Node? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    func required(_ key: String, _ reader: YAMLReader) throws -> Node {
        guard let value = self[key] else {
            throw reader.error(node, "\(what) needs field \(key.quoted)")
        }
        return value
    }
}

extension Node {
    var isNull: Bool {
        // Only an unquoted null, ~ or empty value is null; "null" in quotes is a string.
        if case .scalar(let scalar) = self { return scalar.style == .plain && null != nil }
        return false
    }
}
