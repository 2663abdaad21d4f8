import CrosslinkCore
@testable import CrosslinkManifests
import Foundation
import Testing

@Suite struct ManifestDirectoryTests {
    /// A fresh directory per test, removed afterwards.
    private static func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-manifests-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    private static let documents = ManifestPlanner.documents(for: Scenario.allAnswers, in: Scenario.topology)
    private static let tunnelOnly = ManifestPlanner.documents(for: Scenario.cases[0].answers, in: Scenario.topology)

    private static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("writes every document at its path, then reports them unchanged")
    func writeThenUnchanged() throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            let first = try output.write(Self.documents)
            #expect(first.written == Self.documents.map(\.relativePath).sorted())
            #expect(first.unchanged.isEmpty && first.removed.isEmpty)
            for document in Self.documents {
                #expect(try Self.read("\(dir)/\(document.relativePath)") == ManifestRenderer.yaml(document))
            }
            let index = try Self.read("\(dir)/\(ManifestDirectory.indexFileName)")
            #expect(index.contains("aks-b/backend/serviceexport-backend-service.yaml"))

            let second = try output.write(Self.documents.reversed())
            #expect(second.written.isEmpty)
            #expect(second.unchanged == first.written)
            #expect(try Self.read("\(dir)/\(ManifestDirectory.indexFileName)") == index)
            // No temporary files left behind.
            let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.contains(".tmp") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("removes files it wrote before and no longer wants, and leaves foreign files alone")
    func pruning() throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            try output.write(Self.documents)
            let foreign = "\(dir)/aks-a/frontend/notes.yaml"
            try "mine".write(toFile: foreign, atomically: false, encoding: .utf8)

