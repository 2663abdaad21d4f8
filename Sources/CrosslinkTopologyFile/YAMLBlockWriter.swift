import Yams

/// Writes structured values as YAML one top-level piece at a time, in exactly the bytes Yams writes
/// for the whole value (libyaml's emitter: indent 2, no line width, Unicode allowed, sequences inside
/// mappings not indented, two-string lists in flow style).
///
/// Yams resolves every string scalar's tag twice through regular expressions and holds the whole
/// document as nodes and as text: 23 s and 3.5 GB for a 25 MB estate. This writer decides most
/// scalars by a byte scan and asks Yams' resolver only about strings made wholly of characters its
/// rules can match (remembering each answer). A piece holding anything the scan does not cover
/// (control or non-ASCII characters, a key longer than a simple key, a block list directly inside
/// a list) is written by Yams itself, as a one-piece document in the same position, so the bytes
/// stay Yams' whatever the value.
package struct YAMLBlockWriter {
    /// Yams' verdict on strings the byte scan cannot decide: true when it quotes them.
    private var quotedByResolver: [String: Bool] = [:]
    private var scratch = ""

    package init() {}

    /// `key: value` as a field of the root mapping, for a value that is not a non-empty block list.
    package mutating func rootField(_ key: String, _ value: StructuredValue) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        guard appendKey(key), appendValue(value, indent: 0) else {
            return try Self.yams(Node([(Node.scalar(key.represented()), value.node)]))
        }
        return scratch
    }

    /// A field of the root mapping whose value is a list of `count` items, each built when its turn
    /// comes and written to `output` at once.
    package mutating func rootList(
        _ key: String, count: Int, item: (Int) throws -> StructuredValue, to output: inout some TextOutputStream
    ) throws {
        scratch.removeAll(keepingCapacity: true)
        guard count > 0, appendKey(key) else {
            // Empty ([]) or under a key libyaml writes in long form: Yams writes the field whole.
            output.write(try rootField(key, .list(try (0..<count).map(item))))
            return
        }
        scratch += "\n"
        output.write(scratch)
        for index in 0..<count { output.write(try rootItem(try item(index))) }
    }

    /// One item of a block list that is the root or a field of the root mapping (`- …` lines).
    package mutating func rootItem(_ value: StructuredValue) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        guard appendItem(value, indent: 0) else { return try Self.yams(Node([value.node], .implicit, .any)) }
        return scratch
    }

    /// A root list of `count` items, each built when its turn comes: the bytes of `.list(items).yaml()`
    /// for any list but an empty one, which reads `[]`.
    package mutating func writeList(count: Int, item: (Int) throws -> StructuredValue, to output: inout some TextOutputStream) throws {
        if count == 0 { return output.write("[]\n") }
        if count == 2 {
            // Two strings are written inline, `[a, b]`.
            let pair = [try item(0), try item(1)]
            return try write(.list(pair), to: &output)
        }
        for index in 0..<count { output.write(try rootItem(try item(index))) }
    }

    /// The whole of `value`, written to `output` piece by piece.
    package mutating func write(_ value: StructuredValue, to output: inout some TextOutputStream) throws {
        switch value {
        case .object(let fields) where !fields.isEmpty:
            for field in fields {
                if case .list(let items) = field.value, Self.isBlockList(items) {
                    try rootList(field.key, count: items.count, item: { items[$0] }, to: &output)
                } else {
                    output.write(try rootField(field.key, field.value))
                }
            }
        case .list(let items) where Self.isBlockList(items):
            for item in items { output.write(try rootItem(item)) }
        default:
            // A scalar, an empty container or a flow pair: one short line.
            output.write(try Self.yams(value.node))
        }
    }

    // MARK: Block structure, as libyaml lays it out

    /// After `key:` of a mapping whose keys sit at `indent`.
    private mutating func appendValue(_ value: StructuredValue, indent: Int) -> Bool {
        switch value {
        case .list(let items) where Self.isBlockList(items):
            // A list in a mapping is not indented: its dashes line up with the keys.
            scratch += "\n"
            for item in items {
                appendSpaces(indent)
                guard appendItem(item, indent: indent) else { return false }
            }
            return true
        case .object(let fields) where !fields.isEmpty:
            scratch += "\n"
            for field in fields {
                appendSpaces(indent + 2)
                guard appendKey(field.key), appendValue(field.value, indent: indent + 2) else { return false }
            }
            return true
        default:
            scratch += " "
            return appendInline(value)
        }
    }

    /// A list item whose dash sits at `indent` (the indentation already written).
    private mutating func appendItem(_ value: StructuredValue, indent: Int) -> Bool {
        scratch += "-"
        switch value {
        case .list(let items) where Self.isBlockList(items):
            return false  // "- - …": never written by the encoders, left to Yams
        case .object(let fields) where !fields.isEmpty:
            // The first key on the dash's line, the others under it.
            for (index, field) in fields.enumerated() {
                if index == 0 { scratch += " " } else { appendSpaces(indent + 2) }
                guard appendKey(field.key), appendValue(field.value, indent: indent + 2) else { return false }
            }
            return true
        default:
            scratch += " "
            return appendInline(value)
        }
    }

    /// A scalar, an empty container or a flow pair, and the line's end.
    private mutating func appendInline(_ value: StructuredValue) -> Bool {
        switch value {
        case .string(let text):
            guard appendString(text, inFlow: false) else { return false }
        case .int(let number): scratch += String(number)
        case .bool(let flag): scratch += flag ? "true" : "false"
        case .null: scratch += "null"
        case .list(let items):
            scratch += "["
            for (index, item) in items.enumerated() {
                if index > 0 { scratch += ", " }
                guard case .string(let text) = item, appendString(text, inFlow: true) else { return false }
            }
            scratch += "]"
        case .object(let fields):
            guard fields.isEmpty else { return false }
            scratch += "{}"
        }
        scratch += "\n"
        return true
    }

    /// A mapping key and its colon. libyaml writes a key longer than 128 bytes in the long form
    /// (`? key`), left to Yams.
    private mutating func appendKey(_ key: String) -> Bool {
        guard key.utf8.count <= 128, appendString(key, inFlow: false) else { return false }
        scratch += ":"
        return true
    }

    private mutating func appendSpaces(_ count: Int) {
        for _ in 0..<count { scratch += " " }
    }

    /// Lists libyaml writes as block sequences: non-empty and not a pair of strings (StructuredValue.node).
    private static func isBlockList(_ items: [StructuredValue]) -> Bool {
        !items.isEmpty && !StructuredValue.isFlowPair(items)
    }

    // MARK: Scalars

    /// A string as plain or single-quoted text, as Yams and libyaml choose; false when the string
    /// holds a byte outside printable ASCII (Yams decides those).
    private mutating func appendString(_ text: String, inFlow: Bool) -> Bool {
        guard let analysis = ScalarAnalysis(text) else { return false }
        if analysis.isEmpty {
            // Yams reads "" as null, so it asks for quotes.
            scratch += "''"
            return true
        }
        let plainAllowed = inFlow ? analysis.flowPlainAllowed : analysis.blockPlainAllowed
        if plainAllowed && !isQuotedByResolver(text, analysis) {
            scratch += text
        } else {
            scratch += "'"
            scratch += analysis.hasQuote ? text.replacingQuotes() : text
            scratch += "'"
        }
        return true
    }

    /// Whether Yams' resolver reads `text` as something other than a string (so Yams quotes it).
    private mutating func isQuotedByResolver(_ text: String, _ analysis: ScalarAnalysis) -> Bool {
        // No rule of the resolver (bool, int, float, null, timestamp, merge, value) can match a
        // character outside its alphabet, nor digits with two or more dots (an IPv4 address).
        if !analysis.withinResolverAlphabet || analysis.isDottedDigits { return false }
        if let known = quotedByResolver[text] { return known }
        let quoted = text.represented().style == .singleQuoted
        quotedByResolver[text] = quoted
        return quoted
    }

    // MARK: Yams, for what the fast path leaves

    private static func yams(_ node: Node) throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }
}

extension String {
    /// A single-quoted scalar's body: quotes doubled.
    fileprivate func replacingQuotes() -> String {
        var result = ""
        for character in self {
            if character == "'" { result += "''" } else { result.append(character) }
        }
        return result
    }
}
