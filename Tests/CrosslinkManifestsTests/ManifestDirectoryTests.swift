import CrosslinkCore
import CrosslinkManifests
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
}
