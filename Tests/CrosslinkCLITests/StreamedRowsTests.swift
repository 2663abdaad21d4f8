import CrosslinkCore
import CrosslinkTopologyFile
import Testing

@testable import CrosslinkCLI

/// `routes` and `<kind> list` print rows as they read them; the bytes must be those of the list
/// rendered in memory, whatever the number of rows (YAML writes none as `[]` and two strings inline)
/// and whatever the cells hold (control characters, long reasons, coloured verdicts).
@Suite struct StreamedRowsTests {
    static let styles = [TextStyle.plain, TextStyle(width: 40, usesColour: true)]

    static func streamed<Item>(_ items: [Item], as format: OutputFormat, value: @escaping (Item) -> StructuredValue, table: TableLayout<Item>, style: TextStyle)
        throws -> String
    {
        try writeRows({ each in for item in items { try each(item) } }, as: format, value: value, table: table, style: style, to: "")
    }

    @Test("entity lists: the same bytes as the list rendered in memory, from no row to several", arguments: 0...4)
    func entityLists(count: Int) throws {
        let columns = ["name", "between", "ports"]
        let shapes: [StructuredValue] = [
            .object(["name": .string("v1"), "between": .list([.string("a"), .string("b")]), "ports": .list([])]),
            .string("plain"),
            .object(["name": .string("tab\there\u{7F}"), "between": .null, "ports": .list([.int(80), .int(443)])]),
            .object(["name": .string("ü-ñ-名前"), "between": .list([.string("x"), .string("y")]), "ports": .null]),
        ]
        for items in [Array(shapes.prefix(count)), Array(repeating: StructuredValue.string("same"), count: count)] {
            for style in Self.styles {
                for format in [OutputFormat.table, .json, .yaml] {
                    let expected = try render(EntityList(items: items, columns: columns), as: format, style: style)
                    let printed = try Self.streamed(items, as: format, value: { $0 }, table: EntityList.layout(columns: columns), style: style)
                    #expect(printed == expected, "\(format), \(items.count) items")
                }
            }
        }
    }

    @Test("routes: the same bytes as the answers rendered in memory, reasons and fixes beneath unroutable rows", arguments: 0...3)
    func routeLists(count: Int) throws {
        let long = String(repeating: "a reason long enough to wrap ", count: 6)
        let answers = (0..<count).map { index in
            RouteAnswer(
                consumer: Consumer(cluster: "aks-\(index)", namespace: index == 1 ? nil : "app"),
                service: ServiceID(cluster: "aks-x", namespace: "ns", name: "svc\(index)"), servicePort: 80, port: 80,
                via: index == 0 ? .network : nil, address: index == 0 ? "10.0.0.\(index)" : nil, hops: index == 0 ? ["a", "b"] : [],
                rejected: [Rejection(via: .mesh, reason: RouteReason(.noIngress, long + "\n\(index)", fix: index == 2 ? "crosslink ingress add x" : nil))])
        }
        for style in Self.styles {
            for format in [OutputFormat.table, .json, .yaml] {
                let expected = try render(RouteList(answers: answers), as: format, style: style)
                let printed = try Self.streamed(answers, as: format, value: \.structuredValue, table: RouteList.layout, style: style)
                #expect(printed == expected, "\(format), \(answers.count) answers")
            }
        }
    }
}
