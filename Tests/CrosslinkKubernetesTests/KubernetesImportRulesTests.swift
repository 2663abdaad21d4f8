import CrosslinkCore
import CrosslinkKubernetes
import Testing

/// Inline kubectl objects for the rule tables.
enum Kubectl {
    static func list(_ items: String...) -> String {
        #"{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": [\#(items.joined(separator: ", "))]}"#
    }

    static func service(
        _ name: String = "api", namespace: String = "shop", type: String = "ClusterIP", annotations: String = "{}",
        ports: String = #"[{"name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080}]"#, extra: String = "", status: String = #"{"loadBalancer": {}}"#
    ) -> String {
        #"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "\#(name)", "namespace": "\#(namespace)", "annotations": \#(annotations)}, "spec": {"type": "\#(type)", "ports": \#(ports)\#(extra)}, "status": \#(status)}"#
    }

    static func ingress(_ name: String = "web", namespace: String = "shop", spec: String, annotations: String = "{}", status: String = #"{"loadBalancer": {}}"#)
        -> String
    {
        #"{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "\#(name)", "namespace": "\#(namespace)", "annotations": \#(annotations)}, "spec": \#(spec), "status": \#(status)}"#
    }

    static func rule(_ host: String, _ service: String = "api", port: String = #"{"number": 80}"#) -> String {
        #"{"host": "\#(host)", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "\#(service)", "port": \#(port)}}}]}}"#
    }

    static func policy(_ name: String = "p", namespace: String = "shop", spec: String) -> String {
        #"{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "\#(name)", "namespace": "\#(namespace)"}, "spec": \#(spec)}"#
    }

    static func translate(_ text: String, includeSystem: Bool = false) throws -> KubernetesImport {
        try KubernetesImport(cluster: "aks-a", documents: [KubernetesDocument(source: "in.json", text: text)], includeSystemNamespaces: includeSystem)
    }
}

@Suite struct KubernetesImportRulesTests {
    static let internalAnnotation = #"{"service.beta.kubernetes.io/azure-load-balancer-internal": "true"}"#

