import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct ImportAzureCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess() }

    static func fixture(_ name: String) -> String {
        CrosslinkProcess.repositoryRoot.appendingPathComponent("Tests/CrosslinkAzureTests/Fixtures/\(name)").path
    }

    static var estateArguments: [String] {
        [
            "import", "azure", "--vnets", fixture("vnets.json"),
            "--peerings", fixture("peerings-hub.json"), "--peerings", fixture("peerings-spoke-a.json"), "--peerings", fixture("peerings-spoke-b.json"),
            "--vpn-gateways", fixture("vpn-gateways.json"), "--vpn-connections", fixture("vpn-connections.json"),
            "--clusters", fixture("aks-list.json"), "--clusters", "-",
        ]
    }

    @Test("import azure registers the estate once; a re-import changes nothing")
    func importTwice() throws {
        let show = try String(contentsOfFile: Self.fixture("aks-show-neu.json"), encoding: .utf8)
        let first = try cli.run(Self.estateArguments, stdin: show)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "imported azure: 12 created, 0 updated, 0 removed, 0 unchanged\n")
        #expect(first.stderr.split(separator: "\n").count == 6 && first.stderr.hasPrefix("note: "), "\(first.stderr)")

        let second = try cli.run(Self.estateArguments, stdin: show)
        #expect(second.stdout == "imported azure: 0 created, 0 updated, 0 removed, 12 unchanged\n", "\(second.stderr)")

        let vnets = try cli.run(["vnet", "list"]).stdout
        for name in ["hub-vnet", "spoke-a", "spoke-b", "vnet-neu"] { #expect(vnets.contains(name)) }
        let cluster = try cli.run(["cluster", "show", "aks-weu-b", "-o", "json"]).stdout
        #expect(cluster.contains("azure-cni-overlay") && cluster.contains("10.244.0.0/16"), "\(cluster)")
        let peering = try cli.run(["peering", "show", "hub-vnet", "spoke-a", "-o", "json"]).stdout
        #expect(peering.contains("hub-vnet") && peering.contains("gatewayTransit"), "\(peering)")
    }

    @Test("a bad file is one line, exit 1, and nothing is stored")
    func allOrNothing() throws {
        let broken = #"[{"name": "aks-x", "location": "westeurope", "agentPoolProfiles": [{"name": "p"}]}]"#
        let result = try cli.run(["import", "azure", "--vnets", Self.fixture("vnets.json"), "--clusters", "-"], stdin: broken)
        #expect(result.status == 1)
        #expect(result.stderr == "error: <stdin>: cluster 'aks-x': missing required field 'networkProfile'\n")
        #expect(try cli.run(["vnet", "list", "-o", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test(
        "usage mistakes exit 2",
        arguments: [
            ["import", "azure"],
            ["import", "azure", "--vnets", "-", "--clusters", "-"],
        ])
    func usage(arguments: [String]) throws {
        #expect(try cli.run(arguments).status == 2)
    }
}
