import CrosslinkTopologyFile

/// A list held in memory whose structured value is built item by item; the commands print theirs
/// as they read them instead (`emitRows`), with the same bytes.
protocol StreamedList: Renderable {
    var count: Int { get }
    func item(_ index: Int) -> StructuredValue
}

extension StreamedList {
    var structuredValue: StructuredValue { .list((0..<count).map(item)) }
}
