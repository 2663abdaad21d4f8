import CrosslinkTestSupport
import Foundation
import Testing

/// Kills `crosslink apply` with SIGKILL at many moments of its write transaction; after each kill the
/// database must pass `PRAGMA integrity_check` and hold exactly the old or the new estate, never a mix.
/// The kills are aimed by watching the database's write lock (`WriteLockProbe`), and most must land
/// while it is held, or the experiment would only show that killing an idle process is safe.
@Suite(.serialized) struct CrashSafetyTests {
    @Test("SIGKILL during apply leaves the old or the new estate, intact")
    func killDuringApply() throws {
        let cli = try CrosslinkProcess()
        let old = try CrosslinkProcess.run(["generate", "--clusters", "120", "--seed", "1"]).stdout
        let new = try CrosslinkProcess.run(["generate", "--clusters", "120", "--seed", "2", "--imports-per-cluster", "14"]).stdout
        let oldFile = cli.directory.appendingPathComponent("old.yaml"), newFile = cli.directory.appendingPathComponent("new.yaml")
        try old.write(to: oldFile, atomically: true, encoding: .utf8)
        try new.write(to: newFile, atomically: true, encoding: .utf8)

        // The two exports a surviving database may show.
        let reference = try CrosslinkProcess()
        #expect(try reference.run(["apply", "-f", oldFile.path]).status == 0)
        let oldExport = try reference.run(["export"]).stdout
        // The same change on the reference copy, timing how long its write transaction lasts here.
        let measured = try reference.runMeasuringWriteLock(["apply", "--prune", "-f", newFile.path])
        #expect(measured.status == 0 && measured.longest > .zero && measured.walGrowth > 0)
        let newExport = try reference.run(["export"]).stdout
        #expect(oldExport != newExport)

        var outcomes: [String: Int] = ["old": 0, "new": 0]
        var interrupted = 0, interruptedWriting = 0
        for attempt in 0..<12 {
            #expect(try cli.run(["apply", "--prune", "-f", oldFile.path]).status == 0)
            var window = measured.longest
            if attempt < Self.timedKills {
                // The lock time swings several-fold with the machine's load: measure this very change
                // just before the kill instead of trusting the reference's figure.
                let adjacent = try cli.runMeasuringWriteLock(["apply", "--prune", "-f", newFile.path])
                #expect(adjacent.status == 0)
                #expect(try cli.run(["apply", "--prune", "-f", oldFile.path]).status == 0)
                window = adjacent.longest
            }
            let point = Self.killPoint(attempt, of: 12, lockTime: window, walGrowth: measured.walGrowth)
            if try cli.killedDuringWrite(["apply", "--prune", "-f", newFile.path], at: point) {
                interrupted += 1
                if attempt >= Self.timedKills { interruptedWriting += 1 }
            }

            #expect(try integrityCheck(cli.database) == "ok")
            let export = try cli.run(["export"]).stdout
            let state = export == oldExport ? "old" : export == newExport ? "new" : "mixed"
            #expect(state != "mixed", "kill \(attempt) left a state that is neither old nor new")
            outcomes[state, default: 0] += 1
        }
        print(
            "crash safety (apply): write transaction \(measured.longest), WAL +\(measured.walGrowth) bytes; 12 kills, \(interrupted) inside it (\(interruptedWriting) of 8 while the WAL was written); \(outcomes["old"] ?? 0) left the old estate, \(outcomes["new"] ?? 0) the new, \(outcomes["mixed"] ?? 0) a mix"
        )
        #expect((outcomes["old"] ?? 0) + (outcomes["new"] ?? 0) == 12)
        // Most, not all: a later timed kill misses in a run three times faster than the one just before,
        // and on a loaded machine a look can come only after a short commit has finished.
        #expect(interrupted >= 8, "only \(interrupted) of 12 kills landed inside the write transaction")
    }

    /// Kills aimed by time: the first of them at the lock's first sight, the others at 10 %, 20 % and
    /// 30 % of the lock time, so a run up to three times faster than the measured one still contains them.
    static let timedKills = 4

