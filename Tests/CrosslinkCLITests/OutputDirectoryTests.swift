import CrosslinkTestSupport
import Foundation
import Testing

/// `manifests --out` and `reconcile --out` against what an attacker, a second writer or a
/// preview-minded user does to the output directory, through the built binary.
@Suite struct OutputDirectoryTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    /// Every entry under `directory`, hidden files included (path → content, or "directory").
    static func tree(_ directory: URL) throws -> [String: String] {
        var entries: [String: String] = [:]
        guard FileManager.default.fileExists(atPath: directory.path) else { return [:] }
        for path in try FileManager.default.subpathsOfDirectory(atPath: directory.path) {
            let url = directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            entries[path] = isDirectory.boolValue ? "directory" : try String(contentsOf: url, encoding: .utf8)
        }
        return entries
    }

    /// The stored generation and routes, read with Python's sqlite3 rather than crosslink.
    func storedRoutes() throws -> String {
        try IndependentSQLite.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT generation FROM reconcile_state').fetchone(), c.execute('SELECT * FROM route ORDER BY 1, 2, 3, 4, 5').fetchall())",
            [cli.database]
        ).output
    }

    func expectRefusedOneLine(_ result: CrosslinkProcess.Result, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, sourceLocation: sourceLocation)
    }

    @Test("16 parallel `manifests --out DIR --cluster X` lose no index entry", arguments: 1...4)
    func parallelClusterWriters(trial: Int) throws {
        let out = cli.directory.appendingPathComponent("out-\(trial)")
        let clusters = ["aks-batch", "aks-edge", "aks-neu", "aks-weu"]
        var processes: [(Process, Pipe)] = []
        for number in 0..<16 {
            let process = Process()
            process.executableURL = CrosslinkProcess.binary
            process.arguments = ["manifests", "--out", out.path, "--cluster", clusters[number % clusters.count], "--db", cli.database]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            processes.append((process, errors))
        }
        // All started before any is awaited, so they really overlap.
        for (process, _) in processes { try process.run() }
        for (process, errors) in processes {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(message)")
        }
        // What one writer alone produces.
        let reference = cli.directory.appendingPathComponent("reference-\(trial)")
        #expect(try cli.run(["manifests", "--out", reference.path]).status == 0)
        let expected = try CrashSafetyTests.manifestFiles(reference)
        #expect(expected.count > 3)

        let index = try String(contentsOf: out.appendingPathComponent(".crosslink-manifests"), encoding: .utf8)
        #expect(try CrashSafetyTests.manifestFiles(out) == expected)
        for path in expected.keys { #expect(index.contains("  \(path)\n"), "index lost \(path)") }
        // A full write afterwards finds every file its own and in place.
        let full = try cli.run(["manifests", "--out", out.path])
        #expect(full.status == 0 && full.stdout.hasPrefix("manifests: 0 written, \(expected.count) unchanged, 0 removed"), "\(full.stdout)\(full.stderr)")
    }

    @Test("an index entry pointing outside the directory refuses the write; the file outside survives", arguments: ["manifests", "reconcile"])
    func untrustedIndexEntry(command: String) throws {
        let out = cli.directory.appendingPathComponent("out")
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        let victim = cli.directory.appendingPathComponent("victim.txt")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)
        // The FNV-1a hash of "precious\n", so the entry looks like crosslink's own file.
        let index = out.appendingPathComponent(".crosslink-manifests")
        try (try String(contentsOf: index, encoding: .utf8) + "\(Self.fnv1a("precious\n"))  ../victim.txt\n").write(
            to: index, atomically: true, encoding: .utf8)
        let before = (try Self.tree(out), try storedRoutes())

        let result = try cli.run([command, "--out", out.path])
        expectRefusedOneLine(result, "not a plain relative path inside the directory")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try Self.tree(out) == before.0)
        #expect(try storedRoutes() == before.1)
    }

    @Test("a cluster directory replaced by a symlink: pruning refuses instead of deleting in the target", arguments: ["manifests", "reconcile"])
    func pruningThroughSymlink(command: String) throws {
        let out = cli.directory.appendingPathComponent("out")
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        let elsewhere = cli.directory.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: out.appendingPathComponent("aks-neu"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("aks-neu"), withDestinationURL: elsewhere)
        let target = elsewhere.appendingPathComponent("orders/serviceexport-orders-api.yaml")
        #expect(FileManager.default.fileExists(atPath: target.path))
        // Its only file is no longer wanted.
        #expect(try cli.run(["import", "remove", "aks-batch/reporting", "aks-neu/orders/orders-api"]).status == 0)

        for arguments in [[command, "--out", out.path], ["manifests", "--out", out.path, "--cluster", "aks-neu"]] {
            let result = try cli.run(arguments)
            expectRefusedOneLine(result, "is a symlink")
            #expect(FileManager.default.fileExists(atPath: target.path), "\(arguments) deleted a file through the symlink")
        }
    }

    @Test("manifests --out DIR --dry-run lists what would be created, changed and removed, and writes nothing")
    func manifestsDryRun() throws {
        let out = cli.directory.appendingPathComponent("out")
        // A directory that does not exist is not created.
        let fresh = try cli.run(["manifests", "--out", out.path, "--dry-run"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.hasPrefix("ACTION  PATH\ncreate  "), "\(fresh.stdout)")
        #expect(fresh.stdout.contains(" to create, 0 to change, 0 unchanged, 0 to remove, 0 to abandon; nothing written"), "\(fresh.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        #expect(try cli.run(["manifests", "--out", out.path]).status == 0)
        #expect(try cli.run(["import", "remove", "aks-batch/reporting", "aks-neu/orders/orders-api"]).status == 0)
        #expect(try cli.run(["import", "remove", "aks-weu/web", "aks-weu/backend/inventory"]).status == 0)
        let before = try Self.tree(out)

        let table = try cli.run(["manifests", "--out", out.path, "--dry-run"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("change  aks-weu/backend/networkpolicy-crosslink-inventory.yaml\n"), "\(table.stdout)")
        #expect(table.stdout.contains("remove  aks-neu/orders/serviceexport-orders-api.yaml\n"), "\(table.stdout)")
        let json = try cli.run(["manifests", "--out", out.path, "--dry-run", "-o", "json"])
        #expect(json.status == 0)
        let planned = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(planned?["dryRun"] as? Bool == true)
        #expect((planned?["removed"] as? [String])?.contains("aks-neu/orders/serviceexport-orders-api.yaml") == true, "\(json.stdout)")
        #expect(planned?["changed"] as? [String] == ["aks-weu/backend/networkpolicy-crosslink-inventory.yaml"], "\(json.stdout)")
        #expect(try Self.tree(out) == before)

        // The write then does exactly what the dry run said.
        let written = try cli.run(["manifests", "--out", out.path, "-o", "json"])
        #expect(written.stdout == json.stdout.replacingOccurrences(of: "\"dryRun\": true", with: "\"dryRun\": false"))
        #expect(try Self.tree(out) != before)

        let usage = try cli.run(["manifests", "--dry-run"])
        #expect(usage.status == 2 && usage.stderr.contains("--dry-run needs --out"), "\(usage.stderr)")
    }

    @Test("reconcile --out DIR --dry-run reports the changes and the files, stores and writes nothing")
    func reconcileDryRun() throws {
        let out = cli.directory.appendingPathComponent("out")
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        #expect(try cli.run(["import", "remove", "aks-batch/reporting", "aks-neu/orders/orders-api"]).status == 0)
        let before = (try Self.tree(out), try storedRoutes())
        let dry = try cli.run(["reconcile", "--out", out.path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("x aks-batch/reporting -> aks-neu/orders/orders-api:8080 no longer imported"), "\(dry.stdout)")
        #expect(dry.stdout.contains("remove  aks-neu/orders/serviceexport-orders-api.yaml"), "\(dry.stdout)")
        #expect(dry.stdout.hasSuffix("dry run: nothing stored\n"))
        #expect(try Self.tree(out) == before.0)
        #expect(try storedRoutes() == before.1)
        // Like a read, a dry run never creates a database.
        let missing = cli.directory.appendingPathComponent("missing.db").path
        let refused = try CrosslinkProcess.run(["reconcile", "--dry-run", "--db", missing])
        #expect(refused.status == 1 && !FileManager.default.fileExists(atPath: missing), "\(refused.stderr)")
        // The real one reports the same change.
        let real = try cli.run(["reconcile", "--out", out.path])
        #expect(real.stdout.contains("x aks-batch/reporting -> aks-neu/orders/orders-api:8080 no longer imported"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("aks-neu/orders/serviceexport-orders-api.yaml").path))
    }

    /// FNV-1a (64-bit) as 16 hex digits: the index's content hash.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
