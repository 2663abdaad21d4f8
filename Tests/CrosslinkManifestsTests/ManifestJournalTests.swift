import CrosslinkCore
import Foundation
import Synchronization
import Testing

@testable import CrosslinkManifests

/// A write killed after placing files and before it is final (before `reconcile --out` commits) is
/// undone by the next write of the directory, whatever that write's scope: the directory is never
/// left ahead of a database that did not commit. Kills are simulated in-process (the file system hook
/// stops the write there with no undo and no clean-up, as SIGKILL would).
@Suite struct ManifestJournalTests {
    typealias Failure = ManifestDirectoryFailureTests

    /// Every file but hidden temporaries: a simulated kill leaves its staged temporaries under this
    /// (live) process's id, where a real kill's are cleared by the next write; and the directories
    /// a killed write made for new files may stay, empty.
    static func visible(_ path: String) throws -> [String: String] {
        try Failure.snapshot(path).filter { !($0.key.split(separator: "/").last ?? "").hasSuffix(".tmp") && $0.value != "directory" }
    }

    /// A write from the old state to the new one, stopped as if killed at the `count`-th `operation`.
    static func killedWrite(at operation: FileSystem.Operation, _ count: Int, in path: String) {
        var directory = ManifestDirectory(path: path)
        let calls = Mutex(0)
        directory.fileSystem = FileSystem { performed, _ in
            guard performed == operation else { return nil }
            return calls.withLock { calls in
                calls += 1
                return calls == count ? FileSystem.simulatedKill : nil
            }
        }
        #expect(throws: FileSystem.SimulatedKill.self) { try directory.write(Failure.new) }
    }

    @Test("killed after every file is in place, before the commit: the next write (any scope) first puts the old state back")
    func killedBeforeCommit() throws {
        let cluster = try #require(Failure.old.first?.cluster)
        for scoped in [false, true] {
            let (path, _) = try Failure.prepared()
            let before = try Self.visible(path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: FileSystem.SimulatedKill.self) { try ManifestDirectory(path: path).write(Failure.new) { throw FileSystem.SimulatedKill() } }
            #expect(FileManager.default.fileExists(atPath: "\(path)/\(ManifestJournal.fileName)"))
            #expect(try Self.visible(path) != before, "the kill left the new files in place")

            // What the database still says (the commit never happened): for one cluster, or all.
            let summary =
                scoped
                ? try ManifestDirectory(path: path).write(Failure.old.filter { $0.cluster == cluster }, pruningOnly: cluster)
                : try ManifestDirectory(path: path).write(Failure.old)
            #expect(summary.written.isEmpty && summary.removed.isEmpty, "scoped \(scoped): \(summary)")
            #expect(try Self.visible(path) == before, "scoped \(scoped)")
        }
    }

    @Test("killed at any rename or link of the switch: the next write finds the old state, exactly")
    func killedDuringSwitch() throws {
        for operation in [FileSystem.Operation.rename, .link] {
            let calls = try Failure.calls(of: operation)
            #expect(calls > 2)
            for count in 1...calls {
                let (path, _) = try Failure.prepared()
                let before = try Self.visible(path)
                defer { try? FileManager.default.removeItem(atPath: path) }
                Self.killedWrite(at: operation, count, in: path)
                let summary = try ManifestDirectory(path: path).write(Failure.old)
                #expect(summary.written.isEmpty && summary.removed.isEmpty, "\(operation) #\(count): \(summary)")
                let after = try Self.visible(path)
                #expect(after == before, "\(operation) #\(count): \(Set(after.keys).symmetricDifference(before.keys).sorted())")
            }
        }
    }

    @Test("after the undo the interrupted change completes, with nothing hidden left but this process's own temporaries")
    func completesAfterUndo() throws {
        let (path, _) = try Failure.prepared()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: FileSystem.SimulatedKill.self) { try ManifestDirectory(path: path).write(Failure.new) { throw FileSystem.SimulatedKill() } }
        let summary = try ManifestDirectory(path: path).write(Failure.new)
        #expect(summary.removed == [Failure.dropped.relativePath] && !summary.changed.isEmpty)
        let reference = path + "-reference"
        defer { try? FileManager.default.removeItem(atPath: reference) }
        try ManifestDirectory(path: reference).write(Failure.new)
        #expect(try Self.visible(path) == Self.visible(reference))
        #expect(!FileManager.default.fileExists(atPath: "\(path)/\(ManifestJournal.fileName)"))
    }

    @Test("a forged journal removes nothing crosslink did not write and names nothing outside the directory")
    func forgedJournal() throws {
        let (path, _) = try Failure.prepared()
        let before = try Self.visible(path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let victim = try #require(Failure.old.first?.relativePath)
        // A "created" step for a file that holds other bytes than the journal's hash: kept.
        try "# A crosslink write in progress\nindex -\ncreated 0123456789abcdef \(victim)\n"
            .write(toFile: "\(path)/\(ManifestJournal.fileName)", atomically: true, encoding: .utf8)
        // Nor is the index dropped as that write's transitional one: it does not record those bytes.
        let summary = try ManifestDirectory(path: path).write(Failure.old)
        #expect(summary.written.isEmpty && summary.removed.isEmpty, "\(summary)")
        #expect(try Self.visible(path) == before)

        for line in ["created 0123456789abcdef ../outside", "removed - .x.crosslink-1-2.tmp /etc/passwd", "replaced 0123456789abcdef ../up aks/x.yaml"] {
            try "index -\n\(line)\n".write(toFile: "\(path)/\(ManifestJournal.fileName)", atomically: true, encoding: .utf8)
            let error = #expect(throws: CrosslinkError.self) { try ManifestDirectory(path: path).write(Failure.old) }
            #expect(error?.message.contains("is not a crosslink write journal") == true, "\(line): \(String(describing: error))")
        }
    }

    @Test("the journal reads back as written")
    func roundTrip() throws {
        let journal = ManifestJournal(
            previousIndex: ".crosslink-manifests.crosslink-12-34.tmp",
            steps: [
                .created(path: "a/b/c.yaml", hash: "0123456789abcdef"),
                .replaced(path: "a/d.yaml", hash: "fedcba9876543210", previous: ".d.yaml.crosslink-12-5.tmp"),
                .removed(path: "e/f.yaml", previous: ".f.yaml.crosslink-12-6.tmp"),
            ])
        #expect(try ManifestJournal(parsing: journal.text, at: "j") == journal)
        #expect(try ManifestJournal(parsing: ManifestJournal(previousIndex: nil, steps: []).text, at: "j").previousIndex == nil)
    }
}
