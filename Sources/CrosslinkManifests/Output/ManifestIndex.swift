import CrosslinkCore

/// The record, kept inside the output directory, of the files crosslink wrote there.
///
/// One line per file: the FNV-1a hash of the bytes written, two spaces, the relative path. A path
/// may appear twice while a write is under way (old and new content), so that a crash between
/// renames never turns crosslink's own file into a stranger. A file counts as crosslink's only
/// while its bytes still match a recorded hash: a file someone edited is theirs now.
struct ManifestIndex: Equatable {
    static let fileName = ".crosslink-manifests"
    private static let header = "# Files crosslink wrote in this directory: content hash, path. Do not edit."

    /// Relative path → hashes of contents crosslink wrote there.
    private(set) var hashes: [String: Set<String>] = [:]

    init() {}

    /// Parses the index text; a line that is not `HASH  PATH` means the file is not ours to trust.
    ///
    /// Anyone who can write the directory can edit the index, so its paths are untrusted input:
    /// each must be a plain relative path crosslink could have written (``ManifestPath/isPlain(_:)``),
    /// or the whole write is refused before anything is touched.
    init(parsing text: String, at path: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 16, parts[0].allSatisfy(\.isHexDigit), parts[1].hasPrefix(" "), parts[1].count > 1 else {
                throw CrosslinkError(.io, "\(path) is not a crosslink manifest index (bad line \(Self.excerpt(line).quoted)); move it away and write again")
            }
            let entry = String(parts[1].dropFirst())
            guard ManifestPath.isPlain(entry) else {
                throw CrosslinkError(
                    .io,
                    "\(path) lists \(Self.excerpt(entry[...]).quoted), which is not a plain relative path inside the directory; crosslink will not touch it. Remove that line or the index and write again"
                )
            }
            record(entry, hash: String(parts[0]))
        }
    }

    /// A bad line cut to a length that keeps the error on one readable line.
    private static func excerpt(_ text: Substring) -> String {
        text.count > 120 ? String(text.prefix(120)) + "…" : String(text)
    }

    var paths: [String] { hashes.keys.sorted() }

    /// Whether crosslink wrote exactly `content` at `path`.
    func owns(_ path: String, content hash: String) -> Bool {
        hashes[path]?.contains(hash) ?? false
    }

    mutating func record(_ path: String, hash: String) {
        hashes[path, default: []].insert(hash)
    }

    mutating func forget(_ path: String) {
        hashes[path] = nil
    }

    /// The index file's bytes, sorted so the same files give the same index.
    var text: String {
        var lines = [Self.header]
        for path in paths {
            for hash in (hashes[path] ?? []).sorted() { lines.append("\(hash)  \(path)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The content hash recorded for `bytes`.
    static func hash(_ bytes: some Sequence<UInt8>) -> String {
        FNV1a.hash(bytes).hexadecimal(digits: 16)
    }
}
