import CrosslinkCore
import Foundation

/// An output directory that crosslink keeps in step with its manifests (`crosslink manifests --out DIR`).
///
/// Each document goes to `DIR/<cluster>/<namespace>/<kind>-<name>.yaml`, written atomically. An
/// index inside the directory (`.crosslink-manifests`) records what crosslink wrote, so the next
/// write removes files it no longer wants. Files crosslink did not write are never touched: when
/// one sits where a manifest must go, or a path is a symlink, the write fails before any change.
public struct ManifestDirectory: Sendable {
    /// The directory, created on first write.
    public let path: String

    /// The name of the index file inside the directory.
    public static let indexFileName = ManifestIndex.fileName

    /// An output directory at `path` (nothing is touched until ``write(_:pruningOnly:)``).
    public init(path: String) {
        self.path = path
    }

    /// Writes `documents`, then removes files written before that are no longer wanted.
    ///
    /// - Parameters:
    ///   - documents: The complete set of documents wanted (for `cluster`, when given).
    ///   - cluster: Prune only under `DIR/<cluster>/`, for a write filtered with
    ///     `documents.filter(cluster:)`; files of other clusters stay as they are. Nil prunes everything.
    /// - Returns: Which files were written, unchanged, removed and abandoned.
    /// - Throws: `CrosslinkError` (`io`) when a manifest path holds a file crosslink did not write, a
    ///   symlink, or a directory; when a document's path is unsafe; or when the file system fails.
    @discardableResult
    public func write(_ documents: [ManifestDocument], pruningOnly cluster: String? = nil) throws -> ManifestWriteSummary {
        let wanted = try Self.files(for: documents)
        if let cluster { try Self.checkComponent(cluster, of: cluster) }
        try prepareRoot()
        let indexPath = absolute(ManifestIndex.fileName)
        var index = try loadIndex(at: indexPath)
        // A write killed between creating a temporary file and renaming it leaves the temporary behind.
        let directories = Set(([ManifestIndex.fileName] + index.paths + wanted.map(\.path)).map { absolute(Self.parent(of: $0)) })
        for directory in directories.sorted() { FileSystem.removeAbandonedTemporaries(in: directory) }

        // Plan everything first: a refusal must come before the first change on disk.
        var summary = ManifestWriteSummary()
        var toWrite: [(path: String, bytes: [UInt8], hash: String)] = []
        for (relativePath, bytes) in wanted {
            let hash = ManifestIndex.hash(bytes)
            switch try existingContent(of: relativePath) {
            case nil:
                toWrite.append((relativePath, bytes, hash))
            case .some(let current):
                guard index.owns(relativePath, content: ManifestIndex.hash(current)) else {
                    throw CrosslinkError(
                        .io, "\(absolute(relativePath)) exists and was not written by crosslink; move it away or choose another --out directory")
                }
                if current == bytes { summary.unchanged.append(relativePath) } else { toWrite.append((relativePath, bytes, hash)) }
            }
        }
        let wantedPaths = Set(wanted.map(\.path))
        var toRemove: [String] = []
        for relativePath in index.paths where !wantedPaths.contains(relativePath) && Self.isInScope(relativePath, cluster: cluster) {
            let status = try FileSystem.entry(at: absolute(relativePath))
            if status == .file, index.owns(relativePath, content: ManifestIndex.hash(try FileSystem.read(absolute(relativePath)))) {
                toRemove.append(relativePath)
            } else if status != .absent {
                summary.abandoned.append(relativePath)
            }
        }

        // Record new hashes before renaming, so an interrupted write leaves files still known as ours.
        for file in toWrite { index.record(file.path, hash: file.hash) }
        if !toWrite.isEmpty { try FileSystem.writeAtomically(Array(index.text.utf8), to: indexPath) }
        for file in toWrite {
            try FileSystem.makeDirectory(absolute(Self.parent(of: file.path)))
            try FileSystem.writeAtomically(file.bytes, to: absolute(file.path))
            summary.written.append(file.path)
        }
        for relativePath in toRemove {
            try FileSystem.remove(absolute(relativePath))
            summary.removed.append(relativePath)
        }

        // The final index: exactly the wanted files with their current hashes, plus other clusters'.
        var final = ManifestIndex()
        for relativePath in index.paths where !Self.isInScope(relativePath, cluster: cluster) && !wantedPaths.contains(relativePath) {
            for hash in index.hashes[relativePath] ?? [] { final.record(relativePath, hash: hash) }
        }
        for (relativePath, bytes) in wanted { final.record(relativePath, hash: ManifestIndex.hash(bytes)) }
        if final != index || !toRemove.isEmpty || !summary.abandoned.isEmpty {
            try FileSystem.writeAtomically(Array(final.text.utf8), to: indexPath)
        }
        summary.written.sort()
        summary.unchanged.sort()
        summary.removed.sort()
        summary.abandoned.sort()
        return summary
    }

