import CrosslinkTopologyFile

/// Hands every row of a list, in order, to the function it is given. May be called more than once
/// and gives the same rows each time (the store keeps one read transaction open around the calls).
typealias RowReader<Item> = (@escaping (Item) throws -> Void) throws -> Void

/// How a list's rows show in the table for people.
struct TableLayout<Item> {
    var columns: [String]
    var cells: (Item) -> [String]
    /// Lines printed beneath a row (see `Table.details`).
    var details: ((Item) -> [String])?
    var verdictColumn: Int?
}

/// Prints the rows `rows` reads as `format`, each as it is read, holding none: JSON and YAML in one
/// pass, item by item; the table in two, the first for its column widths, so its bytes are those of
/// `Table.rendered` (widths count Characters, as the printed padding does, which SQLite's `length()`
/// cannot). The bytes are those `render(_:as:)` gives for the same items.
func emitRows<Item>(
    _ rows: RowReader<Item>, as format: OutputFormat, value: @escaping (Item) -> StructuredValue, table: TableLayout<Item>,
    style: @autoclosure () -> TextStyle = .standardOutput
) throws {
    var output = try writeRows(rows, as: format, value: value, table: table, style: style(), to: StandardOutput())
    output.flush()
}

/// What `emitRows` prints, written to `output` (a value of its own, so the row closures can write to it).
func writeRows<Item, Output: TextOutputStream>(
    _ rows: RowReader<Item>, as format: OutputFormat, value: @escaping (Item) -> StructuredValue, table: TableLayout<Item>,
    style: @autoclosure () -> TextStyle, to output: Output
) throws -> Output {
    var output = output
    switch format {
    case .json:
        output.write("[")
        var text = ""
        var isFirst = true
        try rows { item in
            text.removeAll(keepingCapacity: true)
            if !isFirst { text += ", " }
            isFirst = false
            value(item).writeJSON(into: &text)
            output.write(text)
        }
        output.write("]\n")
    case .yaml:
        var writer = YAMLBlockWriter()
        // No item is written `[]` and two strings inline `[a, b]`: the first two wait for a third.
        var waiting: [StructuredValue] = []
        var isStreaming = false
        try rows { item in
            if !isStreaming {
                waiting.append(value(item))
                guard waiting.count == 3 else { return }
                isStreaming = true
                for item in waiting { try writer.writeList(count: 1, item: { _ in item }, to: &output) }
                waiting = []
                return
            }
            let structured = value(item)
            try writer.writeList(count: 1, item: { _ in structured }, to: &output)
        }
        if !isStreaming { try writer.writeList(count: waiting.count, item: { waiting[$0] }, to: &output) }
    case .table:
        let style = style()
        var widths = table.columns.map(\.count)
        try rows { item in Table.measure(table.cells(item).map { $0.replacingControlCharacters() }, into: &widths) }
        output.write(Table.line(table.columns, widths: widths, verdictColumn: nil, style: style))
        try rows { item in
            output.write(
                Table.line(table.cells(item).map { $0.replacingControlCharacters() }, widths: widths, verdictColumn: table.verdictColumn, style: style))
            if let details = table.details { output.write(Table.detailLines(details(item), style: style)) }
        }
    }
    return output
}
