import CrosslinkCore

/// What a write is about to do to the output directory, written (flushed, renamed into place) before
/// its first file is switched and removed once the write is final or undone. A journal found by the
/// next write means its writer died in between (killed after placing files, before its database
/// commit): that write undoes it first, so the directory is as the last finished write left it and
/// never ahead of a database that did not commit.
///
/// Like the index it is untrusted input: every path must be plain, every kept name one of crosslink's
/// hidden temporary names, and a file is only removed or replaced when its bytes are the ones the
/// journal says that write put there.
struct ManifestJournal: Equatable {
    static let fileName = ".crosslink-manifests.journal"
    private static let header = "# A crosslink write in progress; the next write undoes it. Do not edit."

    enum Step: Equatable {
        /// A new file (its content hash).
        case created(path: String, hash: String)
        /// A file replaced; its previous version kept under `previous` in the same directory.
        case replaced(path: String, hash: String, previous: String)
        /// A file pruned: renamed to `previous` in the same directory.
        case removed(path: String, previous: String)
    }

    /// The previous index's kept name; nil when there was no index.
    var previousIndex: String?
    var steps: [Step] = []

    init(previousIndex: String?, steps: [Step]) {
        self.previousIndex = previousIndex
        self.steps = steps
    }

    var text: String {
        var lines = [Self.header, "index \(previousIndex ?? "-")"]
        for step in steps {
            switch step {
            case .created(let path, let hash): lines.append("created \(hash) \(path)")
            case .replaced(let path, let hash, let previous): lines.append("replaced \(hash) \(previous) \(path)")
            case .removed(let path, let previous): lines.append("removed - \(previous) \(path)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    init(parsing text: String, at path: String) throws {
        func refuse(_ line: Substring) -> CrosslinkError {
            let shown = line.count > 120 ? String(line.prefix(120)) + "…" : String(line)
            return CrosslinkError(.io, "\(path) is not a crosslink write journal (bad line \(shown.quoted)); move it away and write again")
        }
        var sawIndex = false
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            // The path comes last and is the rest of the line (a manifest path may hold a space).
            let kind = line.prefix { $0 != " " }
            let fields = line.split(separator: " ", maxSplits: kind == "created" ? 2 : 3, omittingEmptySubsequences: false)
            if kind == "index", fields.count == 2, !sawIndex {
                guard fields[1] == "-" || Self.isKeptName(fields[1]) else { throw refuse(line) }
                previousIndex = fields[1] == "-" ? nil : String(fields[1])
                sawIndex = true
                continue
            }
            guard sawIndex, let path = fields.last.map(String.init), ManifestPath.isPlain(path) else { throw refuse(line) }
            switch kind {
            case "created" where fields.count == 3 && Self.isHash(fields[1]):
                steps.append(.created(path: path, hash: String(fields[1])))
            case "replaced" where fields.count == 4 && Self.isHash(fields[1]) && Self.isKeptName(fields[2]):
                steps.append(.replaced(path: path, hash: String(fields[1]), previous: String(fields[2])))
            case "removed" where fields.count == 4 && fields[1] == "-" && Self.isKeptName(fields[2]):
                steps.append(.removed(path: path, previous: String(fields[2])))
            default:
                throw refuse(line)
            }
        }
        guard sawIndex else { throw refuse("") }
    }

    private static func isHash(_ text: Substring) -> Bool {
        text.count == 16 && text.allSatisfy(\.isHexDigit)
    }

    /// A name ``FileSystem/temporaryName(for:)`` makes: hidden, one component, ending in `.tmp`.
    private static func isKeptName(_ text: Substring) -> Bool {
        text.hasPrefix(".") && text.hasSuffix(".tmp") && text.contains(".crosslink-") && !text.contains("/") && text != "." && text != ".."
    }
}

extension ManifestJournal {
    /// Undoes the write a journal in `tree` describes, if there is one, and removes the journal.
    /// Called under the directory's exclusive lock, so the writer that left it is gone.
    static func recover(in tree: OutputTree) throws {
        let fileSystem = tree.fileSystem
        let path = tree.absolute(fileName)
        switch try fileSystem.entry(fileName, in: tree.root, path: path) {
        case .absent: return
        case .file: break
        default: throw CrosslinkError(.io, "\(path) is not a regular file; crosslink will not follow or replace it")
        }
        let journal = try ManifestJournal(parsing: String(decoding: try fileSystem.read(fileName, in: tree.root, path: path), as: UTF8.self), at: path)
        try journal.undo(in: tree)
        try fileSystem.remove(fileName, in: tree.root, path: path)
    }

    /// Puts back what the steps did, last first, then the index. Each step is undone only where the
    /// directory still shows it (a kill may have come before it), and a file is removed or replaced
    /// only while it holds the bytes that write put there.
    private func undo(in tree: OutputTree) throws {
        let fileSystem = tree.fileSystem
        func holds(_ name: String, _ hash: String, in directory: FileSystem.Descriptor, path: String) throws -> Bool {
            try fileSystem.entry(name, in: directory, path: path) == .file && ManifestIndex.hash(try fileSystem.read(name, in: directory, path: path)) == hash
        }
        for step in steps.reversed() {
            switch step {
            case .created(let relativePath, let hash):
                guard let (directory, name) = try tree.parent(of: relativePath) else { continue }
                let path = tree.absolute(relativePath)
                if try holds(name, hash, in: directory, path: path) { try fileSystem.remove(name, in: directory, path: path) }
            case .replaced(let relativePath, let hash, let previous):
                guard let (directory, name) = try tree.parent(of: relativePath) else { continue }
                let path = tree.absolute(relativePath)
                guard try fileSystem.entry(previous, in: directory, path: path) == .file else { continue }
                let current = try fileSystem.entry(name, in: directory, path: path)
                if try current == .absent || holds(name, hash, in: directory, path: path) {
                    try fileSystem.rename(previous, to: name, in: directory, path: path)
                }
                // Still there when both names were one file (killed between the link and the rename),
                // or when someone changed the file since: the kept copy is not needed either way.
                try fileSystem.remove(previous, in: directory, path: path)
            case .removed(let relativePath, let previous):
                guard let (directory, name) = try tree.parent(of: relativePath) else { continue }
                let path = tree.absolute(relativePath)
                if try fileSystem.entry(previous, in: directory, path: path) == .file, try fileSystem.entry(name, in: directory, path: path) == .absent {
                    try fileSystem.rename(previous, to: name, in: directory, path: path)
                }
            }
        }
        let indexPath = tree.absolute(ManifestIndex.fileName)
        if let previousIndex {
            if try fileSystem.entry(previousIndex, in: tree.root, path: indexPath) == .file {
                try fileSystem.rename(previousIndex, to: ManifestIndex.fileName, in: tree.root, path: indexPath)
            }
        } else if try fileSystem.entry(ManifestIndex.fileName, in: tree.root, path: indexPath) == .file {
            // There was no index before that write: the one there is its transitional index, if it
            // records every file the journal says that write put in place (a forged journal cannot
            // make crosslink drop an index that is not its).
            let index = try ManifestIndex(
                parsing: String(decoding: try fileSystem.read(ManifestIndex.fileName, in: tree.root, path: indexPath), as: UTF8.self), at: indexPath)
            let written = steps.compactMap { step -> (String, String)? in
                switch step {
                case .created(let path, let hash), .replaced(let path, let hash, _): (path, hash)
                case .removed: nil
                }
            }
            if !written.isEmpty && written.allSatisfy({ index.owns($0.0, content: $0.1) }) {
                try fileSystem.remove(ManifestIndex.fileName, in: tree.root, path: indexPath)
            }
        }
    }
}
