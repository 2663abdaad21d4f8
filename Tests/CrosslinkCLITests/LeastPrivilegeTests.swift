import CrosslinkTestSupport
import Foundation
import Testing
import Yams

/// Emitted manifests open no more than the imports ask for.
@Suite struct LeastPrivilegeTests {
    static let estate = """
        apiVersion: crosslink.io/v1alpha1
        kind: Topology
        vnets:
          - {name: v1, region: westeurope, addressSpace: [10.1.0.0/16]}
          - {name: v2, region: westeurope, addressSpace: [10.2.0.0/16]}
        clusters:
          - {name: a, vnet: v1, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni-overlay, podCIDR: 10.244.0.0/16, serviceCIDR: 10.100.0.0/16}
          - {name: b, vnet: v2, nodeSubnet: 10.2.0.0/20, networkPlugin: azure-cni, serviceCIDR: 10.101.0.0/16, isolatedNamespaces: [db],
             services: [{namespace: db, name: pg, ports: [{name: sql, port: 5432, targetPort: 15432}, {name: admin, port: 8080, targetPort: 18080}]},
                        {namespace: db, name: unused, ports: [{port: 9000}]}]}
        tunnels: [{between: [a, b]}]
        imports:
          - {consumer: a/app, service: b/db/pg, port: 5432}
        """

    func manifests(_ cli: CrosslinkProcess) throws -> [[String: Any]] {
        let stream = try cli.run(["manifests"]).stdout
        return try Yams.load_all(yaml: stream).compactMap { $0 as? [String: Any] }
    }

    @Test("a NetworkPolicy admits only the path's source on the imported target port; nothing unneeded is exported")
    func exactAdmission() throws {
        let cli = try CrosslinkProcess()
        #expect(try cli.run(["apply", "-f", "-"], stdin: Self.estate).status == 0)
        let documents = try manifests(cli)
        let policies = documents.filter { $0["kind"] as? String == "NetworkPolicy" }
        #expect(policies.count == 1)
        let spec = try #require(policies.first?["spec"] as? [String: Any])
        let rules = try #require(spec["ingress"] as? [[String: Any]])
        let ports = rules.flatMap { ($0["ports"] as? [[String: Any]]) ?? [] }
        #expect(ports.compactMap { $0["port"] as? Int } == [15432])
        let peers = rules.flatMap { ($0["from"] as? [[String: Any]]) ?? [] }
        let blocks = peers.compactMap { ($0["ipBlock"] as? [String: Any])?["cidr"] as? String }
        #expect(blocks == ["10.244.0.0/16"], "only consumer a's pod range, through the tunnel")
        let exports = documents.filter { $0["kind"] as? String == "ServiceExport" }
        #expect(exports.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String } == ["pg"])

        // Without the import nothing at all is emitted.
        #expect(try cli.run(["import", "remove", "a/app", "b/db/pg"]).status == 0)
        #expect(try manifests(cli).isEmpty)
    }

    @Test("an unroutable import emits nothing")
    func unroutableEmitsNothing() throws {
        let cli = try CrosslinkProcess()
        let broken = Self.estate.replacingOccurrences(of: "tunnels: [{between: [a, b]}]", with: "tunnels: [{between: [a, b], state: error}]")
        #expect(try cli.run(["apply", "-f", "-"], stdin: broken).status == 0)
        #expect(try manifests(cli).isEmpty)
    }
}
