import CrosslinkCore

/// The one rule for relative paths inside an output directory, for the paths documents want and
/// for the paths read back from the index (which anyone able to write the directory can edit).
enum ManifestPath {
    /// Whether `relativePath` is a plain path inside the directory: components separated by single
    /// `/`, each a plain name (see ``isPlainName(_:)``), so no absolute path, no `..`, no `.`, no
    /// empty component, and nothing that could name the index, the lock or a temporary file.
    static func isPlain(_ relativePath: String) -> Bool {
        relativePath.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { isPlainName(String($0)) }
    }

    /// A component made of `[a-z0-9.-]`, neither empty nor starting with a dot.
    static func isPlainName(_ component: String) -> Bool {
        !component.isEmpty && !component.hasPrefix(".")
            && component.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
    }

    static func components(of relativePath: String) -> [String] {
        relativePath.split(separator: "/").map(String.init)
    }

    /// The last component.
    static func name(of relativePath: String) -> String {
        components(of: relativePath).last ?? relativePath
    }

    static func parent(of relativePath: String) -> String {
        components(of: relativePath).dropLast().joined(separator: "/")
    }
}
