import CrosslinkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The database file a `--db` value names: always a path in the file system, never an SQLite URI,
/// `:memory:` or the empty name (a temporary database), each of which would acknowledge writes and
/// store nothing.
struct DatabaseFile {
    /// The path as given, for messages.
    let path: String
    /// The name handed to SQLite. A relative path gets `./` in front: SQLite reads a name starting
    /// with `file:` as a URI whenever it was compiled with `SQLITE_USE_URI=1` (Debian's is), whatever
    /// the open flags say, and `SQLITE_CONFIG_URI` is process-global and only works before SQLite
    /// initialises. `./file:x.db?mode=memory` is a plain file name in the current directory.
    let openableName: String

    init(_ path: String) throws {
        if path.isEmpty {
            throw CrosslinkError(.invalidValue, "the database path is empty; give a file path with --db")
        }
        if path == ":memory:" {
            throw CrosslinkError(.invalidValue, "the database ':memory:' would keep nothing; give a file path (./:memory: names a file)")
        }
        self.path = path
        openableName = path.hasPrefix("/") ? path : "./" + path
    }

    /// An SQLite URI for opening the file immutable, built here from the absolute path with every
    /// byte but `[A-Za-z0-9/._~-]` percent-encoded, so no part of the path can act as a URI parameter.
    var immutableURI: String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                absolute = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
            }
        }
        let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._~-".utf8)
        var encoded = ""
        for byte in absolute.utf8 {
            if plain.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return "file://" + encoded + "?immutable=1"
    }

    /// Whether the file has a write-ahead log beside it (changes not yet checkpointed into the file).
    var hasWriteAheadLog: Bool {
        var info = stat()
        return stat(openableName + "-wal", &info) == 0 && info.st_size > 0
    }

    /// Whether the file exists (any kind of file; SQLite judges the rest).
    var exists: Bool {
        var info = stat()
        return stat(openableName, &info) == 0
    }

    /// Creates an empty file readable by its owner only, so the estate's layout is not world-readable.
    /// Does nothing when the file exists. SQLite's journal files copy this mode.
    func createPrivately() {
        let descriptor = open(openableName, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    /// Takes group and other permissions off the database and its journals when this user owns them.
    /// - Returns: a one-line warning when the database stays readable by others.
    func tightenPermissions() -> String? {
        var info = stat()
        guard stat(openableName, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        let mode = String(info.st_mode & 0o777, radix: 8)
        guard info.st_uid == geteuid() else {
            return "database \(path.quoted) has mode 0\(mode) and belongs to another user; crosslink cannot make it private (chmod 600 it)"
        }
        guard chmod(openableName, info.st_mode & 0o700) == 0 else {
            let reason = String(cString: strerror(errno))
            return "database \(path.quoted) has mode 0\(mode) and could not be made private: \(reason)"
        }
        for journal in ["-wal", "-shm", "-journal"] {
            var journalInfo = stat()
            let name = openableName + journal
            if stat(name, &journalInfo) == 0, journalInfo.st_uid == geteuid() { _ = chmod(name, journalInfo.st_mode & 0o700) }
        }
        return nil
    }
}
