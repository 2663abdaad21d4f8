import CrosslinkCore
import CrosslinkTestSupport
import Testing

@Suite struct NetworkAndIngressRouteTests {
    typealias F = RouteFixtures
    static let ports = [ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http"), ServicePort(name: "postgres", port: 5432)]

    static func exposed(_ exposure: ServiceExposure, _ ip: String) -> TopologyBuilder {
        F.base.service("aks-b/backend/api", ports: ports, exposure: exposure, loadBalancerIP: ip)
    }

    @Test("internal load balancer over the peering")
    func internalLB() throws {
        let answer = try F.answer(Self.exposed(.internalLB, "10.2.0.50"))
        #expect(answer.via == .network && answer.address == "10.2.0.50" && answer.port == 80)
        #expect(answer.hops == ["aks-a", "peering vnet-a~vnet-b", "internal load balancer 10.2.0.50", "aks-b"])
    }

    @Test("internal load balancer without underlay")
    func internalUnreachable() throws {
        let answer = try F.answer(Self.exposed(.internalLB, "10.2.0.50"), from: "aks-far/app")
        let reason = try #require(answer.rejection(.network))
        #expect(answer.via == nil && reason.code == .noUnderlayPath)
        #expect(reason.message.hasPrefix("the internal load balancer 10.2.0.50 needs vnet-far to reach vnet-b"))
    }

    @Test("public load balancer needs internet egress")
    func publicLB() throws {
        #expect(
            try F.answer(Self.exposed(.publicLB, "20.2.0.50"), from: "aks-far/app").hops == ["aks-far", "internet", "public load balancer 20.2.0.50", "aks-b"])
        let closed = Self.exposed(.publicLB, "20.2.0.50").cluster(
            "aks-far", in: "vnet-far", nodeSubnet: "10.9.0.0/20", serviceCIDR: "10.109.0.0/16", egress: .none)
        #expect(try F.answer(closed, from: "aks-far/app").rejection(.network)?.code == .noInternetEgress)
    }

    @Test("a cluster-ip service is not reachable over the network")
    func clusterIP() throws {
        let reason = try #require(try F.answer(F.base).rejection(.network))
        #expect(reason.code == .notLoadBalanced && reason.message.contains("expose it as internal-lb or public-lb"))
    }

    @Test("public ingress: the host and the ingress port")
    func publicIngress() throws {
        let builder = F.base.ingress("aks-b/backend/api", host: "api.example.com", className: "nginx")
        let answer = try F.answer(builder, from: "aks-far/app")
        #expect(answer.via == .ingress && answer.address == "api.example.com" && answer.port == 443 && answer.servicePort == 80)
        #expect(answer.hops == ["aks-far", "internet", "ingress https://api.example.com:443 (nginx)", "aks-b"])
    }

    @Test("internal ingress needs the underlay")
    func internalIngress() throws {
        let builder = F.base.ingress("aks-b/backend/api", host: "api.internal", tls: false, visibility: .internal)
        #expect(try F.answer(builder).port == 80)
        #expect(try F.answer(builder, from: "aks-far/app").rejection(.ingress)?.code == .noUnderlayPath)
    }

    @Test(
        "§7.9: a port is HTTP unless its protocol, appProtocol or (without one) its name says otherwise",
        arguments: [
            (ServicePort(name: "http-api", port: 8080), true), (ServicePort(name: "web", port: 80, appProtocol: "https"), true),
            (ServicePort(name: "httpx", port: 80), true), (ServicePort(port: 80), true),
            (ServicePort(name: "ws", port: 80, appProtocol: "kubernetes.io/wss"), true), (ServicePort(name: "h", port: 80, appProtocol: "h2c"), true),
            (ServicePort(name: "postgres", port: 5432), false), (ServicePort(name: "redis-cache", port: 6379), false),
            (ServicePort(name: "tcp", port: 80), false), (ServicePort(name: "web", port: 80, appProtocol: "mysql"), false),
            (ServicePort(name: "web", port: 80, protocol: .udp), false), (ServicePort(name: "http", port: 80, protocol: .sctp), false),
        ])
    func httpLike(port: ServicePort, routable: Bool) throws {
        let builder = F.base.service("aks-b/backend/api", ports: [port]).ingress("aks-b/backend/api", host: "api.example.com")
        let answer = try F.answer(builder, from: "aks-far/app")
        #expect(answer.isRoutable == routable)
        if !routable { #expect(answer.rejection(.ingress)?.code == .portNotHTTP) }
    }

    @Test("no ingress")
    func noIngress() throws {
        #expect(try F.answer(F.base).rejection(.ingress)?.code == .noIngress)
    }
}
