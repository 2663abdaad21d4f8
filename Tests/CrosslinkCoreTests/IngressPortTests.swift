import CrosslinkCore
import CrosslinkTestSupport
import Testing

/// Spec §7.8–§7.10: an ingress serves one backend port; HTTP and gRPC ports; class names.
@Suite struct IngressPortTests {
    typealias F = RouteFixtures

    /// aks-b/backend/api with http 80, grpc 9090 and web 8080, exposed on api.example.com.
    static func exposed(servicePort: IngressBackendPort? = nil, tls: Bool = true) -> TopologyBuilder {
        F.base
            .service(
                "aks-b/backend/api",
                ports: [ServicePort(name: "http", port: 80), ServicePort(name: "grpc", port: 9090), ServicePort(name: "web", port: 8080)]
            )
            .ingress("aks-b/backend/api", host: "api.example.com", tls: tls, servicePort: servicePort)
    }

    @Test("7.8: without servicePort the ingress serves the service's first port only")
    func defaultFirstPort() throws {
        #expect(try F.answer(Self.exposed(), port: 80).via == .ingress)
        let reason = try #require(try F.answer(Self.exposed(), port: 8080).rejection(.ingress))
        #expect(reason.code == .ingressOtherPort)
        #expect(reason.message.contains("none serves port 8080 (web) of api (api.example.com serves port 80 (http))"))
    }

    @Test("7.8: servicePort by number or by name picks the one port served", arguments: [IngressBackendPort.number(8080), .name("web")])
    func namedPort(servicePort: IngressBackendPort) throws {
        let answer = try F.answer(Self.exposed(servicePort: servicePort), port: 8080)
        #expect(answer.via == .ingress && answer.address == "api.example.com" && answer.port == 443)
        #expect(try F.answer(Self.exposed(servicePort: servicePort), port: 80).rejection(.ingress)?.code == .ingressOtherPort)
    }

    @Test("7.8: a service behind two hosts serves each host's port")
    func twoHosts() throws {
        let builder = Self.exposed().ingress("aks-b/backend/api", host: "web.example.com", servicePort: .name("web"))
        #expect(try F.answer(builder, port: 80).address == "api.example.com")
        #expect(try F.answer(builder, port: 8080).address == "web.example.com")
        #expect(try F.answer(builder, port: 9090).rejection(.ingress)?.code == .ingressOtherPort)
    }

    @Test("7.9: a gRPC backend needs TLS on the ingress")
    func grpcNeedsTLS() throws {
        let plain = try #require(try F.answer(Self.exposed(servicePort: .name("grpc"), tls: false), port: 9090).rejection(.ingress))
        #expect(plain.code == .grpcNeedsTLS && plain.message.contains("ingress api.example.com serves plain HTTP"))
        #expect(try F.answer(Self.exposed(servicePort: .name("grpc"), tls: true), port: 9090).via == .ingress)
        // Plain HTTP on a port that is not gRPC is fine.
        #expect(try F.answer(Self.exposed(tls: false), port: 80).via == .ingress)
    }

    @Test(
        "7.9: which ports are gRPC",
        arguments: [
            (ServicePort(name: "grpc", port: 1), true), (ServicePort(name: "grpc-api", port: 1), true),
            (ServicePort(name: "grpc-web", port: 1), false), (ServicePort(name: "x", port: 1, appProtocol: "grpc"), true),
            (ServicePort(name: "grpc", port: 1, appProtocol: "http"), false), (ServicePort(name: "grpcx", port: 1), false),
            (ServicePort(name: "x", port: 1, appProtocol: "grpc-web"), false),
        ])
    func grpcClassification(port: ServicePort, isGRPC: Bool) {
        #expect(port.isGRPC == isGRPC)
    }

    @Test("7.9: the non-HTTP port names, by name or by the part before the first dash")
    func nonHTTPNames() {
        for name in ServicePort.nonHTTPPortNames {
            #expect(!ServicePort(name: name, port: 1).isHTTP)
            #expect(!ServicePort(name: "\(name)-primary", port: 1).isHTTP)
            // An appProtocol overrides the name.
            #expect(ServicePort(name: name, port: 1, appProtocol: "http").isHTTP)
        }
        #expect(ServicePort(name: "mongodbx", port: 1).isHTTP)
    }

    @Test("7.10: an ingress className is a DNS-1123 subdomain")
    func className() throws {
        let dotted = F.base.ingress("aks-b/backend/api", host: "api.example.com", className: "webapprouting.kubernetes.azure.com")
        try dotted.topology.validate()
        for bad in ["Nginx", "nginx.", ".nginx", "a..b", "-nginx", "nginx_1"] {
            let builder = F.base.ingress("aks-b/backend/api", host: "api.example.com", className: bad)
            #expect(throws: CrosslinkError.self) { try builder.topology.validate() }
        }
    }

    @Test("an ingress servicePort its service lacks is refused at registration")
    func unknownServicePort() throws {
        try Self.exposed(servicePort: .name("web")).topology.validate()
        #expect {
            try Self.exposed(servicePort: .name("admin")).topology.validate()
        } throws: { error in
            (error as? CrosslinkError)?.message.contains("servicePort 'admin' is not a port of aks-b/backend/api") == true
        }
        #expect(throws: CrosslinkError.self) { try Self.exposed(servicePort: .number(81)).topology.validate() }
    }
}
