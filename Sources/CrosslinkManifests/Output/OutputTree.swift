import CrosslinkCore

/// The output directory opened for one write: finds what lies at relative paths by opening each
/// directory on the way without following symlinks, so every path read, written or removed is
/// checked on every component, at the moment it is used.
struct OutputTree {
    let root: FileSystem.Descriptor
    let path: String
    let fileSystem: FileSystem

    func absolute(_ relativePath: String) -> String {
        relativePath.isEmpty ? path : path.hasSuffix("/") ? path + relativePath : path + "/" + relativePath
    }

    /// The directory holding `relativePath` and the path's last component; nil when a directory on
    /// the way does not exist. A symlink or a non-directory in place of a directory is refused.
    func parent(of relativePath: String) throws -> (directory: FileSystem.Descriptor, name: String)? {
        var unused: [String] = []
        return try resolve(relativePath, creating: false, created: &unused)
    }

    /// Like ``parent(of:)`` but creates missing directories, appending each one to `created`.
    func makeParent(of relativePath: String, created: inout [String]) throws -> (directory: FileSystem.Descriptor, name: String) {
        guard let found = try resolve(relativePath, creating: true, created: &created) else {
            throw CrosslinkError(.io, "cannot create the directories of \(absolute(relativePath))")
        }
        return found
    }

    /// What is at `relativePath` (absent when a directory on the way is absent).
    func entry(at relativePath: String) throws -> FileSystem.Entry {
        guard let (directory, name) = try parent(of: relativePath) else { return .absent }
        return try fileSystem.entry(name, in: directory, path: absolute(relativePath))
    }

    private func resolve(_ relativePath: String, creating: Bool, created: inout [String]) throws -> (directory: FileSystem.Descriptor, name: String)? {
        let components = ManifestPath.components(of: relativePath)
        guard let name = components.last else { return nil }
        var directory = root
        var current = ""
        for component in components.dropLast() {
            current = current.isEmpty ? component : current + "/" + component
            switch try fileSystem.entry(component, in: directory, path: absolute(current)) {
            case .directory:
                break
            case .absent:
                guard creating else { return nil }
                try fileSystem.makeDirectory(component, in: directory, path: absolute(current))
                created.append(current)
            case .symlink:
                throw CrosslinkError(
                    .io, "\(absolute(current)) is a symlink; crosslink will not write or remove through it. Remove it or choose another --out directory")
            case .file, .other:
                throw CrosslinkError(.io, "\(absolute(current)) is in the way of \(relativePath) and was not written by crosslink; move it away")
            }
            // O_NOFOLLOW: a symlink swapped in since the check above fails here instead of being followed.
            directory = try fileSystem.openDirectory(component, in: directory, path: absolute(current))
        }
        return (directory, name)
    }
}
