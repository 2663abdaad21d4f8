import CrosslinkCore
import CrosslinkKubernetes
import Testing

/// Input crosslink refuses: one line naming the file, the object and the field.
@Suite struct KubernetesBadInputTests {
    @Test(
        "malformed input is refused with the file, the object's identity and the field",
        arguments: [
            ("", "in.json: empty; expected what 'kubectl get … -o json' prints"),
            ("apiVersion: v1\nkind: List", "in.json: not JSON; expected what 'kubectl get … -o json' prints"),
            (#"{"kind": "List", "items": [}"#, "in.json: not valid JSON"),
            // What `az` prints, given by mistake: an array.
            (
                #"[{"name": "vnet-a", "location": "westeurope"}]"#,
                "in.json: a JSON array, not a Kubernetes object; expected what 'kubectl get … -o json' prints (a List or one object)"
            ),
            (#"{"name": "vnet-a"}"#, "in.json: no 'kind'; not a Kubernetes object (expected what 'kubectl get … -o json' prints)"),
            (
                #"{"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "services is forbidden: User \"dev\" cannot list resource \"services\"", "reason": "Forbidden", "code": 403}"#,
                #"in.json: a Status (an error the API server returned), not objects: services is forbidden: User "dev" cannot list resource "services""#
            ),
            (Kubectl.list(#"{"metadata": {"name": "x"}}"#), "in.json: object 'x': missing required field 'kind'"),
            (
                Kubectl.list(#"{"apiVersion": "v1", "kind": "Service", "metadata": {"namespace": "shop"}, "spec": {"ports": [{"port": 80}]}}"#),
                "in.json: Service #1: missing required field 'metadata.name'"
            ),
            (
                Kubectl.list(#"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api"}, "spec": {"ports": [{"port": 80}]}}"#),
                "in.json: Service 'api': missing required field 'metadata.namespace'"
            ),
            (Kubectl.list(Kubectl.service(ports: #"[{"name": "http"}]"#)), "in.json: Service 'shop/api': missing required field 'spec.ports[0].port'"),
            (Kubectl.list(Kubectl.service(ports: #"[{"port": "eighty"}]"#)), "in.json: Service 'shop/api': field 'spec.ports[0].port' is not a whole number"),
            (
                Kubectl.list(Kubectl.service(), Kubectl.service(ports: #"[{"port": 80, "targetPort": true}]"#)),
                "in.json: Service 'shop/api': field 'spec.ports[0].targetPort' is not a port number or name"
            ),
            (Kubectl.list(Kubectl.service(ports: "null")), "in.json: Service 'shop/api': missing required field 'spec.ports'"),
            (Kubectl.list(Kubectl.service(ports: #"[{"port": 70000}]"#)), "in.json: Service 'shop/api': spec.ports[0].port 70000 is out of range (1 to 65535)"),
            (
                Kubectl.list(Kubectl.service(ports: #"[{"port": 80, "protocol": "HTTP"}]"#)),
                "in.json: Service 'shop/api': spec.ports[0].protocol 'HTTP' is not one of: TCP | UDP | SCTP"
            ),
            (
                Kubectl.list(Kubectl.service(ports: #"[{"name": "Web_Port", "port": 80}]"#)),
                "in.json: Service 'shop/api': spec.ports[0].name 'Web_Port' is not a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit"
            ),
            (
                Kubectl.list(Kubectl.service(type: "Bogus")),
                "in.json: Service 'shop/api': spec.type 'Bogus' is not one of: ClusterIP | NodePort | LoadBalancer | ExternalName"
            ),
            (
                Kubectl.list(Kubectl.service(type: "LoadBalancer", extra: #", "loadBalancerIP": "10.1.0.300""#)),
                "in.json: Service 'shop/api': spec.loadBalancerIP '10.1.0.300' is not an IPv4 address"
            ),
            (
                Kubectl.list(
                    Kubectl.ingress(
                        spec:
                            #"{"rules": [{"host": "a.example.com", "http": {"paths": [{"path": "/", "backend": {"service": {"name": "api", "port": {}}}}]}}]}"#)
                ),
                "in.json: Ingress 'shop/web': missing required field 'spec.rules[0].http.paths[0].backend.service.port.number' (or 'spec.rules[0].http.paths[0].backend.service.port.name')"
            ),
            (Kubectl.list(Kubectl.ingress(spec: #"{"rules": "a.example.com"}"#)), "in.json: Ingress 'shop/web': field 'spec.rules' is not an array"),
            (
                Kubectl.list(Kubectl.policy(spec: #"{"policyTypes": ["Ingress"]}"#)),
                "in.json: NetworkPolicy 'shop/p': missing required field 'spec.podSelector'"
            ),
        ])
    func refused(text: String, message: String) {
        #expect {
            try Kubectl.translate(text)
        } throws: { error in
            (error as? CrosslinkError)?.message == message
        }
    }

    @Test("a malformed object deep in a list is named by its identity, not its position")
    func identityInList() throws {
        let text = Kubectl.list(Kubectl.service("one"), Kubectl.service("two"), Kubectl.service("three", namespace: "ops", ports: #"[{"port": -1}]"#))
        let error = try #require(throws: CrosslinkError.self) { try Kubectl.translate(text) }
        #expect(error.message == "in.json: Service 'ops/three': spec.ports[0].port -1 is out of range (1 to 65535)")
    }

    @Test("a cluster name that is not a crosslink name is refused")
    func clusterName() {
        #expect(throws: CrosslinkError.self) { try KubernetesImport(cluster: "AKS_Weu", documents: []) }
    }
}
