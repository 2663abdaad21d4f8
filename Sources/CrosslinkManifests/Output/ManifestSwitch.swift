import CrosslinkCore

/// Carries out a ``ManifestWritePlan`` so that it can be undone until it is final.
///
/// 1. ``stage()``: every new file's bytes (and both new indexes) go to hidden temporary files next to
///    their targets, flushed. This is where a full disk shows; a failure removes what was staged.
/// 2. ``switchOver()``: the transitional index, then each file renamed into place. A replaced file
///    keeps its previous version under a second, hidden name (a hard link, so the replacement is
///    still one atomic rename); a pruned file is renamed aside. Renames need no space.
/// 3. The caller commits (the database, for `reconcile --out`).
/// 4. ``finish()`` installs the final index and drops the kept versions, or ``rollBack()`` renames
///    every kept version back, removes new files and directories, and restores the index.
struct ManifestSwitch {
    private enum Step {
        case created(path: String)
        case replaced(path: String, previous: String)
        case removed(path: String, previous: String)
    }

    private let plan: ManifestWritePlan
    private let tree: OutputTree
    private var staged: [String: String] = [:]
    private var stagedTransitionalIndex: String?
    private var stagedFinalIndex: String?
    private var createdDirectories: [String] = []
    private var steps: [Step] = []
    private var indexReplaced = false
    private var previousIndex: String?

    init(_ plan: ManifestWritePlan, in tree: OutputTree) {
        self.plan = plan
        self.tree = tree
    }

    private var fileSystem: FileSystem { tree.fileSystem }

    /// Writes every new file to a temporary next to its target; on failure nothing is left behind.
    mutating func stage() throws {
        do {
            for file in plan.toWrite {
                let (directory, name) = try tree.makeParent(of: file.path, created: &createdDirectories)
                staged[file.path] = try fileSystem.writeTemporary(file.bytes, for: name, in: directory, path: tree.absolute(file.path))
            }
            stagedTransitionalIndex = try plan.transitionalIndex.map(stageIndex)
            stagedFinalIndex = try plan.finalIndex.map(stageIndex)
        } catch {
            _ = discardStaged()
            throw error
        }
    }

    /// Puts every staged file in place, keeping the previous versions; throws on the first failure
    /// (the caller then rolls back).
    mutating func switchOver() throws {
        if let temporary = stagedTransitionalIndex {
            try replaceIndex(with: temporary)
            stagedTransitionalIndex = nil
        }
        for file in plan.toWrite {
            let (directory, name) = try located(file.path)
            guard let temporary = staged[file.path] else { continue }
            if file.replaces {
                let previous = FileSystem.temporaryName(for: name)
                try fileSystem.link(name, to: previous, in: directory, path: tree.absolute(file.path))
                do {
                    try fileSystem.rename(temporary, to: name, in: directory, path: tree.absolute(file.path))
                } catch {
                    // Not replaced: the second name is all there is to undo (renaming it back would be
                    // a no-op, both names being one file).
                    try? fileSystem.remove(previous, in: directory, path: tree.absolute(file.path))
                    throw error
                }
                steps.append(.replaced(path: file.path, previous: previous))
            } else {
                // A link, not a rename: it fails instead of replacing a file another program put
                // there since planning (the lock only keeps other crosslink writers out).
                try fileSystem.link(temporary, to: name, in: directory, path: tree.absolute(file.path))
                steps.append(.created(path: file.path))
                try? fileSystem.remove(temporary, in: directory, path: tree.absolute(file.path))
            }
            staged[file.path] = nil
        }
        for relativePath in plan.toRemove {
            let (directory, name) = try located(relativePath)
            let previous = FileSystem.temporaryName(for: name)
            try fileSystem.rename(name, to: previous, in: directory, path: tree.absolute(relativePath))
            steps.append(.removed(path: relativePath, previous: previous))
        }
    }

