import CrosslinkCore
import Foundation
import Synchronization
import Testing

@testable import CrosslinkManifests

/// A write that fails anywhere (a full disk while staging, a failing rename, the caller's commit)
/// leaves the directory exactly as it was.
@Suite struct ManifestDirectoryFailureTests {
    /// Every entry under `directory`, hidden ones included: path → kind and content.
    static func snapshot(_ directory: String) throws -> [String: String] {
        var entries: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            let full = "\(directory)/\(path)"
            let attributes = try FileManager.default.attributesOfItem(atPath: full)
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?: entries[path] = "directory"
            case .typeSymbolicLink?: entries[path] = "symlink " + (try FileManager.default.destinationOfSymbolicLink(atPath: full))
            default: entries[path] = "file " + (try String(contentsOfFile: full, encoding: .utf8))
            }
        }
        return entries
    }

    /// Fails the `count`-th call of `operation` (counting from 1) with `code`.
    final class Injection: Sendable {
        let operation: FileSystem.Operation
        let count: Int
        let code: Int32
        let calls = Mutex(0)
        init(_ operation: FileSystem.Operation, at count: Int, code: Int32 = ENOSPC) {
            (self.operation, self.count, self.code) = (operation, count, code)
        }
        func fileSystem() -> FileSystem {
            FileSystem { operation, _ in
                guard operation == self.operation else { return nil }
                return self.calls.withLock { calls in
                    calls += 1
                    return calls == self.count ? self.code : nil
                }
            }
        }
        var performed: Int { calls.withLock { $0 } }
    }

    static let all = ManifestPlanner.documents(for: Scenario.allAnswers, in: Scenario.topology)
    static let tunnel = ManifestPlanner.documents(for: Scenario.cases[0].answers, in: Scenario.topology)

    /// The old state: the tunnel case's files plus one of another case that the new state drops.
    /// The new state: every document but that one. So a write creates, changes and removes files.
    static var old: [ManifestDocument] { tunnel + [dropped] }
    static var new: [ManifestDocument] { all.filter { $0.relativePath != dropped.relativePath } }
    static var dropped: ManifestDocument {
        let tunnelPaths = Set(tunnel.map(\.relativePath))
        return all.first { !tunnelPaths.contains($0.relativePath) } ?? all[0]
    }

    /// A directory holding the old state, and its snapshot.
    static func prepared() throws -> (path: String, before: [String: String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-failure-\(UUID().uuidString)").path
        try ManifestDirectory(path: path).write(old)
        return (path, try snapshot(path))
    }

    @Test("the scenario creates, changes and removes files, in new directories too")
    func scenarioCoversEveryKindOfChange() throws {
        let (path, _) = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let summary = try ManifestDirectory(path: path).write(Self.new)
        #expect(!summary.changed.isEmpty)
        #expect(summary.written.count > summary.changed.count)
        #expect(summary.removed == [Self.dropped.relativePath])
        let oldClusters = Set(Self.old.map(\.cluster))
        #expect(Self.new.contains { !oldClusters.contains($0.cluster) })
    }

    /// How many times a successful write from the old state to the new one performs `operation`
    /// before it commits (what follows the commit is final and cannot be undone).
    static func calls(of operation: FileSystem.Operation) throws -> Int {
        let (path, _) = try prepared()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let counting = Injection(operation, at: 0)
        var directory = ManifestDirectory(path: path)
        directory.fileSystem = counting.fileSystem()
        var calls = 0
        try directory.write(new) { calls = counting.performed }
        return calls
    }

    /// Fails each call of `operation` in turn, expecting the directory unchanged every time.
    static func expectEveryFailureRolledBack(_ operation: FileSystem.Operation, code: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let calls = try calls(of: operation)
        #expect(calls > 0, sourceLocation: sourceLocation)
        for count in 1...max(calls, 1) {
            let (path, before) = try prepared()
            defer { try? FileManager.default.removeItem(atPath: path) }
            var directory = ManifestDirectory(path: path)
            directory.fileSystem = Injection(operation, at: count, code: code).fileSystem()
            let error = #expect(throws: CrosslinkError.self, "\(operation) #\(count)", sourceLocation: sourceLocation) { try directory.write(new) }
            #expect(error?.message.contains(String(cString: strerror(code))) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
            let after = try snapshot(path)
            let differences = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
            #expect(differences.isEmpty, "\(operation) #\(count): \(differences) differ", sourceLocation: sourceLocation)
            // Then a write that succeeds completes the change.
            #expect(try ManifestDirectory(path: path).write(new).removed == [dropped.relativePath], sourceLocation: sourceLocation)
        }
        print("failure injection: \(operation) failed at each of its \(calls) calls before the commit; the directory was unchanged each time")
    }

    @Test("a full disk at any staged file (the index included) leaves the directory as it was")
    func fullDiskWhileStaging() throws {
        try Self.expectEveryFailureRolledBack(.write, code: ENOSPC)
    }

    @Test("a rename failing at any point of the switch is rolled back")
    func renameFailure() throws {
        try Self.expectEveryFailureRolledBack(.rename, code: EIO)
    }

    @Test("keeping a previous version failing at any point is rolled back")
    func linkFailure() throws {
        try Self.expectEveryFailureRolledBack(.link, code: EIO)
    }

    @Test("a directory that cannot be created is rolled back")
    func makeDirectoryFailure() throws {
        try Self.expectEveryFailureRolledBack(.makeDirectory, code: ENOSPC)
    }

    @Test("a failed commit puts every file back: changed, created, removed, the index")
    func failedCommit() throws {
        let (path, before) = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: path) }
        struct CommitFailed: Error {}
        var sawNewState = false
        #expect(throws: CommitFailed.self) {
            try ManifestDirectory(path: path).write(Self.new) {
                // Every file is in place when the caller commits.
                sawNewState = (try? String(contentsOfFile: "\(path)/\(Self.new[0].relativePath)", encoding: .utf8)) == ManifestRenderer.yaml(Self.new[0])
                throw CommitFailed()
            }
        }
        #expect(sawNewState)
        #expect(try Self.snapshot(path) == before)
    }

    @Test("after a successful commit the directory holds the new state and no kept versions")
    func successfulCommit() throws {
        let (path, _) = try Self.prepared()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var committed = false
        try ManifestDirectory(path: path).write(Self.new) { committed = true }
        #expect(committed)
        let expected = try { () throws -> [String: String] in
            let reference = path + "-reference"
            defer { try? FileManager.default.removeItem(atPath: reference) }
            try ManifestDirectory(path: reference).write(Self.new)
            return try Self.snapshot(reference)
        }()
        // Same files, same index; nothing hidden left over (the pruned file's directory stays).
        let state = try Self.snapshot(path)
        #expect(state.filter { !$0.value.hasPrefix("directory") } == expected.filter { !$0.value.hasPrefix("directory") })
    }

    @Test("a failure with no directory before leaves no directory behind but the lock file")
    func failureOnFirstWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-failure-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var directory = ManifestDirectory(path: path)
        directory.fileSystem = Injection(.link, at: 3, code: EIO).fileSystem()
        #expect(throws: CrosslinkError.self) { try directory.write(Self.new) }
        #expect(try Self.snapshot(path) == [ManifestDirectory.lockFileName: "file "])
    }

    @Test("a file another program puts where a new manifest goes, after planning, is not replaced")
    func fileAppearingDuringTheWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-failure-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = "\(path)/\(Self.new.map(\.relativePath).sorted()[0])"
        var directory = ManifestDirectory(path: path)
        // Runs just before the first file is linked into place: planning found the path free.
        directory.fileSystem = FileSystem { operation, _ in
            if operation == .link && !FileManager.default.fileExists(atPath: first) {
                _ = FileManager.default.createFile(atPath: first, contents: Data("someone else's\n".utf8))
            }
            return nil
        }
        let error = #expect(throws: CrosslinkError.self) { try directory.write(Self.new) }
        #expect(error?.message.contains("File exists") == true, "\(String(describing: error))")
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "someone else's\n")
        #expect(!FileManager.default.fileExists(atPath: "\(path)/\(ManifestDirectory.indexFileName)"))
    }
}
