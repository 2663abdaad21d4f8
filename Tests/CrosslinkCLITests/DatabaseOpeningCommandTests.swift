import CrosslinkTestSupport
import Foundation
import Testing

/// `--db` through the built binary: a path only, reads that never create or write, a fresh file
/// opened by many processes at once, private permissions, unknown names (spec §9.4, §9.5; issue #11).
@Suite struct DatabaseOpeningCommandTests {
    static let example = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml").path

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary in `directory`, with `CROSSLINK_DB` set when given, optionally as user nobody.
    static func run(
        _ arguments: [String], in directory: URL, database: String? = nil, asNobody: Bool = false
    ) throws -> Run {
        let process = Process()
        if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CrosslinkProcess.binary.path] + arguments
        } else {
            process.executableURL = CrosslinkProcess.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CROSSLINK_DB"] = database
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func isOneErrorLine(_ stderr: String) -> Bool {
        stderr.hasPrefix("error: ") && stderr.filter { $0 == "\n" }.count == 1
    }

    @Test("--db '' is a usage error (exit 2) and stores nothing anywhere")
    func emptyPath() throws {
        let directory = try TemporaryDirectory.make()
        let result = try Self.run(["apply", "-f", Self.example, "--db", ""], in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test("--db :memory: and CROSSLINK_DB=:memory: are refused in one line, never acknowledged")
    func memory() throws {
        let directory = try TemporaryDirectory.make()
        let flag = try Self.run(["apply", "-f", Self.example, "--db", ":memory:"], in: directory)
        let environment = try Self.run(["apply", "-f", Self.example], in: directory, database: ":memory:")
        for result in [flag, environment] {
            #expect(result.status == 1 && Self.isOneErrorLine(result.stderr), "\(result.status) \(result.stderr)")
            #expect(!result.stdout.contains("created"))
        }
    }

    @Test("--db 'file:x.db?mode=memory' is a file of that name: what apply acknowledged is there for the next command")
    func uriIsAFileName() throws {
        let directory = try TemporaryDirectory.make()
        let name = "file:x.db?mode=memory"
        let apply = try Self.run(["apply", "-f", Self.example, "--db", name], in: directory)
        #expect(apply.status == 0, "\(apply.stderr)")
        let list = try Self.run(["vnet", "list", "--db", name, "-o", "json"], in: directory)
        #expect(list.status == 0 && list.stdout.contains("vnet-hub"), "\(list.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
    }

    @Test("--db 'file:/abs/x.db?mode=rwc' does not create /abs/x.db")
    func uriDoesNotCreateFile() throws {
        let directory = try TemporaryDirectory.make()
        let target = directory.appendingPathComponent("x.db").path
        let result = try Self.run(
            ["vnet", "add", "v1", "--region", "westeurope", "--address-space", "10.5.0.0/16", "--db", "file:\(target)?mode=rwc"], in: directory)
        #expect(result.status == 1 && Self.isOneErrorLine(result.stderr), "\(result.status) \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    /// An empty `kubectl get -o json` list, for `import kubernetes --dry-run`, which writes nothing.
    static let emptyKubernetesList: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-test-\(UUID().uuidString)-empty-list.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(#"{"apiVersion": "v1", "kind": "List", "items": []}"#.utf8))
        return path
    }()

    static let readCommands: [[String]] = [
        ["vnet", "list"], ["cluster", "show", "aks-neu"], ["ingress", "show", "aks-weu/web/storefront"], ["export"], ["graph"], ["routes"],
        ["route", "check", "aks-weu/checkout", "aks-neu/payments/payments-api"], ["manifests"],
        ["import", "kubernetes", "--cluster", "aks-neu", "-f", emptyKubernetesList, "--dry-run"],
    ]

    @Test("read commands never create a database: a missing --db file is one error line naming it, exit 1", arguments: readCommands)
    func readsDoNotCreate(_ command: [String]) throws {
        let directory = try TemporaryDirectory.make()
        let result = try Self.run(command + ["--db", "missing.db"], in: directory)
        #expect(result.status == 1 && Self.isOneErrorLine(result.stderr) && result.stderr.contains("missing.db"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// Runs every read command on a database in a directory this process cannot write: chmod'ed
    /// 0500/0400 when the tests run as an ordinary user; as root, which ignores permission bits, the
    /// files are handed to nobody and the binary runs as nobody (setpriv). A write command is refused
    /// in the same set-up, which proves the directory and file really are read-only to the binary.
    @Test(
        "read commands work on a read-only database file in a read-only directory",
        .enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func readOnlyMedia() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let expected = try Self.readCommands.map { try cli.run($0).stdout }
        let directory = cli.directory.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: cli.database, toPath: directory.appendingPathComponent("estate.db").path)
        let asNobody = geteuid() == 0
        if asNobody {
            for item in [directory.path, directory.appendingPathComponent("estate.db").path] { #expect(chown(item, 65534, 65534) == 0) }
        }
        #expect(chmod(directory.appendingPathComponent("estate.db").path, 0o400) == 0 && chmod(directory.path, 0o500) == 0)
        defer { _ = chmod(directory.path, 0o700) }

        for (command, output) in zip(Self.readCommands, expected) {
            let result = try Self.run(command + ["--db", "estate.db"], in: directory, asNobody: asNobody)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(command): \(result.stderr)")
            #expect(result.stdout == output, "\(command)")
        }
        let write = try Self.run(["vnet", "remove", "vnet-edge", "--db", "estate.db"], in: directory, asNobody: asNobody)
        #expect(write.status == 1 && Self.isOneErrorLine(write.stderr), "the set-up is not read-only: \(write.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["estate.db"])
    }

    /// Before the schema was identified in one snapshot and decided under the write lock, one of 16
    /// processes failed with "not a crosslink one" in about 1 of 30 trials here (2 of 10 in the issue):
    /// the window is a few microseconds, so this can pass by luck against the old code; it guards the
    /// fix rather than proving it.
    /// Runs a system tool, returning whether it exited 0.
    static func tool(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Mounts a 512 KiB tmpfs for a full disk; only root with the right to mount (not in every container).
    static func mountSmallDisk(at directory: URL) -> Bool {
        geteuid() == 0 && tool("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", directory.path])
    }

    static let canMountSmallDisks: Bool = {
        guard let directory = try? TemporaryDirectory.make(), mountSmallDisk(at: directory) else { return false }
        return tool("/bin/umount", [directory.path])
    }()

    /// A full disk, made with a small tmpfs filled to the last byte: SQLite cannot grow the WAL index
    /// there (before: "cannot write database …: disk I/O error"). Skipped where mounting is not allowed.
    @Test("read commands work on a full disk", .enabled(if: canMountSmallDisks, "needs root with the right to mount a tmpfs"))
    func fullDisk() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let expected = try Self.readCommands.map { try cli.run($0).stdout }
        let disk = cli.directory.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        try #require(Self.mountSmallDisk(at: disk))
        defer { _ = Self.tool("/bin/umount", [disk.path]) }
        try FileManager.default.copyItem(atPath: cli.database, toPath: disk.appendingPathComponent("estate.db").path)
        let fillerPath = disk.appendingPathComponent("filler").path
        #expect(FileManager.default.createFile(atPath: fillerPath, contents: nil))
        let filler = try #require(FileHandle(forWritingAtPath: fillerPath))
        let block = Data(count: 4096)
        while (try? filler.write(contentsOf: block)) != nil {}
        try? filler.close()
        #expect(Self.tool("/bin/sh", ["-c", "echo x > '\(disk.path)/probe'"]) == false, "the disk is not full")

        for (command, output) in zip(Self.readCommands, expected) {
            let result = try Self.run(command + ["--db", "estate.db"], in: disk)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(command): \(result.stderr)")
            #expect(result.stdout == output, "\(command)")
        }
    }

    @Test("16 processes starting on one new database file all succeed, 8 times over")
    func freshFileRace() throws {
        for trial in 0..<8 {
            let directory = try TemporaryDirectory.make()
            let results = ResultBox()
            DispatchQueue.concurrentPerform(iterations: 16) { index in
                let arguments = ["vnet", "add", "v\(index)", "--region", "westeurope", "--address-space", "10.\(index).0.0/16", "--db", "fresh.db"]
                results.append(Result { try Self.run(arguments, in: directory) })
            }
            let failures = results.all.compactMap { result -> String? in
                switch result {
                case .success(let run): return run.status == 0 ? nil : run.stderr
                case .failure(let error): return "\(error)"
                }
            }
            #expect(failures.isEmpty, "trial \(trial): \(failures)")
            let list = try Self.run(["vnet", "list", "-o", "json", "--db", "fresh.db"], in: directory)
            #expect((0..<16).allSatisfy { list.stdout.contains("\"v\($0)\"") }, "trial \(trial): \(list.stdout)")
        }
    }

    @Test("another application's SQLite file is refused with every byte unchanged, by writers and readers")
    func foreignFile() throws {
        let directory = try TemporaryDirectory.make()
        let name = directory.appendingPathComponent("other.db").path
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (body TEXT)'); c.commit()"
        #expect(try IndependentSQLite.python(script, [name]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: name))
        for command in [["apply", "-f", Self.example], ["vnet", "list"]] {
            let result = try Self.run(command + ["--db", name], in: directory)
            #expect(result.status == 1 && Self.isOneErrorLine(result.stderr) && result.stderr.contains("not a crosslink one"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: name)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["other.db"])
    }

    @Test("an existing database with mode 0644 is tightened to 0600 by the next command")
    func tightensMode() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        #expect(chmod(cli.database, 0o644) == 0)
        let result = try cli.run(["vnet", "list"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: cli.database)[.posixPermissions] as? Int) == 0o600)
    }

    @Test("an unknown name is exit 1 on every command that filters by one")
    func unknownNames() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        for command in [["routes", "--cluster", "nope"], ["routes", "--cluster", "nope", "--unroutable"], ["manifests", "--cluster", "nope"]] {
            let result = try cli.run(command)
            #expect(result.status == 1 && Self.isOneErrorLine(result.stderr) && result.stderr.contains("'nope'"), "\(command): \(result.stderr)")
        }
        let known = try cli.run(["routes", "--cluster", "aks-neu"])
        #expect(known.status == 0 && known.stdout.contains("aks-neu"))
    }

    @Test("--db before a command group works like the group alone: its help, exit 0")
    func databaseBeforeGroup() throws {
        let directory = try TemporaryDirectory.make()
        let alone = try Self.run(["vnet"], in: directory)
        let withDatabase = try Self.run(["--db", "x.db", "vnet"], in: directory)
        #expect(withDatabase.status == 0 && !withDatabase.stderr.contains("Unknown option"), "\(withDatabase.stderr)")
        #expect(withDatabase.stdout == alone.stdout && withDatabase.stdout.contains("SUBCOMMANDS"))
        let leaf = try Self.run(["--db", "x.db", "vnet", "add", "v1", "--region", "westeurope", "--address-space", "10.5.0.0/16"], in: directory)
        #expect(leaf.status == 0, "\(leaf.stderr)")
        let list = try Self.run(["--db=x.db", "vnet", "list"], in: directory)
        #expect(list.status == 0 && list.stdout.contains("v1"), "\(list.stderr)")
    }
}

/// Results collected from concurrent work.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<DatabaseOpeningCommandTests.Run, any Error>] = []

    func append(_ result: Result<DatabaseOpeningCommandTests.Run, any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<DatabaseOpeningCommandTests.Run, any Error>] { lock.withLock { results } }
}