    // MARK: - Paths

    private func absolute(_ relativePath: String) -> String {
        path.hasSuffix("/") ? path + relativePath : path + "/" + relativePath
    }

    private static func parent(of relativePath: String) -> String {
        relativePath.split(separator: "/").dropLast().joined(separator: "/")
    }

    private static func isInScope(_ relativePath: String, cluster: String?) -> Bool {
        cluster.map { relativePath.hasPrefix($0 + "/") } ?? true
    }

    /// The rendered files by relative path, sorted; refuses unsafe paths and conflicting duplicates.
    private static func files(for documents: [ManifestDocument]) throws -> [(path: String, bytes: [UInt8])] {
        var files: [String: [UInt8]] = [:]
        for document in documents {
            let relativePath = document.relativePath
            for component in relativePath.split(separator: "/", omittingEmptySubsequences: false) {
                try checkComponent(String(component), of: relativePath)
            }
            let bytes = Array(ManifestRenderer.yaml(document).utf8)
            if let existing = files[relativePath], existing != bytes {
                throw CrosslinkError(.io, "two different manifests want \(relativePath.quoted)")
            }
            files[relativePath] = bytes
        }
        return files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A path component must be a plain name: it cannot be empty, `.`, `..`, hidden, or hold
    /// anything outside `[a-z0-9.-]`, so a document can never write outside the directory or
    /// over the index.
    private static func checkComponent(_ component: String, of relativePath: String) throws {
        let allowed = component.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        guard allowed, !component.isEmpty, !component.hasPrefix(".") else {
            throw CrosslinkError(.io, "manifest path \(relativePath.quoted) is not a safe relative path")
        }
    }

    // MARK: - Checks

    private func prepareRoot() throws {
        // The directory itself may be a symlink the user chose; only what is inside is guarded.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CrosslinkError(.io, "\(path) exists and is not a directory") }
        } else {
            try FileSystem.makeDirectory(path)
        }
    }

    private func loadIndex(at indexPath: String) throws -> ManifestIndex {
        switch try FileSystem.entry(at: indexPath) {
        case .absent: return ManifestIndex()
        case .file: return try ManifestIndex(parsing: String(decoding: try FileSystem.read(indexPath), as: UTF8.self), at: indexPath)
        default: throw CrosslinkError(.io, "\(indexPath) is not a regular file; crosslink will not follow or replace it")
        }
    }

    /// The bytes at a manifest path, nil when nothing is there; refuses symlinks and non-files at
    /// the path and symlinks or files in place of its directories.
    private func existingContent(of relativePath: String) throws -> [UInt8]? {
        let components = relativePath.split(separator: "/").map(String.init)
        var current = ""
        for (offset, component) in components.enumerated() {
            current = current.isEmpty ? component : current + "/" + component
            let isLast = offset == components.count - 1
            switch try FileSystem.entry(at: absolute(current)) {
            case .absent:
                return nil
            case .directory where !isLast:
                continue
            case .file where isLast:
                return try FileSystem.read(absolute(current))
            case .symlink:
                throw CrosslinkError(.io, "\(absolute(current)) is a symlink; crosslink will not write through it. Remove it or choose another --out directory")
            default:
                throw CrosslinkError(.io, "\(absolute(current)) is in the way of \(relativePath) and was not written by crosslink; move it away")
            }
        }
        return nil
    }
}
