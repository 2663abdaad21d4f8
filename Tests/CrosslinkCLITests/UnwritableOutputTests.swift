import CrosslinkTestSupport
import Foundation
import Testing

/// Output that cannot be written (a read-only `--out` directory, a read-only parent, a full disk
/// behind a redirect) is one error line naming what could not be written, exit 1, and nothing
/// written or stored. As root, which ignores permission bits, the binary runs as nobody (setpriv) on
/// files handed to nobody, as in `DatabaseOpeningCommandTests`.
@Suite(.enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
struct UnwritableOutputTests {
    /// A directory the binary owns, holding the example's database, and a read-only `out` inside it.
    let directory: URL
    let asNobody = geteuid() == 0

    init() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        directory = cli.directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: cli.database, toPath: directory.appendingPathComponent("estate.db").path)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("out"), withIntermediateDirectories: false)
        if asNobody {
            for name in ["", "estate.db", "out"] { #expect(chown(directory.appendingPathComponent(name).path, 65534, 65534) == 0) }
        }
        #expect(chmod(directory.appendingPathComponent("out").path, 0o555) == 0)
    }

    func run(_ arguments: [String]) throws -> DatabaseOpeningCommandTests.Run {
        try DatabaseOpeningCommandTests.run(arguments + ["--db", "estate.db"], in: directory, asNobody: asNobody)
    }

    func expectOneLine(_ result: DatabaseOpeningCommandTests.Run, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stdout)", sourceLocation: sourceLocation)
        #expect(
            DatabaseOpeningCommandTests.isOneErrorLine(result.stderr) && result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("manifests --out and reconcile --out on a read-only directory name the directory; nothing is written or stored")
    func readOnlyDirectory() throws {
        for command in ["manifests", "reconcile"] {
            expectOneLine(try run([command, "--out", "out"]), "cannot write to out: Permission denied")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).isEmpty)
        let stored = try IndependentSQLite.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT generation, (SELECT count(*) FROM route) FROM reconcile_state').fetchall())",
            [directory.appendingPathComponent("estate.db").path])
        #expect(stored.output == "[(0, 0)]\n", "the failed reconcile stored nothing")
        // The set-up really is read-only to the binary, not refused for another reason.
        #expect(try run(["manifests", "--out", "elsewhere"]).status == 0)
    }

    @Test("a directory that cannot be created, and a report page in a read-only directory, are one line with the system's reason")
    func readOnlyParent() throws {
        expectOneLine(try run(["manifests", "--out", "out/new/deeper"]), "cannot create directory out/new/deeper: Permission denied")
        expectOneLine(try run(["report", "--html", "out/estate.html"]), "cannot write 'out/estate.html': Permission denied")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).isEmpty)
    }

    @Test(
        "standard output on a full disk is an error, not a cut-short export that exits 0",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func fullStandardOutput() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        for command in [["export"], ["routes"], ["manifests"]] {
            let process = Process()
            process.executableURL = CrosslinkProcess.binary
            process.arguments = command + ["--db", cli.database]
            process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 1, "\(command)")
            #expect(message == "error: cannot write standard output: No space left on device\n", "\(command)")
        }
    }
}
