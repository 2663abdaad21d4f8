import CrosslinkCore
import CrosslinkTopologyFile
import Testing

/// The service field `externalTrafficPolicy` (spec §7.15): optional, default Cluster, exported only
/// when it is not the default so that v1 files export byte for byte as before.
@Suite struct ExternalTrafficPolicyFileTests {
    static func file(_ policy: String?) -> String {
        let field = policy.map { ", externalTrafficPolicy: \($0)" } ?? ""
        return """
            apiVersion: crosslink.io/v1alpha1
            kind: Topology
            vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16]}]
            clusters:
              - {name: a, vnet: v, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni,
                 services: [{namespace: ns, name: svc, ports: [{port: 80}], exposure: internal-lb, loadBalancerIP: 10.1.0.50\(field)}]}

            """
    }

    @Test("absent means Cluster; Cluster and Local are read", arguments: [(nil, ExternalTrafficPolicy.cluster), ("Cluster", .cluster), ("Local", .local)])
    func decoded(text: String?, expected: ExternalTrafficPolicy) throws {
        let topology = try TopologyDecoder.decode(Self.file(text), source: "t.yaml")
        #expect(topology.services.values.first?.externalTrafficPolicy == expected)
    }

    @Test("export writes Local and leaves the default out; both round-trip")
    func exported() throws {
        var local = try TopologyDecoder.decode(Self.file("Local"), source: "t.yaml")
        local.fillDefaultRegions()
        let localText = try TopologyEncoder.encode(local)
        #expect(localText.contains("externalTrafficPolicy: Local"))
        #expect(try TopologyDecoder.decode(localText, source: "export") == local)
        var plain = try TopologyDecoder.decode(Self.file(nil), source: "t.yaml")
        plain.fillDefaultRegions()
        let plainText = try TopologyEncoder.encode(plain)
        #expect(!plainText.contains("externalTrafficPolicy"))
        var cluster = try TopologyDecoder.decode(Self.file("Cluster"), source: "t.yaml")
        cluster.fillDefaultRegions()
        #expect(try TopologyEncoder.encode(cluster) == plainText)
    }

    @Test("any other value is refused with its place and the accepted ones")
    func refused() {
        #expect {
            try TopologyDecoder.decode(Self.file("local"), source: "t.yaml")
        } throws: { error in
            let message = (error as? CrosslinkError)?.message ?? ""
            return message.hasPrefix("t.yaml:6:") && message.contains("externalTrafficPolicy 'local' is not one of: Cluster | Local")
        }
    }
}
