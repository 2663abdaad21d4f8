import Yams

/// A JSON-like value with ordered object keys: the one shape every read command renders as YAML,
/// JSON or a table, so the three formats always agree.
package indirect enum StructuredValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case list([StructuredValue])
    case object([Field])

    /// One key of an object; order is kept as built.
    package struct Field: Hashable, Sendable {
        package var key: String
        package var value: StructuredValue
        package init(_ key: String, _ value: StructuredValue) { self.key = key; self.value = value }
    }

    /// An object from fields in order, leaving out absent values (nil) but keeping explicit `.null`s.
    package static func object(_ fields: KeyValuePairs<String, StructuredValue?>) -> StructuredValue {
        .object(fields.compactMap { key, value in value.map { Field(key, $0) } })
    }

    /// A list, or nil when empty, for fields that are omitted rather than written as `[]`.
    package static func nonEmptyList(_ items: [StructuredValue]) -> StructuredValue? {
        items.isEmpty ? nil : .list(items)
    }

    /// The value of `key` when this is an object.
    package subscript(key: String) -> StructuredValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }
}

extension StructuredValue {
    /// YAML text, byte for byte what Yams writes (`yamlThroughYams()`), without its cost (YAMLBlockWriter).
    package func yaml() throws -> String {
        var text = ""
        var writer = YAMLBlockWriter()
        try writer.write(self, to: &text)
        return text
    }

    /// YAML text through Yams: strings that YAML would read as something else are quoted. The
    /// reference for YAMLBlockWriter (the tests compare the two).
    package func yamlThroughYams() throws -> String {
        try Yams.serialize(node: node, indent: 2, width: -1, allowUnicode: true)
    }

    /// Short lists of plain values (`between: [a, b]`) read best inline.
    static func isFlowPair(_ items: [StructuredValue]) -> Bool {
        items.count == 2 && items.allSatisfy { if case .string = $0 { true } else { false } }
    }

    var node: Node {
        switch self {
        case .string(let text): return .scalar(text.represented())
        case .int(let value): return Node(String(value), Tag(.int))
        case .bool(let value): return Node(value ? "true" : "false", Tag(.bool))
        case .null: return Node("null", Tag(.null))
        case .list(let items):
            return Node(items.map(\.node), .implicit, StructuredValue.isFlowPair(items) ? .flow : .any)
        case .object(let fields):
            return Node(fields.map { (Node.scalar($0.key.represented()), $0.value.node) })
        }
    }

    /// Compact JSON with keys in order and strings escaped per RFC 8259.
    package func json() -> String {
        var output = ""
        writeJSON(into: &output)
        return output
    }

    /// The compact JSON of a list of `count` items written item by item, each built when its turn
    /// comes: the bytes of `.list(items).json()`.
    package static func writeJSONList(count: Int, item: (Int) -> StructuredValue, to output: inout some TextOutputStream) {
        output.write("[")
        var text = ""
        for index in 0..<count {
            text.removeAll(keepingCapacity: true)
            if index > 0 { text += ", " }
            item(index).writeJSON(into: &text)
            output.write(text)
        }
        output.write("]")
    }

    /// Appends the compact JSON of this value to `output` (to stream a list item by item).
    package func writeJSON(into output: inout String) {
        switch self {
        case .string(let text): StructuredValue.writeJSONString(text, into: &output)
        case .int(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .list(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                item.writeJSON(into: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { output += ", " }
                StructuredValue.writeJSONString(field.key, into: &output)
                output += ": "
                field.value.writeJSON(into: &output)
            }
            output += "}"
        }
    }

    package static func writeJSONString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escape: appended whole instead of scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