    /// Makes the write final: the final index, and the previous versions dropped. Never throws: the
    /// caller has committed, and what is left on failure (a transitional index, hidden kept versions
    /// that the next write clears) is a state every later write handles.
    mutating func finish() {
        if let temporary = stagedFinalIndex {
            if (try? replaceIndex(with: temporary)) == nil { try? fileSystem.remove(temporary, in: tree.root, path: indexPath) }
            stagedFinalIndex = nil
        }
        for step in steps {
            switch step {
            case .created: continue
            case .replaced(let path, let previous), .removed(let path, let previous):
                if let (directory, _) = try? tree.parent(of: path) { try? fileSystem.remove(previous, in: directory, path: tree.absolute(path)) }
            }
        }
        if let previousIndex { try? fileSystem.remove(previousIndex, in: tree.root, path: indexPath) }
        steps = []
    }

    /// Puts the directory back as it was before ``stage()``; returns what could not be restored.
    mutating func rollBack() -> [String] {
        var failures: [String] = []
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch { failures.append("\(error)") }
        }
        // Files first, the index last: until then the transitional index still knows both versions.
        for step in steps.reversed() {
            switch step {
            case .created(let path):
                attempt {
                    let (directory, name) = try located(path)
                    try fileSystem.remove(name, in: directory, path: tree.absolute(path))
                }
            case .replaced(let path, let previous), .removed(let path, let previous):
                attempt {
                    let (directory, name) = try located(path)
                    try fileSystem.rename(previous, to: name, in: directory, path: tree.absolute(path))
                }
            }
        }
        steps = []
        if !indexReplaced, let previousIndex {
            // Kept, but the rename that would have replaced the index failed: the index is as it was.
            attempt { try fileSystem.remove(previousIndex, in: tree.root, path: indexPath) }
            self.previousIndex = nil
        }
        if indexReplaced {
            attempt {
                if let previousIndex {
                    try fileSystem.rename(previousIndex, to: ManifestIndex.fileName, in: tree.root, path: indexPath)
                } else {
                    try fileSystem.remove(ManifestIndex.fileName, in: tree.root, path: indexPath)
                }
            }
            indexReplaced = false
            previousIndex = nil
        }
        return failures + discardStaged()
    }

    // MARK: - Helpers

    private var indexPath: String { tree.absolute(ManifestIndex.fileName) }

    private func stageIndex(_ index: ManifestIndex) throws -> String {
        try fileSystem.writeTemporary(Array(index.text.utf8), for: ManifestIndex.fileName, in: tree.root, path: indexPath)
    }

    private func located(_ relativePath: String) throws -> (directory: FileSystem.Descriptor, name: String) {
        guard let found = try tree.parent(of: relativePath) else {
            throw CrosslinkError(.io, "the directory of \(tree.absolute(relativePath)) disappeared during the write")
        }
        return found
    }

    /// Replaces the index with a staged one, keeping the first previous version for a rollback.
    private mutating func replaceIndex(with temporary: String) throws {
        if plan.indexExists && previousIndex == nil {
            let previous = FileSystem.temporaryName(for: ManifestIndex.fileName)
            try fileSystem.link(ManifestIndex.fileName, to: previous, in: tree.root, path: indexPath)
            previousIndex = previous
        }
        try fileSystem.rename(temporary, to: ManifestIndex.fileName, in: tree.root, path: indexPath)
        indexReplaced = true
    }

    /// Removes staged temporaries and the directories this write created; returns what failed.
    private mutating func discardStaged() -> [String] {
        var failures: [String] = []
        for (relativePath, temporary) in staged.sorted(by: { $0.key < $1.key }) {
            do {
                if let (directory, _) = try tree.parent(of: relativePath) {
                    try fileSystem.remove(temporary, in: directory, path: tree.absolute(relativePath))
                }
            } catch { failures.append("\(error)") }
        }
        staged = [:]
        for temporary in [stagedTransitionalIndex, stagedFinalIndex].compactMap({ $0 }) {
            do { try fileSystem.remove(temporary, in: tree.root, path: indexPath) } catch { failures.append("\(error)") }
        }
        (stagedTransitionalIndex, stagedFinalIndex) = (nil, nil)
        for relativeDirectory in createdDirectories.reversed() {
            if let (parent, name) = try? tree.parent(of: relativeDirectory) { fileSystem.removeEmptyDirectory(name, in: parent) }
        }
        createdDirectories = []
        return failures
    }
}
