import Yams

/// Builders for Yams nodes with a fixed key order and a fixed quoting rule, so that output is the
/// same byte for byte and no value, whatever it contains, can be read back as anything but itself.
enum YAMLNode {
    /// Words that some YAML 1.1 parser (go-yaml, which kubectl uses) reads as a bool or null.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// A string scalar: plain when it is unmistakably a string, double-quoted otherwise.
    ///
    /// Double quotes escape quotes, backslashes, newlines and control characters, so user text can
    /// neither end the scalar nor start a new key. Plain style is kept for simple words (names,
    /// enum values, label keys) because it is what people write by hand.
    static func string(_ text: String) -> Node {
        .scalar(Node.Scalar(text, Tag(.str), isPlainSafe(text) ? .plain : .doubleQuoted))
    }

    /// Whether `text` reads back as the same string when written without quotes: it starts with a
    /// letter, holds only letters, digits and `.`, `_`, `/`, `-`, and is not a reserved word.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0) }
        return allowed && !reservedWords.contains(text.lowercased())
    }

    static func int(_ value: Int) -> Node {
        .scalar(Node.Scalar(String(value), Tag(.int), .plain))
    }

    /// A mapping whose keys come out in exactly the order given; nil values are left out.
    static func mapping(_ pairs: KeyValuePairs<String, Node?>) -> Node {
        .mapping(Node.Mapping(pairs.compactMap { key, value in value.map { (string(key), $0) } }, Tag(.map), .block))
    }

    /// A mapping of strings, keys sorted (labels, selectors, annotations).
    static func sortedMapping(_ dictionary: [String: String]) -> Node {
        let pairs = dictionary.sorted { $0.key < $1.key }.map { (string($0.key), string($0.value)) }
        return .mapping(Node.Mapping(pairs, Tag(.map), .block))
    }

    /// A mapping of string keys to integers, keys sorted (endpoint ports).
    static func sortedMapping(_ dictionary: [String: Int]) -> Node {
        let pairs = dictionary.sorted { $0.key < $1.key }.map { (string($0.key), int($0.value)) }
        return .mapping(Node.Mapping(pairs, Tag(.map), .block))
    }

    static func sequence(_ nodes: [Node]) -> Node {
        .sequence(Node.Sequence(nodes, Tag(.seq), .block))
    }

    static func strings(_ values: [String]) -> Node {
        sequence(values.map(string))
    }

    /// `nil` for an empty collection, so optional fields are left out rather than written empty.
    static func nonEmpty<C: Collection>(_ collection: C, _ build: (C) -> Node) -> Node? {
        collection.isEmpty ? nil : build(collection)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
