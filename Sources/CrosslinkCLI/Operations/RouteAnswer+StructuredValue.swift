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

enum RouteTable {
    static let columns = ["CONSUMER", "SERVICE", "PORT", "ROUTABLE", "VIA", "ADDRESS", "FIX", "REASON"]

    static func rows(_ answers: [RouteAnswer]) -> [[String]] {
        answers.map { answer in
            [
                answer.consumer.description, "\(answer.service):\(answer.servicePort)", String(answer.port),
                answer.isRoutable ? "yes" : "no", answer.via?.rawValue ?? "-", answer.address ?? "-", answer.headlineFix ?? "-",
                answer.headlineReason ?? "-",
            ]
        }
    }
}