    /// The first `timedKills` kills land while the change is loaded, validated and computed; the rest
    /// while the commit writes its pages, at fractions of the measured WAL growth (the same change writes
    /// the same pages, so these points do not depend on speed).
    static func killPoint(_ attempt: Int, of count: Int, lockTime: Duration, walGrowth: Int) -> CrosslinkProcess.KillPoint {
        if attempt < timedKills { return .lockHeld(lockTime * attempt / 10) }
        return .walGrown(walGrowth * (attempt - timedKills + 1) / (count - timedKills + 1))
    }
}

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` through Python's sqlite3, an independent
/// client: "ok" when the file is sound and no row points at a missing one.
func integrityCheck(_ path: String) throws -> String {
    let script = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        result, dangling = c.execute('PRAGMA integrity_check').fetchone()[0], len(c.execute('PRAGMA foreign_key_check').fetchall())
        print(result if dangling == 0 else '%s; %d rows point at missing rows' % (result, dangling))
        """
    return try IndependentSQLite.python(script, [path]).output.trimmingCharacters(in: .whitespacesAndNewlines)
}

extension CrashSafetyTests {
    /// Every non-hidden file under `directory`, relative path to content.
    static func manifestFiles(_ directory: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []
        where path.hasSuffix(".yaml") && !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            files[path] = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }

    @Test("SIGKILL during reconcile --out: every manifest file is the old or the new one, the database intact")
    func killDuringReconcile() throws {
        let cli = try CrosslinkProcess()
        let old = cli.directory.appendingPathComponent("old.yaml"), new = cli.directory.appendingPathComponent("new.yaml")
        try CrosslinkProcess.run(["generate", "--clusters", "150", "--seed", "3"]).stdout.write(to: old, atomically: true, encoding: .utf8)
        try CrosslinkProcess.run(["generate", "--clusters", "150", "--seed", "4"]).stdout.write(to: new, atomically: true, encoding: .utf8)

        let reference = try CrosslinkProcess()
        let oldDirectory = reference.directory.appendingPathComponent("old"), newDirectory = reference.directory.appendingPathComponent("new")
        #expect(try reference.run(["apply", "-f", old.path]).status == 0)
        #expect(try reference.run(["manifests", "--out", oldDirectory.path]).status == 0)
        #expect(try reference.run(["apply", "--prune", "-f", new.path]).status == 0)
        #expect(try reference.run(["manifests", "--out", newDirectory.path]).status == 0)
        let oldFiles = try Self.manifestFiles(oldDirectory), newFiles = try Self.manifestFiles(newDirectory)
        #expect(!oldFiles.isEmpty && oldFiles != newFiles)

        let out = cli.directory.appendingPathComponent("out")
        // One uninterrupted run first, timing how long reconcile holds the write lock here.
        #expect(try cli.run(["apply", "--prune", "-f", old.path]).status == 0)
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        #expect(try cli.run(["apply", "--prune", "-f", new.path]).status == 0)
        let measured = try cli.runMeasuringWriteLock(["reconcile", "--out", out.path])
        #expect(measured.status == 0 && measured.longest > .zero && measured.walGrowth > 0)
        #expect(try Self.manifestFiles(out) == newFiles)

        var survived = 0
        var interrupted = 0
        for attempt in 0..<10 {
            #expect(try cli.run(["apply", "--prune", "-f", old.path]).status == 0)
            #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
            #expect(try Self.manifestFiles(out) == oldFiles)
            #expect(try cli.run(["apply", "--prune", "-f", new.path]).status == 0)

            let point = Self.killPoint(attempt, of: 10, lockTime: measured.longest, walGrowth: measured.walGrowth)
            if try cli.killedDuringWrite(["reconcile", "--out", out.path], at: point) {
                interrupted += 1
            }

            #expect(try integrityCheck(cli.database) == "ok")
            var intact = true
            for (path, content) in try Self.manifestFiles(out) where content != oldFiles[path] && content != newFiles[path] {
                intact = false
                Issue.record("kill \(attempt): \(path) is neither the old nor the new manifest")
            }
            // The next run finishes the job.
            #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
            #expect(try Self.manifestFiles(out) == newFiles)
            if intact { survived += 1 }
        }
        print(
            "crash safety (reconcile --out): write transaction \(measured.longest), WAL +\(measured.walGrowth) bytes; 10 kills, \(interrupted) inside it; \(survived) left only whole old or new manifests"
        )
        #expect(survived == 10)
        // Most, not all, for the reasons given in killDuringApply.
        #expect(interrupted >= 6, "only \(interrupted) of 10 kills landed inside the write transaction")
    }
}

@Suite struct AbandonedTemporaryTests {
    @Test("temporary files left by a killed write are removed; a live writer's are not")
    func cleanup() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let out = cli.directory.appendingPathComponent("out")
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        let directory = out.appendingPathComponent("aks-neu/orders")
        let dead = directory.appendingPathComponent(".serviceexport-orders-api.yaml.crosslink-4194303-7.tmp")
        let live = directory.appendingPathComponent(".serviceexport-orders-api.yaml.crosslink-\(getpid())-7.tmp")
        let foreign = directory.appendingPathComponent(".editor-swap.tmp")
        for file in [dead, live, foreign] { try "half".write(to: file, atomically: false, encoding: .utf8) }
        #expect(try cli.run(["reconcile", "--out", out.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: foreign.path))
    }
}
