import CrosslinkTestSupport
import Foundation
import Testing
import Yams

/// Issue 11 item 5 / spec §7.16 through the built binary: clusters, namespaces and services whose
/// names join alike with `-` still give one object per name, and `reconcile --out` writes them all.
@Suite struct ManifestNamesCommandTests {
    static let estate = """
        apiVersion: crosslink.io/v1alpha1
        kind: Topology
        vnets: [{name: vnet, region: westeurope, addressSpace: [10.1.0.0/16]}]
        clusters:
          - name: aks
            vnet: vnet
            nodeSubnet: 10.1.0.0/20
            networkPlugin: azure-cni
            mesh: {id: mesh1, network: net, trustRoot: root}
            isolatedNamespaces: [neu-payments]
            services: [{namespace: neu-payments, name: payments-api, ports: [{name: http, port: 80, appProtocol: http}]}]
          - name: aks-neu
            vnet: vnet
            nodeSubnet: 10.1.16.0/20
            networkPlugin: azure-cni
            mesh: {id: mesh1, network: net, trustRoot: root}
            isolatedNamespaces: [payments]
            services: [{namespace: payments, name: payments-api, ports: [{name: http, port: 80, appProtocol: http}]}]
          - name: aks-c
            vnet: vnet
            nodeSubnet: 10.1.32.0/20
            networkPlugin: azure-cni
            mesh: {id: mesh1, network: net, trustRoot: root}
        meshLinks: [{between: [aks-c, aks]}, {between: [aks-c, aks-neu]}]
        ingresses:
          - {cluster: aks, service: neu-payments/payments-api, host: pay.example.com, address: 20.1.2.3}
          - {cluster: aks-neu, service: payments/payments-api, host: pay-example.com, address: 20.1.2.4}
        imports:
          - {consumer: aks-c/web, service: aks/neu-payments/payments-api}
          - {consumer: aks-c/web, service: aks-neu/payments/payments-api}
          - {consumer: aks-c/shop, service: aks/neu-payments/payments-api, via: ingress}
          - {consumer: aks-c/shop, service: aks-neu/payments/payments-api, via: ingress}

        """

    @Test("one object per kind, namespace, cluster and name; reconcile --out writes every one")
    func uniqueNames() throws {
        let cli = try CrosslinkProcess()
        #expect(try cli.run(["apply", "-f", "-"], stdin: Self.estate).status == 0)
        let result = try cli.run(["manifests"])
        #expect(result.status == 0, "\(result.stderr)")
        var identities: [String] = []
        for document in try Yams.load_all(yaml: result.stdout) {
            let object = try #require(document as? [String: Any])
            let metadata = try #require(object["metadata"] as? [String: Any])
            identities.append("\(object["kind"] ?? "")/\(metadata["namespace"] ?? "-")/\(metadata["name"] ?? "")")
        }
        // One stream holds every cluster's objects: what must differ is kind, namespace and name per
        // cluster, and the two services' policies and ingress entries are the pairs that could clash.
        #expect(identities.filter { $0.hasPrefix("ServiceEntry/shop/") }.count == 2)
        #expect(Set(identities.filter { $0.hasPrefix("ServiceEntry/") }).count == 2)
        #expect(identities.contains("Service/neu-payments/payments-api") && identities.contains("Service/payments/payments-api"))

        let out = cli.directory.appendingPathComponent("out")
        let reconcile = try cli.run(["reconcile", "--out", out.path])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == identities.count)
    }
}