            let summary = try output.write(Self.tunnelOnly)
            let kept = Set(Self.tunnelOnly.map(\.relativePath))
            #expect(summary.removed == Self.documents.map(\.relativePath).filter { !kept.contains($0) }.sorted())
            for path in summary.removed { #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(path)")) }
            #expect(try Self.read(foreign) == "mine")
        }
    }

    @Test("a file someone changed is left in place when no longer wanted")
    func abandonsModifiedFiles() throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            try output.write(Self.documents)
            let edited = "\(dir)/aks-c/payments/networkpolicy-crosslink-ledger.yaml"
            try "edited by hand\n".write(toFile: edited, atomically: false, encoding: .utf8)
            let summary = try output.write(Self.tunnelOnly)
            #expect(summary.abandoned == ["aks-c/payments/networkpolicy-crosslink-ledger.yaml"])
            #expect(try Self.read(edited) == "edited by hand\n")
            // Forgotten: wanting it again is now a conflict with someone else's file.
            #expect(throws: CrosslinkError.self) { try output.write(Self.documents) }
        }
    }

    @Test("a foreign file where a manifest must go fails before anything is written")
    func refusesForeignFile() throws {
        try Self.withTemporaryDirectory { dir in
            let target = "\(dir)/aks-b/backend/serviceexport-backend-service.yaml"
            try FileManager.default.createDirectory(atPath: "\(dir)/aks-b/backend", withIntermediateDirectories: true)
            try "someone else's\n".write(toFile: target, atomically: false, encoding: .utf8)
            let error = #expect(throws: CrosslinkError.self) { try ManifestDirectory(path: dir).write(Self.documents) }
            #expect(error?.code == .io)
            #expect(error?.message.contains("not written by crosslink") == true)
            #expect(try Self.read(target) == "someone else's\n")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/aks-a"))
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/\(ManifestDirectory.indexFileName)"))
        }
    }

    @Test("a symlink at a manifest path or in place of its directory is refused")
    func refusesSymlinks() throws {
        try Self.withTemporaryDirectory { dir in
            let outside = "\(dir)-outside"
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: outside) }
            try FileManager.default.createDirectory(atPath: "\(dir)/aks-b/backend", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: "\(dir)/aks-b/backend/serviceexport-backend-service.yaml", withDestinationPath: "\(outside)/target.yaml")
            #expect(throws: CrosslinkError.self) { try ManifestDirectory(path: dir).write(Self.tunnelOnly) }
            #expect(!FileManager.default.fileExists(atPath: "\(outside)/target.yaml"))

            try FileManager.default.createSymbolicLink(atPath: "\(dir)/aks-a", withDestinationPath: outside)
            #expect(throws: CrosslinkError.self) { try ManifestDirectory(path: dir).write(Self.documents) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        }
    }

    @Test("pruning limited to one cluster keeps other clusters' files")
    func pruningOneCluster() throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            try output.write(Self.documents)
            let summary = try output.write([], pruningOnly: "aks-a")
            #expect(summary.removed == Self.documents.filter(cluster: "aks-a").map(\.relativePath).sorted())
            for document in Self.documents where document.cluster != "aks-a" {
                #expect(FileManager.default.fileExists(atPath: "\(dir)/\(document.relativePath)"))
            }
            // Still known as crosslink's: a full write later prunes them.
            #expect(try output.write([]).removed.count == Self.documents.count - summary.removed.count)
        }
    }

    @Test("a document whose path would leave the directory is refused")
    func refusesUnsafePaths() throws {
        try Self.withTemporaryDirectory { dir in
            let escaping = ManifestDocument(
                cluster: "..", object: .serviceExport(ServiceExport(metadata: ObjectMetadata(name: "x", namespace: "y"))))
            #expect(throws: CrosslinkError.self) { try ManifestDirectory(path: dir).write([escaping]) }
        }
    }

    /// Index entries naming a file outside the directory, each with the victim's true hash.
    static let untrustedEntries = [
        "../VICTIM", "../../VICTIM", "aks-a/../../VICTIM", "/ABSOLUTE", "./aks-a/x.yaml", "aks-a//x.yaml", "aks-a/./x.yaml", "aks-a/",
        ".crosslink-manifests.lock",
    ]

    @Test("a path in the index that is not a plain relative path inside the directory refuses the write", arguments: untrustedEntries)
    func refusesUntrustedIndexEntries(entry: String) throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            try output.write(Self.documents)
            let victimDirectory = "\(dir)-victim/inner"
            try FileManager.default.createDirectory(atPath: victimDirectory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: "\(dir)-victim") }
            let victim = "\(victimDirectory)/victim.txt"
            try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
            let relative = dir.split(separator: "/").last.map(String.init) ?? ""
            let target =
                entry
                .replacingOccurrences(of: "../../VICTIM", with: "../\(relative)-victim/inner/victim.txt")
                .replacingOccurrences(of: "../VICTIM", with: "../\(relative)-victim/inner/victim.txt")
                .replacingOccurrences(of: "/ABSOLUTE", with: victim)
            let hash = ManifestIndex.hash(Array("precious\n".utf8))
            let indexPath = "\(dir)/\(ManifestDirectory.indexFileName)"
            try (try Self.read(indexPath) + "\(hash)  \(target)\n").write(toFile: indexPath, atomically: false, encoding: .utf8)
            let before = try ManifestDirectoryFailureTests.snapshot(dir)

            // Pruning everything would remove the victim if the entry were trusted.
            let error = #expect(throws: CrosslinkError.self) { try output.write([]) }
            #expect(error?.message.contains("not a plain relative path inside the directory") == true, "\(String(describing: error))")
            #expect(error?.message.contains("\n") == false)
            #expect(try Self.read(victim) == "precious\n")
            #expect(try ManifestDirectoryFailureTests.snapshot(dir) == before)
            #expect(throws: CrosslinkError.self) { try output.plan([]) }
        }
    }

    @Test("a cluster or namespace directory replaced by a symlink refuses pruning; the target is untouched", arguments: [1, 2])
    func refusesPruningThroughSymlinks(depth: Int) throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            try output.write(Self.documents)
            let path = Self.documents[0].relativePath.split(separator: "/").prefix(depth).joined(separator: "/")
            let elsewhere = "\(dir)-elsewhere"
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            // The files crosslink wrote, now somewhere else, reached through a symlink at their old place.
            try FileManager.default.moveItem(atPath: "\(dir)/\(path)", toPath: elsewhere)
            try FileManager.default.createSymbolicLink(atPath: "\(dir)/\(path)", withDestinationPath: elsewhere)
            let files = try FileManager.default.subpathsOfDirectory(atPath: elsewhere).sorted()
            #expect(!files.isEmpty)

            for cluster in [nil, Self.documents[0].cluster] {
                let error = #expect(throws: CrosslinkError.self) { try output.write([], pruningOnly: cluster) }
                #expect(error?.message.contains("is a symlink") == true, "\(String(describing: error))")
                #expect(try FileManager.default.subpathsOfDirectory(atPath: elsewhere).sorted() == files)
            }
        }
    }

    @Test("a dry run reports what a write would do and changes nothing, not even creating the directory")
    func dryRun() throws {
        try Self.withTemporaryDirectory { dir in
            let output = ManifestDirectory(path: dir)
            let fresh = try output.plan(Self.documents)
            #expect(fresh.written == Self.documents.map(\.relativePath).sorted() && fresh.changed.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir))

            try output.write(Self.tunnelOnly)
            let before = try ManifestDirectoryFailureTests.snapshot(dir)
            let planned = try output.plan(Self.documents)
            #expect(try ManifestDirectoryFailureTests.snapshot(dir) == before)
            #expect(try output.write(Self.documents) == planned)
        }
    }
}
