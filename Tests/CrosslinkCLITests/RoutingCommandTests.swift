import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct RoutingCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("route check: exit 0 routable with the spec's JSON shape")
    func routable() throws {
        let result = try cli.run(["route", "check", "aks-batch/reporting", "aks-neu/orders/orders-api", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["consumer", "service", "port", "routable", "via", "address", "hops", "rejected"])
        #expect(object["consumer"] as? String == "aks-batch/reporting" && object["service"] as? String == "aks-neu/orders/orders-api")
        #expect(object["port"] as? Int == 8080 && object["routable"] as? Bool == true && object["via"] as? String == "tunnel")
        #expect(object["address"] as? String == "orders-api.orders.svc.clusterset.local")
        #expect((object["hops"] as? [String])?.isEmpty == false)
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.allSatisfy { ($0["via"] as? String) != nil && ($0["reason"] as? String) != nil })
    }

    @Test("route check: exit 3 unroutable, with null via and address")
    func unroutable() throws {
        let result = try cli.run(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory", "--via", "network", "-o", "json"])
        #expect(result.status == 3)
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(object["routable"] as? Bool == false && object["via"] is NSNull && object["address"] is NSNull)
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.count == 1 && (rejected[0]["reason"] as? String)?.contains("not transitive") == true)
        let text = try cli.run(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory"])
        #expect(text.status == 3 && text.stdout.contains("unroutable") && text.stdout.contains("PeeringNotTransitive"))
    }

    static let errorCases: [(arguments: [String], status: Int32)] = [
        (["route", "check", "ghost", "aks-neu/orders/orders-api"], 1),
        (["route", "check", "aks-weu", "aks-neu/orders/ghost"], 1),
        (["route", "check", "aks-weu", "aks-neu/orders/orders-api", "--port", "81"], 1),
        (["route", "check", "aks-weu", "not-a-service"], 1),
        (["route", "check", "aks-weu", "aks-neu/orders/orders-api", "--via", "teleport"], 2),
        (["route", "check", "aks-weu"], 2),
    ]

    @Test("route check: exit 1 for unknown names and ports, 2 for usage", arguments: errorCases)
    func errors(arguments: [String], status: Int32) throws {
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        if status == 1 { #expect(result.stderr.hasPrefix("error: ") && result.stderr.filter { $0 == "\n" }.count == 1) }
    }

    @Test("routes: one row per imported port, as an array of answers")
    func routes() throws {
        let result = try cli.run(["routes", "-o", "json"])
        let answers = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(answers.count == 6)
        #expect(answers.filter { $0["routable"] as? Bool == true }.count == 5)
        // The header and a row per answer; the unroutable one's reason and fix go on lines beneath it.
        #expect(try cli.run(["routes"]).stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }.count == 7)
        let failing = try #require(try json(try cli.run(["routes", "--unroutable", "-o", "json"]).stdout) as? [[String: Any]])
        #expect(failing.count == 1 && failing[0]["routable"] as? Bool == false)
        let neu = try #require(try json(try cli.run(["routes", "--cluster", "aks-neu", "-o", "json"]).stdout) as? [[String: Any]])
        #expect(neu.count == 3)
    }

    @Test("reconcile reports changes, then no change; the generation moves only on change")
    func reconcile() throws {
        let first = try cli.run(["reconcile", "-o", "json"])
        let report = try #require(try json(first.stdout) as? [String: Any])
        #expect(report["generation"] as? Int == 1 && report["changed"] as? Bool == true)
        #expect((report["newlyRoutable"] as? [Any])?.count == 5 && (report["newlyUnroutable"] as? [Any])?.count == 1)
        let second = try cli.run(["reconcile"])
        #expect(second.stdout.contains("generation 1") && second.stdout.contains("no change since the last reconcile"))
        #expect(try cli.run(["peering", "remove", "vnet-spoke-b", "vnet-hub"]).status == 0)
        #expect(try cli.run(["tunnel", "remove", "aks-batch", "aks-neu"]).status == 0)
        let third = try cli.run(["reconcile"])
        #expect(third.stdout.contains("generation 2"))
        #expect(third.stdout.contains("- aks-batch/reporting -> aks-neu/orders/orders-api:8080 now unroutable"))
    }

    @Test("manifests: a stream on stdout, files under --out, deterministic, validated upstream")
    func manifests() throws {
        let stream = try cli.run(["manifests"]).stdout
        #expect(stream.hasPrefix("---\n") && stream.contains("kind: ServiceExport") && stream.contains("kind: ServiceEntry"))
        #expect(try cli.run(["manifests"]).stdout == stream)
        #expect(try cli.run(["manifests", "--cluster", "aks-neu"]).stdout.contains("kind: ServiceExport"))
        #expect(!(try cli.run(["manifests", "--cluster", "aks-neu"]).stdout.contains("NetworkPolicy")))
        #expect(try cli.run(["manifests", "--cluster", "ghost"]).status == 1)

        let out = cli.directory.appendingPathComponent("out")
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("aks-neu/orders/serviceexport-orders-api.yaml"))
        #expect(files.contains("aks-weu/backend/networkpolicy-crosslink-inventory.yaml"))

        // A file crosslink did not write is never touched; files it no longer wants are removed.
        let foreign = out.appendingPathComponent("aks-neu/orders/mine.yaml")
        try "kind: Mine\n".write(to: foreign, atomically: true, encoding: .utf8)
        #expect(try cli.run(["tunnel", "remove", "aks-batch", "aks-neu"]).status == 0)
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("aks-neu/orders/serviceexport-orders-api.yaml").path))
        #expect(try String(contentsOf: foreign, encoding: .utf8) == "kind: Mine\n")

        let validator = CrosslinkProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/validate-manifests")
        if FileManager.default.isExecutableFile(atPath: validator.path) {
            try FileManager.default.removeItem(at: foreign)
            let process = Process()
            process.executableURL = validator
            process.arguments = [out.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }
}
