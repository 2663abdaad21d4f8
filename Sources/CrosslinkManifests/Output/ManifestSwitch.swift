import CrosslinkCore

/// Carries out a ``ManifestWritePlan`` so that it can be undone until it is final.
///
/// 1. ``stage()``: every new file's bytes (and both new indexes) go to hidden temporary files next to
///    their targets, flushed. This is where a full disk shows; a failure removes what was staged.
///    Last, the journal (``ManifestJournal``): what the switch will do, so that the next write can
///    undo it when this process dies before step 4.
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
    /// The hidden names the switch keeps previous versions under, chosen before it starts so the
    /// journal can name them: by relative path, and the index's.
    private var keptNames: [String: String] = [:]
    private var keptIndexName: String?
    private var journalWritten = false

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
            try writeJournal()
        } catch let kill as FileSystem.SimulatedKill {
            throw kill
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
                let previous = keptNames[file.path] ?? FileSystem.temporaryName(for: name)
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
            let previous = keptNames[relativePath] ?? FileSystem.temporaryName(for: name)
            try fileSystem.rename(name, to: previous, in: directory, path: tree.absolute(relativePath))
            steps.append(.removed(path: relativePath, previous: previous))
        }
    }

    /// Makes the write final: the final index, and the previous versions dropped. Never throws: the
    /// caller has committed, and what is left on failure (a transitional index, hidden kept versions
    /// that the next write clears) is a state every later write handles.
    mutating func finish() {
        // First: from here on the write is final, and the next write must not undo it.
        if journalWritten, (try? fileSystem.remove(ManifestJournal.fileName, in: tree.root, path: journalPath)) != nil { journalWritten = false }
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
        failures += discardStaged()
        // Kept when the undo failed, so that the next write tries again.
        if failures.isEmpty && journalWritten {
            attempt { try fileSystem.remove(ManifestJournal.fileName, in: tree.root, path: journalPath) }
            journalWritten = false
        }
        return failures
    }

    // MARK: - Helpers

    private var indexPath: String { tree.absolute(ManifestIndex.fileName) }
    private var journalPath: String { tree.absolute(ManifestJournal.fileName) }

    /// Chooses the kept names and puts the journal naming them in place (flushed, then renamed, so it
    /// is whole or absent). Nothing to switch, no journal.
    private mutating func writeJournal() throws {
        guard !plan.toWrite.isEmpty || !plan.toRemove.isEmpty else { return }
        var steps: [ManifestJournal.Step] = []
        for file in plan.toWrite {
            let hash = ManifestIndex.hash(file.bytes)
            if file.replaces {
                let kept = FileSystem.temporaryName(for: ManifestPath.name(of: file.path))
                keptNames[file.path] = kept
                steps.append(.replaced(path: file.path, hash: hash, previous: kept))
            } else {
                steps.append(.created(path: file.path, hash: hash))
            }
        }
        for relativePath in plan.toRemove {
            let kept = FileSystem.temporaryName(for: ManifestPath.name(of: relativePath))
            keptNames[relativePath] = kept
            steps.append(.removed(path: relativePath, previous: kept))
        }
        if plan.indexExists { keptIndexName = FileSystem.temporaryName(for: ManifestIndex.fileName) }
        let journal = ManifestJournal(previousIndex: keptIndexName, steps: steps)
        let temporary = try fileSystem.writeTemporary(Array(journal.text.utf8), for: ManifestJournal.fileName, in: tree.root, path: journalPath)
        do {
            try fileSystem.rename(temporary, to: ManifestJournal.fileName, in: tree.root, path: journalPath)
        } catch {
            try? fileSystem.remove(temporary, in: tree.root, path: journalPath)
            throw error
        }
        journalWritten = true
    }

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
            let previous = keptIndexName ?? FileSystem.temporaryName(for: ManifestIndex.fileName)
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
