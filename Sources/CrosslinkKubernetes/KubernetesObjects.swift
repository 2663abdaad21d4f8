// The JSON objects `kubectl get … -o json` prints, reduced to the fields crosslink reads. Fields are
// optional here (the API server leaves out what is unset); the translation decides which are required
// and names them in its errors. Everything else (managedFields, resourceVersion, status.conditions,
// clusterIPs, ipFamilies, …) is ignored by `Decodable`.

/// `metadata` of any object.
struct ObjectMetadata: Decodable {
    var name: String?
    var namespace: String?
    var annotations: [String: String]?
}

/// A value Kubernetes lets be a number or a name (`targetPort: 8080` or `targetPort: "http"`).
enum NumberOrName: Decodable, Equatable {
    case number(Int)
    case name(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let name = try? container.decode(String.self) {
            self = .name(name)
        } else {
            throw DecodingError.typeMismatch(
                NumberOrName.self, DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "expected a number or a string"))
        }
    }
}

/// `status.loadBalancer` of a Service or an Ingress.
struct LoadBalancerStatus: Decodable {
    struct Entry: Decodable {
        var ip: String?
        var hostname: String?
    }

    var ingress: [Entry]?
}

/// The `spec` and `status` of a v1 Service.
struct ServiceObject: Decodable {
    struct Port: Decodable {
        var name: String?
        var port: Int?
        var targetPort: NumberOrName?
        var `protocol`: String?
        var appProtocol: String?
        var nodePort: Int?
    }

    struct Spec: Decodable {
        var type: String?
        var clusterIP: String?
        var externalName: String?
        var loadBalancerIP: String?
        var externalTrafficPolicy: String?
        var ports: [Port]?
    }

    struct Status: Decodable {
        var loadBalancer: LoadBalancerStatus?
    }

    var spec: Spec?
    var status: Status?
}

/// The `spec` and `status` of a networking.k8s.io/v1 Ingress.
struct IngressObject: Decodable {
    struct Backend: Decodable {
        struct ServiceReference: Decodable {
            struct Port: Decodable {
                var number: Int?
                var name: String?
            }

            var name: String?
            var port: Port?
        }

        /// A backend that is another kind of object (a storage bucket), not a Service.
        struct ResourceReference: Decodable {
            var kind: String?
            var name: String?
        }

        var service: ServiceReference?
        var resource: ResourceReference?
    }

    struct Rule: Decodable {
        struct HTTP: Decodable {
            struct Path: Decodable {
                var path: String?
                var backend: Backend?
            }

            var paths: [Path]?
        }

        var host: String?
        var http: HTTP?
    }

    struct TLS: Decodable {
        var hosts: [String]?
    }

    struct Spec: Decodable {
        var ingressClassName: String?
        var defaultBackend: Backend?
        var tls: [TLS]?
        var rules: [Rule]?
    }

    struct Status: Decodable {
        var loadBalancer: LoadBalancerStatus?
    }

    var spec: Spec?
    var status: Status?
}

/// The `spec` of a networking.k8s.io/v1 NetworkPolicy.
struct NetworkPolicyObject: Decodable {
    struct Selector: Decodable {
        struct Requirement: Decodable {}

        var matchLabels: [String: String]?
        var matchExpressions: [Requirement]?

        /// `{}`: selects every pod of the namespace.
        var selectsEverything: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }
    }

    /// One ingress rule; only whether any exist matters (`[{}]` admits everything).
    struct Rule: Decodable {}

    struct Spec: Decodable {
        var podSelector: Selector?
        var policyTypes: [String]?
        var ingress: [Rule]?
        var egress: [Rule]?
    }

    var spec: Spec?
}
