import CrosslinkTopologyFile

/// Renders structured values as the user asked: a table for people, JSON or YAML for scripts.
enum Renderer {
    /// A list of objects: JSON array, YAML sequence, or a table with the given columns.
    static func list(_ items: [StructuredValue], columns: [String], format: OutputFormat) throws -> String {
        switch format {
        case .json: return StructuredValue.list(items).json() + "\n"
        case .yaml: return items.isEmpty ? "[]\n" : try StructuredValue.list(items).yaml()
        case .table: return Table(columns: columns, rows: items.map { item in columns.map { cell(item[$0]) } }).rendered()
        }
    }

    /// One object: JSON object, YAML mapping, or a two-column table of its fields.
    static func single(_ item: StructuredValue, format: OutputFormat) throws -> String {
        switch format {
        case .json: return item.json() + "\n"
        case .yaml: return try item.yaml()
        case .table:
            guard case .object(let fields) = item else { return cell(item) + "\n" }
            return Table(columns: ["FIELD", "VALUE"], rows: fields.map { [$0.key, cell($0.value)] }, showsHeader: false).rendered()
        }
    }

    /// A cell: scalars as text, lists comma-joined, objects as their values joined by ':'.
    static func cell(_ value: StructuredValue?) -> String {
        switch value {
        case nil, .null?: return "-"
        case .string(let text)?: return text.isEmpty ? "-" : text
        case .int(let number)?: return String(number)
        case .bool(let flag)?: return flag ? "yes" : "no"
        case .list(let items)?: return items.isEmpty ? "-" : items.map { cell($0) }.joined(separator: ",")
        case .object(let fields)?: return fields.map { cell($0.value) }.joined(separator: ":")
        }
    }
}

/// A plain-text table with aligned columns.
struct Table {
    var columns: [String]
    var rows: [[String]]
    var showsHeader = true

    func rendered() -> String {
        let all = (showsHeader ? [columns] : []) + rows.map { $0.map { $0.replacingControlCharacters() } }
        guard !all.isEmpty else { return "" }
        var widths = Array(repeating: 0, count: columns.count)
        for row in all { for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) } }
        var output = ""
        for row in all {
            let padded = row.enumerated().map { index, text in
                index == row.count - 1 ? text : text + String(repeating: " ", count: widths[index] - text.count)
            }
            output += padded.joined(separator: "  ") + "\n"
        }
        return output
    }
}

extension String {
    /// Keeps a table row on one line whatever a stored name holds.
    func replacingControlCharacters() -> String {
        String(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}
