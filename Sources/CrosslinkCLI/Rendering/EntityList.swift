import CrosslinkTopologyFile

/// `<kind> list`: a table with one column per named field.
struct EntityList: StreamedList {
    var items: [StructuredValue]
    /// Field names as in the topology file; headers are written from them.
    var columns: [String]

    var count: Int { items.count }
    func item(_ index: Int) -> StructuredValue { items[index] }

    func text(_ style: TextStyle) -> String {
        Table(columns: columns.map(Table.header), rows: items.map { item in Self.cells(item, columns: columns) }).rendered(style)
    }

    /// The same table, printed row by row as the objects are read (`emitRows`).
    static func layout(columns: [String]) -> TableLayout<StructuredValue> {
        TableLayout(columns: columns.map(Table.header), cells: { cells($0, columns: columns) })
    }

    private static func cells(_ item: StructuredValue, columns: [String]) -> [String] {
        columns.map { Renderer.cell(item[$0], field: $0) }
    }
}

/// `<kind> show`: one field a line, named as in the topology file.
struct EntityDetail: Renderable {
    var structuredValue: StructuredValue

    func text(_ style: TextStyle) -> String {
        guard case .object(let fields) = structuredValue else { return Renderer.cell(structuredValue) + "\n" }
        return Table(columns: ["FIELD", "VALUE"], rows: fields.map { [$0.key, Renderer.cell($0.value, field: $0.key)] }, showsHeader: false)
            .rendered(style)
    }
}
