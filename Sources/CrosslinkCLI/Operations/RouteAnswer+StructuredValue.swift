import CrosslinkCore
import CrosslinkTopologyFile

extension RouteAnswer {
    /// The answer in the spec §4 JSON shape; each rejection also carries its stable `code`, how close
    /// its path came (`met`, `unmet`), its `fix` when that is a crosslink command, and the one an
    /// unroutable answer leads with `"primary": true` (spec §9.3).
    var structuredValue: StructuredValue {
        let primary = primaryIndex
        return .object([
            "consumer": .string(consumer.description),
            "service": .string(service.description),
            "port": .int(port),
            "routable": .bool(isRoutable),
            "via": via.map { .string($0.rawValue) } ?? .null,
            "address": address.map(StructuredValue.string) ?? .null,
            "hops": .list(hops.map(StructuredValue.string)),
            "rejected": .list(
                rejected.enumerated().map { index, rejection in
                    .object([
                        "via": .string(rejection.via.rawValue),
                        "code": .string(rejection.reason.code.rawValue),
                        "reason": .string(rejection.reason.message),
                        "fix": rejection.reason.fix.map(StructuredValue.string),
                        "primary": index == primary ? .bool(true) : nil,
                        "met": .int(rejection.closeness.met),
                        "unmet": .int(rejection.closeness.unmet),
                    ])
                }),
        ])
    }

    /// The reason shown in one-line views: for an unroutable answer, the primary one (spec §9.3).
    var headlineReason: String? {
        primaryRejection.map { "\($0.via.rawValue): \($0.reason.message)" }
    }

    /// The primary reason's fix, when it is a crosslink command.
    var headlineFix: String? { primaryRejection?.reason.fix }
}

/// `routes`: one row per import and port; an unroutable row's primary reason and fix go beneath it,
/// wrapped to the width, since beside six columns a 400-character reason has no room (docs/model.md).
struct RouteList: StreamedList {
    var answers: [RouteAnswer]

    static let columns = ["CONSUMER", "SERVICE", "PORT", "ROUTABLE", "VIA", "ADDRESS"]

    /// The same table, printed row by row as the answers are read (`emitRows`).
    static var layout: TableLayout<RouteAnswer> { TableLayout(columns: columns, cells: row, details: details, verdictColumn: 3) }

    var count: Int { answers.count }
    func item(_ index: Int) -> StructuredValue { answers[index].structuredValue }

    func text(_ style: TextStyle) -> String {
        Table(columns: Self.columns, rows: answers.map(Self.row), details: answers.map(Self.details), verdictColumn: 3).rendered(style)
    }

    static func row(_ answer: RouteAnswer) -> [String] {
        let address: String = answer.address.map { "\($0):\(answer.port)" } ?? "-"
        return [
            answer.consumer.description, answer.service.description, String(answer.servicePort), answer.isRoutable ? "yes" : "no",
            answer.via?.rawValue ?? "-", address,
        ]
    }

    /// `why: ` the primary reason and `fix: ` its fix, for an unroutable answer.
    static func details(_ answer: RouteAnswer) -> [String] {
        var lines: [String] = []
        if let reason = answer.headlineReason { lines.append("why: \(reason)") }
        if let fix = answer.headlineFix { lines.append("fix: \(fix)") }
        return lines
    }
}
