import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct ApplyCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess() }

    static func example(_ name: String) throws -> String {
        try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/\(name).yaml"), encoding: .utf8)
    }

    @Test("apply is idempotent and export | apply reproduces the estate exactly", arguments: ["cluster-gen", "multi-cluster"])
    func roundTrip(name: String) throws {
        let path = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/\(name).yaml").path
        let first = try cli.run(["apply", "-f", path])
        #expect(first.status == 0 && first.stdout.contains("0 updated, 0 removed, 0 unchanged"), "\(first.stderr)")
        let second = try cli.run(["apply", "-f", path])
        #expect(second.stdout.contains(" 0 created, 0 updated, 0 removed"))
        let exported = try cli.run(["export"]).stdout

        let copy = try CrosslinkProcess()
        #expect(try copy.run(["apply", "-f", "-"], stdin: exported).status == 0)
        #expect(try copy.run(["export"]).stdout == exported)
    }

    @Test("--prune removes what the file no longer names")
    func prune() throws {
        let text = try Self.example("multi-cluster")
        #expect(try cli.run(["apply", "-f", "-"], stdin: text).status == 0)
        let smaller = text.replacingOccurrences(of: "  - {name: vnet-edge, region: westeurope, addressSpace: [10.30.0.0/16]}\n", with: "")
        let withoutEdge = try cutting(cluster: "aks-edge", from: smaller)
        // Without --prune the stored objects stay.
        #expect(try cli.run(["apply", "-f", "-"], stdin: withoutEdge).status == 0)
        #expect(try cli.run(["cluster", "show", "aks-edge"]).status == 0)
        let pruned = try cli.run(["apply", "--prune", "-f", "-"], stdin: withoutEdge)
        #expect(pruned.status == 0 && pruned.stdout.contains(" removed"), "\(pruned.stderr)")
        #expect(try cli.run(["cluster", "show", "aks-edge"]).status == 1)
        #expect(try cli.run(["vnet", "show", "vnet-edge"]).status == 1)
    }

    /// Drops one cluster block and the imports that consume from it.
    private func cutting(cluster: String, from text: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        if let start = lines.firstIndex(of: "  - name: \(cluster)") {
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix("    ") { end += 1 }
            lines.removeSubrange(start..<end)
        }
        lines.removeAll { $0.contains("consumer: \(cluster)/") }
        return lines.joined(separator: "\n")
    }

    @Test(
        "a bad file changes nothing: all or nothing",
        arguments: [
            ("vnets: [{name: v, region: x, addressSpace: [10.1.0.0/16]}\n", "malformed YAML"),
            ("vnets: [{name: v, region: x, adressSpace: [10.1.0.0/16]}]\n", "unknown field 'adressSpace'"),
            (
                "vnets: [{name: vnet-new, region: westeurope, addressSpace: [10.99.0.0/16]}]\nclusters: [{name: c, vnet: vnet-new, nodeSubnet: 10.98.0.0/20, networkPlugin: azure-cni}]\n",
                "outside vnet vnet-new"
            ),
            ("imports: [{consumer: aks-weu, service: aks-neu/payments/missing}]\n", "does not exist"),
            (
                "peerings: [{between: [vnet-hub, vnet-x]}]\nvnets: [{name: vnet-x, region: northeurope, addressSpace: [10.0.128.0/17]}]\n",
                "address spaces overlap on 10.0.128.0/17"
            ),
        ])
    func allOrNothing(body: String, expected: String) throws {
        #expect(try cli.run(["apply", "-f", "-"], stdin: try Self.example("multi-cluster")).status == 0)
        let before = try cli.run(["export"]).stdout
        let result = try cli.run(["apply", "-f", "-"], stdin: "apiVersion: crosslink.io/v1alpha1\nkind: Topology\n" + body)
        #expect(result.status == 1 && result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test("a database that is not SQLite is refused with one line and left untouched")
    func notADatabase() throws {
        let path = cli.directory.appendingPathComponent("junk.db")
        try Data(repeating: 0x41, count: 4096).write(to: path)
        let result = try CrosslinkProcess.run(["vnet", "list", "--db", path.path])
        #expect(result.status == 1 && result.stderr.contains("not a crosslink database"))
        #expect(try Data(contentsOf: path) == Data(repeating: 0x41, count: 4096))
    }

    @Test("8 concurrent cluster adds on one database all succeed and all 8 are stored")
    func concurrentAdds() throws {
        #expect(try cli.run(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.0.0.0/8"]).status == 0)
        let results = try (0..<8).map { index -> Process in
            let process = Process()
            process.executableURL = CrosslinkProcess.binary
            process.arguments = [
                "cluster", "add", "aks-\(index)", "--vnet", "vnet-a", "--node-subnet", "10.\(index).0.0/16",
                "--network-plugin", "azure-cni", "--service-cidr", "172.16.0.0/16", "--db", cli.database,
            ]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }.map { process in
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(results == Array(repeating: 0, count: 8))
        let listed = try cli.run(["cluster", "list", "-o", "json"]).stdout
        let clusters = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(clusters.count == 8)
    }
}
