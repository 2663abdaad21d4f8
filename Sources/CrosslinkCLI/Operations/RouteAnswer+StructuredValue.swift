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
/// wrapped to the width, since beside seven columns a 400-character reason has no room (docs/model.md).
struct RouteList: StreamedList {
    var answers: [RouteAnswer]

    static let columns = ["CONSUMER", "SERVICE", "PORT", "ROUTABLE", "VIA", "ADDRESS"]

    var count: Int { answers.count }
    func item(_ index: Int) -> StructuredValue { answers[index].structuredValue }

    func text(_ style: TextStyle) -> String {
        Table(
            columns: Self.columns,
            rows: answers.map { answer in
                [
                    answer.consumer.description, answer.service.description, String(answer.servicePort), answer.isRoutable ? "yes" : "no",
                    answer.via?.rawValue ?? "-", answer.address.map { "\($0):\(answer.port)" } ?? "-",
                ]
            },
            details: answers.map { answer in
                (answer.headlineReason.map { ["why: \($0)"] } ?? []) + (answer.headlineFix.map { ["fix: \($0)"] } ?? [])
            },
            verdictColumn: 3
        ).rendered(style)
    }
}
