import CrosslinkCore

/// Everything one write of an output directory will do, worked out before the first change on disk,
/// so that every refusal (a foreign file, a symlink, an untrusted index) comes before any change.
struct ManifestWritePlan {
    struct File {
        var path: String
        var bytes: [UInt8]
        /// Whether an older version crosslink wrote is there now (kept until the write is final).
        var replaces: Bool
    }

    /// The index as found (empty when there was none).
    var index: ManifestIndex
    var indexExists: Bool
    var toWrite: [File] = []
    var toRemove: [String] = []
    var summary = ManifestWriteSummary()
    /// The index while files are renamed: old and new hashes both, so a crash mid-way never turns
    /// crosslink's own file into a stranger. Nil when no file is written.
    var transitionalIndex: ManifestIndex?
    /// The index once the write is final: exactly the wanted files, plus other clusters' entries.
    /// Nil when it equals the index found.
    var finalIndex: ManifestIndex?

    /// Plans writing `wanted` (sorted by path) into `tree`, pruning only under `cluster` when given.
    init(wanted: [(path: String, bytes: [UInt8])], pruningOnly cluster: String?, in tree: OutputTree) throws {
        let indexPath = tree.absolute(ManifestIndex.fileName)
        switch try tree.fileSystem.entry(ManifestIndex.fileName, in: tree.root, path: indexPath) {
        case .absent:
            (index, indexExists) = (ManifestIndex(), false)
        case .file:
            let text = String(decoding: try tree.fileSystem.read(ManifestIndex.fileName, in: tree.root, path: indexPath), as: UTF8.self)
            (index, indexExists) = (try ManifestIndex(parsing: text, at: indexPath), true)
        default:
            throw CrosslinkError(.io, "\(indexPath) is not a regular file; crosslink will not follow or replace it")
        }

        for (relativePath, bytes) in wanted {
            guard let current = try Self.content(at: relativePath, in: tree) else {
                toWrite.append(File(path: relativePath, bytes: bytes, replaces: false))
                continue
            }
            guard index.owns(relativePath, content: ManifestIndex.hash(current)) else {
                throw CrosslinkError(
                    .io, "\(tree.absolute(relativePath)) exists and was not written by crosslink; move it away or choose another --out directory")
            }
            if current == bytes {
                summary.unchanged.append(relativePath)
            } else {
                toWrite.append(File(path: relativePath, bytes: bytes, replaces: true))
            }
        }
        let wantedPaths = Set(wanted.map(\.path))
        for relativePath in index.paths where !wantedPaths.contains(relativePath) && Self.isInScope(relativePath, cluster: cluster) {
            // The same component-by-component check as for writes: a symlinked directory refuses the write.
            guard let (directory, name) = try tree.parent(of: relativePath) else { continue }
            let path = tree.absolute(relativePath)
            switch try tree.fileSystem.entry(name, in: directory, path: path) {
            case .absent:
                continue
            case .file where index.owns(relativePath, content: ManifestIndex.hash(try tree.fileSystem.read(name, in: directory, path: path))):
                toRemove.append(relativePath)
            default:
                summary.abandoned.append(relativePath)
            }
        }

        summary.written = toWrite.map(\.path)
        summary.changed = toWrite.filter(\.replaces).map(\.path)
        summary.removed = toRemove
        if !toWrite.isEmpty {
            var transitional = index
            for file in toWrite { transitional.record(file.path, hash: ManifestIndex.hash(file.bytes)) }
            transitionalIndex = transitional
        }
        var final = ManifestIndex()
        for relativePath in index.paths where !Self.isInScope(relativePath, cluster: cluster) && !wantedPaths.contains(relativePath) {
            for hash in index.hashes[relativePath] ?? [] { final.record(relativePath, hash: hash) }
        }
        for (relativePath, bytes) in wanted { final.record(relativePath, hash: ManifestIndex.hash(bytes)) }
        if final != index { finalIndex = final }
    }

    /// The relative directories whose leftover temporary files this write may clear.
    var directories: [String] {
        Set([""] + (index.paths + toWrite.map(\.path) + summary.unchanged).map(ManifestPath.parent(of:))).sorted()
    }

    static func isInScope(_ relativePath: String, cluster: String?) -> Bool {
        cluster.map { relativePath.hasPrefix($0 + "/") } ?? true
    }

    /// The bytes at a manifest path, nil when nothing is there; refuses symlinks and non-files at
    /// the path and symlinks or files in place of its directories.
    private static func content(at relativePath: String, in tree: OutputTree) throws -> [UInt8]? {
        guard let (directory, name) = try tree.parent(of: relativePath) else { return nil }
        let path = tree.absolute(relativePath)
        switch try tree.fileSystem.entry(name, in: directory, path: path) {
        case .absent:
            return nil
        case .file:
            return try tree.fileSystem.read(name, in: directory, path: path)
        case .symlink:
            throw CrosslinkError(.io, "\(path) is a symlink; crosslink will not write through it. Remove it or choose another --out directory")
        case .directory, .other:
            throw CrosslinkError(.io, "\(path) is in the way of \(relativePath) and was not written by crosslink; move it away")
        }
    }
}
