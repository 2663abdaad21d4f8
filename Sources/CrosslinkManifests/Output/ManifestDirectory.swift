import CrosslinkCore
import Foundation

/// An output directory that crosslink keeps in step with its manifests (`crosslink manifests --out DIR`).
///
/// Each document goes to `DIR/<cluster>/<namespace>/<kind>-<name>.yaml`. An index inside the
/// directory (`.crosslink-manifests`) records what crosslink wrote, so the next write removes files it
/// no longer wants. Files crosslink did not write are never touched: when one sits where a manifest
/// must go, a path has a symlink on the way, or the index lists a path outside the directory, the
/// write fails before any change. A write is all or nothing (see ``ManifestSwitch``), and writers of
/// one directory take turns on a lock file (`.crosslink-manifests.lock`).
package struct ManifestDirectory: Sendable {
    /// The directory, created on first write.
    package let path: String

    /// The name of the index file inside the directory.
    package static let indexFileName = ManifestIndex.fileName

    /// The name of the lock file inside the directory. It stays after a write: removing it would let
    /// a writer that opened it before the removal and one that opens the new file hold two locks.
    package static let lockFileName = ".crosslink-manifests.lock"

    /// The file operations used; tests replace it to inject failures.
    var fileSystem = FileSystem()

    /// An output directory at `path` (nothing is touched until ``write(_:pruningOnly:committing:)``).
    package init(path: String) {
        self.path = path
    }

    /// Writes `documents`, then removes files written before that are no longer wanted: all of it,
    /// or (when anything fails, `commit` included) none of it.
    ///
    /// - Parameters:
    ///   - documents: The complete set of documents wanted (for `cluster`, when given).
    ///   - cluster: Prune only under `DIR/<cluster>/`, for a write filtered with
    ///     `documents.filter(cluster:)`; files of other clusters stay as they are. Nil prunes everything.
    ///   - commit: Runs once every file is in place, while the previous versions are still kept: when
    ///     it throws, the directory is put back exactly as it was (`reconcile --out` commits its
    ///     database transaction here).
    /// - Returns: Which files were written, unchanged, removed and abandoned.
    /// - Throws: `CrosslinkError` (`io`) when a manifest path holds a file crosslink did not write, a
    ///   symlink, or a directory; when a document's path or a path in the index is unsafe; or when the
    ///   file system fails. Whatever `commit` throws.
    @discardableResult
    package func write(_ documents: [ManifestDocument], pruningOnly cluster: String? = nil, committing commit: () throws -> Void = {}) throws
        -> ManifestWriteSummary
    {
        let wanted = try Self.files(for: documents, cluster: cluster)
        try prepareRoot()
        let tree = OutputTree(root: try fileSystem.openRoot(path), path: path, fileSystem: fileSystem)
        // Held until the write is final: two writers must not both read the index, then each write
        // their own version of it.
        let lock = try fileSystem.lock(
            Self.lockFileName, in: tree.root, directoryPath: path, path: tree.absolute(Self.lockFileName), shared: false, creating: true)
        return try withExtendedLifetime(lock) {
            // A write that died after placing files and before it was final is undone first (before
            // the clean-up below, which would delete the previous versions it kept).
            try ManifestJournal.recover(in: tree)
            let plan = try ManifestWritePlan(wanted: wanted, pruningOnly: cluster, in: tree)
            // A write killed between staging and renaming leaves temporaries behind; clear those.
            for directory in plan.directories {
                if directory.isEmpty {
                    fileSystem.removeAbandonedTemporaries(in: tree.root)
                } else if let (parent, name) = try? tree.parent(of: directory), let opened = try? fileSystem.openDirectory(name, in: parent, path: directory) {
                    fileSystem.removeAbandonedTemporaries(in: opened)
                }
            }
            var change = ManifestSwitch(plan, in: tree)
            try change.stage()
            do {
                try change.switchOver()
                try commit()
            } catch let kill as FileSystem.SimulatedKill {
                throw kill
            } catch {
                let failures = change.rollBack()
                guard failures.isEmpty else {
                    throw CrosslinkError(.io, "\(error); and \(path) could not be put back as it was: \(failures.joined(separator: "; "))")
                }
                throw error
            }
            change.finish()
            return plan.summary
        }
    }

    /// What ``write(_:pruningOnly:committing:)`` would do now, changing nothing: not even creating
    /// the directory or its lock file. Refuses exactly what the write would refuse.
    package func plan(_ documents: [ManifestDocument], pruningOnly cluster: String? = nil) throws -> ManifestWriteSummary {
        let wanted = try Self.files(for: documents, cluster: cluster)
        guard try rootExists() else {
            let paths = wanted.map(\.path)
            return ManifestWriteSummary(written: paths)
        }
        let tree = OutputTree(root: try fileSystem.openRoot(path), path: path, fileSystem: fileSystem)
        // Shared: waits for a write under way, so the preview is of a whole state.
        let lock = try fileSystem.lock(
            Self.lockFileName, in: tree.root, directoryPath: path, path: tree.absolute(Self.lockFileName), shared: true, creating: false)
        return try withExtendedLifetime(lock) { try ManifestWritePlan(wanted: wanted, pruningOnly: cluster, in: tree).summary }
    }

    // MARK: - Paths

    /// The rendered files by relative path, sorted; refuses unsafe paths and conflicting duplicates.
    private static func files(for documents: [ManifestDocument], cluster: String?) throws -> [(path: String, bytes: [UInt8])] {
        if let cluster, !ManifestPath.isPlainName(cluster) {
            throw CrosslinkError(.io, "manifest path \(cluster.quoted) is not a safe relative path")
        }
        var files: [String: [UInt8]] = [:]
        for document in documents {
            let relativePath = document.relativePath
            guard ManifestPath.isPlain(relativePath) else {
                throw CrosslinkError(.io, "manifest path \(relativePath.quoted) is not a safe relative path")
            }
            let bytes = Array(ManifestRenderer.yaml(document).utf8)
            if let existing = files[relativePath], existing != bytes {
                throw CrosslinkError(.io, "two different manifests want \(relativePath.quoted)")
            }
            files[relativePath] = bytes
        }
        return files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    // MARK: - Checks

    /// Whether the directory exists; throws when something else is at its path.
    private func rootExists() throws -> Bool {
        // The directory itself may be a symlink the user chose; only what is inside is guarded.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        guard isDirectory.boolValue else { throw CrosslinkError(.io, "\(path) exists and is not a directory") }
        return true
    }

    private func prepareRoot() throws {
        guard try !rootExists() else { return }
        try FileSystem.makeDirectories(path)
    }
}
