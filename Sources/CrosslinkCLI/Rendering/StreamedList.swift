import CrosslinkTopologyFile

/// A list a read command prints item by item in JSON and YAML: each item's structured value is
/// built, written and dropped in turn, never the whole list's tree or text (`routes -o json` at
/// 10,000 clusters is 100 MB of JSON). The bytes are those of `render(_:as:)`.
protocol StreamedList: Renderable {
    var count: Int { get }
    func item(_ index: Int) -> StructuredValue
}

extension StreamedList {
    var structuredValue: StructuredValue { .list((0..<count).map(item)) }
}

/// Prints `list` as `format` on standard output; the table for people as `render` lays it out.
func emit(_ list: some StreamedList, as format: OutputFormat, style: @autoclosure () -> TextStyle = .standardOutput) throws {
    var output = StandardOutput()
    switch format {
    case .json:
        StructuredValue.writeJSONList(count: list.count, item: list.item, to: &output)
        output.write("\n")
    case .yaml:
        var writer = YAMLBlockWriter()
        try writer.writeList(count: list.count, item: list.item, to: &output)
    case .table:
        output.write(try render(list, as: .table, style: style()))
    }
    output.flush()
}
