import CrosslinkTestSupport
import Foundation
import Testing

/// Spec §9.1: `plan -f FILE [--prune]` and `apply --dry-run` write nothing and say what would change.
@Suite struct PlanCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    /// The stored estate with the inventory service made cluster-ip, written to a file.
    func editedFile() throws -> String {
        let export = try cli.run(["export"]).stdout
        let edited = export.replacingOccurrences(of: "exposure: internal-lb", with: "exposure: cluster-ip")
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("loadBalancerIP: 10.1.0.100") }.joined(separator: "\n")
        #expect(edited != export)
        let path = cli.directory.appendingPathComponent("edited.yaml").path
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("plan lists the changed fields and the route that would break, exits 3, and writes nothing")
    func breaking() throws {
        let file = try editedFile()
        let before = try cli.run(["export"]).stdout
        let result = try cli.run(["plan", "-f", file])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.unwrapped.contains("0 to create, 1 to update, 0 to remove"))
        #expect(result.stdout.unwrapped.contains("~ service aks-weu/backend/inventory: exposure: internal-lb -> cluster-ip; loadBalancerIP: 10.1.0.100 -> -"))
        #expect(
            result.stdout.unwrapped.contains("! aks-neu/orders -> aks-weu/backend/inventory:80: routable via network at 10.1.0.100:80 -> unroutable (network:"))
        #expect(try cli.run(["export"]).stdout == before)
        // apply --dry-run is the same thing.
        let dry = try cli.run(["apply", "--dry-run", "-f", file])
        #expect(dry.status == 3 && dry.stdout == result.stdout)
        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test("plan -o json gives both lists")
    func json() throws {
        let result = try cli.run(["plan", "-f", try editedFile(), "--prune", "-o", "json"])
        #expect(result.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let objects = try #require(object["objects"] as? [[String: Any]])
        #expect(objects.count == 1 && objects[0]["action"] as? String == "update" && objects[0]["kind"] as? String == "service")
        let fields = try #require(objects[0]["fields"] as? [[String: Any]])
        #expect(fields.first?["field"] as? String == "exposure" && fields.first?["after"] as? String == "cluster-ip")
        let routes = try #require(object["routes"] as? [[String: Any]])
        #expect(routes.count == 1 && routes[0]["breaks"] as? Bool == true && (routes[0]["after"] as? [String: Any])?["routable"] as? Bool == false)
        #expect((routes[0]["fix"] as? String)?.hasPrefix("crosslink service set aks-weu/backend/inventory") == true)
        #expect(object["breaking"] as? Int == 1)
    }

    @Test("a plan that breaks nothing exits 0; the same file as stored changes nothing")
    func harmless() throws {
        let same = cli.directory.appendingPathComponent("same.yaml").path
        try cli.run(["export"]).stdout.write(toFile: same, atomically: true, encoding: .utf8)
        let result = try cli.run(["plan", "-f", same])
        #expect(result.status == 0)
        #expect(
            result.stdout.unwrapped.contains("0 to create, 0 to update, 0 to remove")
                && result.stdout.contains("routes: no import's verdict, path or address would change"))
    }

    @Test("plan on a database that does not exist plans from an empty estate and creates nothing")
    func noDatabase() throws {
        let fresh = try CrosslinkProcess()
        let example = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml").path
        let result = try fresh.run(["plan", "-f", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("plan for \(example): 27 to create"))
        #expect(!FileManager.default.fileExists(atPath: fresh.database))
    }

    @Test("an invalid file is exit 1 with apply's message")
    func invalid() throws {
        let path = cli.directory.appendingPathComponent("bad.yaml").path
        try "apiVersion: crosslink.io/v1alpha1\nkind: Topology\nimports:\n  - {consumer: ghost, service: aks-weu/backend/inventory}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let plan = try cli.run(["plan", "-f", path])
        let apply = try cli.run(["apply", "-f", path])
        #expect(plan.status == 1 && apply.status == 1 && plan.stderr == apply.stderr)
    }

    @Test("apply --prune lists what it removed")
    func pruneLists() throws {
        let export = try cli.run(["export"]).stdout
        var kept: [Substring] = []
        var skipping = false
        for line in export.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("tunnels:") { skipping = true; continue }
            if skipping && (line.hasPrefix("- ") || line.hasPrefix("  ")) { continue }
            skipping = false
            kept.append(line)
        }
        let path = cli.directory.appendingPathComponent("pruned.yaml").path
        try kept.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.run(["apply", "-f", path, "--prune"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 removed, 26 unchanged\nremoved tunnel aks-batch~aks-neu\n"), "\(result.stdout)")
    }
}
