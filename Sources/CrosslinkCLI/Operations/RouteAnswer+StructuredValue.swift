import CrosslinkCore
import CrosslinkTopologyFile

extension RouteAnswer {
    /// The answer in the spec §4 JSON shape; each rejection also carries its stable `code`.
    var structuredValue: StructuredValue {
        .object([
            "consumer": .string(consumer.description),
            "service": .string(service.description),
            "port": .int(port),
            "routable": .bool(isRoutable),
            "via": via.map { .string($0.rawValue) } ?? .null,
            "address": address.map(StructuredValue.string) ?? .null,
            "hops": .list(hops.map(StructuredValue.string)),
            "rejected": .list(
                rejected.map { rejection in
                    .object([
                        "via": .string(rejection.via.rawValue),
                        "code": .string(rejection.reason.code.rawValue),
                        "reason": .string(rejection.reason.message),
                    ])
                }),
        ])
    }

    /// The reason shown in one-line views: for an unroutable answer, the most preferred failure.
    var headlineReason: String? {
        isRoutable ? nil : rejected.first.map { "\($0.via.rawValue): \($0.reason.message)" }
    }
}

enum RouteTable {
    static let columns = ["CONSUMER", "SERVICE", "PORT", "ROUTABLE", "VIA", "ADDRESS", "REASON"]

    static func rows(_ answers: [RouteAnswer]) -> [[String]] {
        answers.map { answer in
            [
                answer.consumer.description, "\(answer.service):\(answer.servicePort)", String(answer.port),
                answer.isRoutable ? "yes" : "no", answer.via?.rawValue ?? "-", answer.address ?? "-", answer.headlineReason ?? "-",
            ]
        }
    }
}