    @Test(
        "service types and load balancers map to exposures",
        arguments: [
            // type, annotations, status, extra spec, expected exposure, expected address
            ("ClusterIP", "{}", #"{"loadBalancer": {}}"#, "", ServiceExposure.clusterIP, nil),
            ("LoadBalancer", "{}", #"{"loadBalancer": {"ingress": [{"ip": "20.1.2.3"}]}}"#, "", .publicLB, "20.1.2.3"),
            ("LoadBalancer", internalAnnotation, #"{"loadBalancer": {"ingress": [{"ip": "10.1.0.9"}]}}"#, "", .internalLB, "10.1.0.9"),
            (
                "LoadBalancer", #"{"service.beta.kubernetes.io/azure-load-balancer-internal": "false"}"#,
                #"{"loadBalancer": {"ingress": [{"ip": "20.1.2.3"}]}}"#, "", .publicLB, "20.1.2.3"
            ),
            // Status wins over what the spec asked for; dual-stack status lists IPv6 too.
            (
                "LoadBalancer", "{}", #"{"loadBalancer": {"ingress": [{"ip": "2603:1020::1"}, {"ip": "20.1.2.4"}]}}"#, #", "loadBalancerIP": "20.9.9.9""#,
                .publicLB, "20.1.2.4"
            ),
            ("LoadBalancer", internalAnnotation, #"{"loadBalancer": {}}"#, #", "loadBalancerIP": "10.1.0.7""#, .internalLB, "10.1.0.7"),
            (
                "LoadBalancer",
                #"{"service.beta.kubernetes.io/azure-load-balancer-internal": "true", "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.1.0.8"}"#,
                #"{"loadBalancer": {}}"#, "", .internalLB, "10.1.0.8"
            ),
            // Pending: no address anywhere, or only a host name.
            ("LoadBalancer", internalAnnotation, #"{"loadBalancer": {}}"#, "", .clusterIP, nil),
            ("LoadBalancer", "{}", #"{"loadBalancer": {"ingress": [{"hostname": "lb.example.com"}]}}"#, "", .clusterIP, nil),
            ("NodePort", "{}", #"{"loadBalancer": {}}"#, "", .clusterIP, nil),
        ] as [(String, String, String, String, ServiceExposure, String?)])
    func exposure(type: String, annotations: String, status: String, extra: String, expected: ServiceExposure, address: String?) throws {
        let imported = try Kubectl.translate(Kubectl.list(Kubectl.service(type: type, annotations: annotations, extra: extra, status: status)))
        let service = try #require(imported.services.first?.service)
        #expect(service.exposure == expected)
        #expect(service.loadBalancerIP == address.flatMap(IPv4Address.init))
        if type == "LoadBalancer" && address == nil {
            #expect(
                imported.notes == [
                    "in.json: Service 'shop/api': load balancer pending (no IPv4 address in status.loadBalancer.ingress or spec.loadBalancerIP), imported as cluster-ip; import again once it has one"
                ])
        }
    }

    @Test(
        "ports keep name, number, target, protocol and appProtocol; a named target becomes the port",
        arguments: [
            (
                #"{"name": "http", "port": 80, "targetPort": 8080, "protocol": "TCP", "appProtocol": "http"}"#,
                ServicePort(name: "http", port: 80, targetPort: 8080, appProtocol: "http"), false
            ),
            (#"{"port": 53, "protocol": "UDP", "targetPort": 5353}"#, ServicePort(port: 53, targetPort: 5353, protocol: .udp), false),
            (#"{"name": "sig", "port": 3868, "protocol": "SCTP"}"#, ServicePort(name: "sig", port: 3868, protocol: .sctp), false),
            (#"{"name": "web", "port": 80, "targetPort": "http-web"}"#, ServicePort(name: "web", port: 80), true),
        ] as [(String, ServicePort, Bool)])
    func ports(json: String, expected: ServicePort, noted: Bool) throws {
        let imported = try Kubectl.translate(Kubectl.service(ports: "[\(json)]"))
        #expect(imported.services.first?.service.ports == [expected])
        #expect(imported.notes.contains { $0.contains("is a container port name") } == noted)
    }

    @Test("externalTrafficPolicy is kept for load-balanced services", arguments: ["Cluster", "Local"])
    func externalTrafficPolicy(policy: String) throws {
        let imported = try Kubectl.translate(
            Kubectl.service(
                type: "LoadBalancer", extra: #", "externalTrafficPolicy": "\#(policy)""#, status: #"{"loadBalancer": {"ingress": [{"ip": "20.1.2.3"}]}}"#))
        #expect(imported.services.first?.service.externalTrafficPolicy.rawValue == policy)
    }

    @Test(
        "headless, ExternalName and port-less services are imported or skipped, always with a note",
        arguments: [
            (Kubectl.service(extra: #", "clusterIP": "None""#), true, "headless (clusterIP None), imported as cluster-ip"),
            (Kubectl.service(ports: "[]", extra: #", "clusterIP": "None""#), false, "skipped, a headless service without ports"),
            (
                #"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "shop"}, "spec": {"type": "ExternalName", "externalName": "db.example.com"}}"#,
                false, "skipped, an ExternalName service is a DNS alias for db.example.com"
            ),
        ])
    func specialServices(json: String, imported: Bool, note: String) throws {
        let result = try Kubectl.translate(json)
        #expect(result.services.isEmpty != imported)
        #expect(result.notes.count == 1 && result.notes[0].contains(note), "\(result.notes)")
    }

    @Test(
        "ingress: tls when the host has a certificate, class from spec or annotation, internal on a private address",
        arguments: [
            // spec, annotations, status, expected tls, class, visibility
            (
                #"{"rules": [\#(Kubectl.rule("a.example.com"))], "tls": [{"hosts": ["a.example.com"]}], "ingressClassName": "nginx"}"#, "{}", "20.1.1.1", true,
                "nginx", IngressVisibility.public
            ),
            (
                #"{"rules": [\#(Kubectl.rule("a.example.com"))], "tls": [{"hosts": ["b.example.com"]}]}"#, #"{"kubernetes.io/ingress.class": "traefik"}"#,
                "10.1.0.9", false, "traefik", .internal
            ),
            (#"{"rules": [\#(Kubectl.rule("a.example.com"))], "tls": [{"hosts": ["*.example.com"]}]}"#, "{}", "172.16.0.4", true, nil, .internal),
            (#"{"rules": [\#(Kubectl.rule("a.b.example.com"))], "tls": [{"hosts": ["*.example.com"]}]}"#, "{}", "20.1.1.1", false, nil, .public),
            (#"{"rules": [\#(Kubectl.rule("a.example.com"))], "tls": [{"secretName": "default-cert"}]}"#, "{}", "20.1.1.1", true, nil, .public),
            // spec.ingressClassName wins over the annotation.
            (
                #"{"rules": [\#(Kubectl.rule("a.example.com"))], "ingressClassName": "nginx"}"#, #"{"kubernetes.io/ingress.class": "traefik"}"#, "20.1.1.1",
                false, "nginx", .public
            ),
        ] as [(String, String, String, Bool, String?, IngressVisibility)])
    func ingress(spec: String, annotations: String, address: String, tls: Bool, className: String?, visibility: IngressVisibility) throws {
        let status = #"{"loadBalancer": {"ingress": [{"ip": "\#(address)"}]}}"#
        let imported = try Kubectl.translate(Kubectl.list(Kubectl.service(), Kubectl.ingress(spec: spec, annotations: annotations, status: status)))
        let ingress = try #require(imported.ingresses.first?.ingress)
        #expect(ingress.tls == tls && ingress.port == (tls ? 443 : 80))
        #expect(ingress.className == className)
        #expect(ingress.visibility == visibility && ingress.address == IPv4Address(address))
    }

    @Test("the backend port is kept as the number or the name the rule gives", arguments: [(#"{"number": 80}"#, "80"), (#"{"name": "http"}"#, "http")])
    func backendPort(port: String, expected: String) throws {
        let imported = try Kubectl.translate(Kubectl.ingress(spec: #"{"rules": [\#(Kubectl.rule("a.example.com", port: port))]}"#))
        #expect(imported.ingresses.map { $0.ingress.servicePort } == [try IngressBackendPort.parse(expected, field: "test")])
    }

    @Test("one ingress per rule host and backend service; two rules that would be the same ingress keep the first")
    func ingressPerBackend() throws {
        let spec = #"{"rules": [\#(Kubectl.rule("a.example.com", "api")), \#(Kubectl.rule("b.example.com", "other"))]}"#
        let imported = try Kubectl.translate(Kubectl.ingress(spec: spec))
        #expect(imported.ingresses.map { "\($0.ingress.service.name)@\($0.ingress.host)" } == ["api@a.example.com", "other@b.example.com"])

        let twice = #"{"rules": [\#(Kubectl.rule("a.example.com", "api")), \#(Kubectl.rule("a.example.com", "api", port: #"{"number": 9090}"#))]}"#
        let kept = try Kubectl.translate(Kubectl.ingress(spec: twice))
        #expect(kept.ingresses.map { $0.ingress.servicePort } == [.number(80)])
        #expect(
            kept.notes.count == 2 && kept.notes[0].contains("spec.rules[1].http.paths[0].backend (host a.example.com, service api port 9090) skipped"),
            "\(kept.notes)")
    }

    @Test(
        "a namespace is isolated by a policy that selects every pod for Ingress and admits nothing",
        arguments: [
            (#"{"podSelector": {}, "policyTypes": ["Ingress"]}"#, true, nil),
            (#"{"podSelector": {}, "policyTypes": ["Ingress"], "ingress": []}"#, true, nil),
            (#"{"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}"#, true, nil),
            (#"{"podSelector": {"matchLabels": {}, "matchExpressions": []}}"#, true, nil),
            (#"{"podSelector": {}, "policyTypes": ["Egress"]}"#, false, "restricts egress only"),
            (#"{"podSelector": {"matchLabels": {"app": "db"}}, "policyTypes": ["Ingress"]}"#, false, "selects some pods only"),
            (#"{"podSelector": {"matchExpressions": [{"key": "app", "operator": "Exists"}]}, "policyTypes": ["Ingress"]}"#, false, "selects some pods only"),
            (#"{"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{}]}"#, false, "admits some ingress traffic"),
        ] as [(String, Bool, String?)])
    func isolation(spec: String, isolated: Bool, note: String?) throws {
        let imported = try Kubectl.translate(Kubectl.policy(spec: spec))
        #expect(imported.isolatedNamespaces == (isolated ? ["shop"] : []))
        #expect(imported.notes.first?.contains(note ?? "") ?? (note == nil), "\(imported.notes)")
        #expect(imported.notes.count == (note == nil ? 0 : 1))
    }

    @Test("system namespaces are skipped unless asked for", arguments: KubernetesImport.systemNamespaces.sorted())
    func systemNamespace(namespace: String) throws {
        let text = Kubectl.list(Kubectl.service(namespace: namespace), Kubectl.policy(namespace: namespace, spec: #"{"podSelector": {}}"#))
        let skipped = try Kubectl.translate(text)
        #expect(skipped.services.isEmpty && skipped.isolatedNamespaces.isEmpty)
        #expect(skipped.notes == ["skipped 2 objects in system namespaces (\(namespace): 2); --include-system imports them"])
        let included = try Kubectl.translate(text, includeSystem: true)
        #expect(included.services.count == 1 && included.isolatedNamespaces == [namespace])
    }

    @Test("other kinds and other API versions are skipped with a note")
    func otherKinds() throws {
        let pod = #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"}}"#
        let deployment = #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "shop"}}"#
        let oldIngress =
            #"{"apiVersion": "extensions/v1beta1", "kind": "Ingress", "metadata": {"name": "old", "namespace": "shop"}, "spec": {"backend": {"serviceName": "api", "servicePort": 80}}}"#
        let imported = try Kubectl.translate(Kubectl.list(pod, deployment, pod, oldIngress))
        #expect(
            imported.notes == [
                "in.json: Ingress 'shop/old': skipped, apiVersion 'extensions/v1beta1' is not the one crosslink reads (networking.k8s.io/v1)",
                "in.json: skipped 3 objects of kinds crosslink does not read (Deployment: 1, Pod: 2); it reads Namespace, Service, Ingress and NetworkPolicy",
            ])
    }

    @Test("a typed list (ServiceList, as the API server returns it) and a single object are read too")
    func listShapes() throws {
        let typed = #"{"apiVersion": "v1", "kind": "ServiceList", "items": [\#(Kubectl.service())]}"#
        #expect(try Kubectl.translate(typed).services.count == 1)
        #expect(try Kubectl.translate(Kubectl.service()).services.count == 1)
    }
}

extension KubernetesImportRulesTests {
    @Test("the items of a typed list may leave out their kind, as the API server prints them")
    func typedListItems() throws {
        let item = #"{"metadata": {"name": "api", "namespace": "shop"}, "spec": {"ports": [{"port": 80}]}}"#
        let imported = try Kubectl.translate(#"{"apiVersion": "v1", "kind": "ServiceList", "items": [\#(item)]}"#)
        #expect(imported.services.map(\.service.id.description) == ["aks-a/shop/api"])
    }
}

extension KubernetesImportRulesTests {
    @Test("an ingress class that is not a DNS-1123 subdomain is dropped with a note; a dotted one is kept")
    func ingressClassNames() throws {
        let spec = #"{"rules": [\#(Kubectl.rule("a.example.com"))]}"#
        let agic = try Kubectl.translate(Kubectl.ingress(spec: spec, annotations: #"{"kubernetes.io/ingress.class": "azure/application-gateway"}"#))
        #expect(agic.ingresses.first?.ingress.className == nil)
        #expect(
            agic.notes.first
                == "in.json: Ingress 'shop/web': ingress class 'azure/application-gateway' is not a DNS-1123 subdomain (an IngressClass name); imported without a class"
        )
        let routing = try Kubectl.translate(
            Kubectl.ingress(spec: #"{"ingressClassName": "webapprouting.kubernetes.azure.com", "rules": [\#(Kubectl.rule("a.example.com"))]}"#))
        #expect(routing.ingresses.first?.ingress.className == "webapprouting.kubernetes.azure.com")
    }
}
