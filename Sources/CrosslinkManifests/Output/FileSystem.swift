import CrosslinkCore
import Foundation

/// The POSIX calls the output directory needs, each relative to an open directory and none following
/// a symlink, so that a symlink swapped in below the output directory can never redirect a write, a
/// rename or a removal outside it.
struct FileSystem: Sendable {
    /// What sits at a name, without following a final symlink.
    enum Entry: Equatable {
        case absent
        case file
        case directory
        case symlink
        case other
    }

    /// The operations a test can make fail (see ``injectedFailure``).
    enum Operation: Sendable {
        case makeDirectory, write, link, rename, remove
    }

    /// Test hook: returns an `errno` to fail an operation on a name with, or nil to perform it.
    /// Lets tests interrupt a write anywhere (a full disk mid-way, a failing rename) without a
    /// special file system. ``simulatedKill`` instead stops the write there as SIGKILL would: no
    /// undo, no clean-up.
    var injectedFailure: (@Sendable (Operation, String) -> Int32?)?

    /// What ``injectedFailure`` returns to stop a write as if the process were killed there.
    static let simulatedKill: Int32 = -1

    /// Thrown for ``simulatedKill`` (and by a test's commit, for a kill before the commit); a write
    /// passes it on without undoing anything.
    struct SimulatedKill: Error {}

    init(injectedFailure: (@Sendable (Operation, String) -> Int32?)? = nil) {
        self.injectedFailure = injectedFailure
    }

    /// An open file descriptor, closed when the last reference goes.
    final class Descriptor {
        let raw: Int32
        init(_ raw: Int32) { self.raw = raw }
        deinit { close(raw) }
    }

    /// Opens the output directory itself (which may be a symlink the user chose).
    func openRoot(_ path: String) throws -> Descriptor {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open directory \(path)") }
        return Descriptor(descriptor)
    }

    func entry(_ name: String, in directory: Descriptor, path: String) throws -> Entry {
        var status = stat()
        guard fstatat(directory.raw, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .absent }
            throw Self.failure("cannot inspect \(path)")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Opens a subdirectory; fails rather than follow a symlink put in its place.
    func openDirectory(_ name: String, in directory: Descriptor, path: String) throws -> Descriptor {
        let descriptor = openat(directory.raw, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot open directory \(path)") }
        return Descriptor(descriptor)
    }

    func makeDirectory(_ name: String, in directory: Descriptor, path: String) throws {
        try check(.makeDirectory, name, "cannot create directory \(path)")
        guard mkdirat(directory.raw, name, 0o755) == 0 else { throw Self.failure("cannot create directory \(path)") }
    }

    func read(_ name: String, in directory: Descriptor, path: String) throws -> [UInt8] {
        let descriptor = openat(directory.raw, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure("cannot read \(path)") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.failure("cannot read \(path)") }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
        }
    }

    /// Writes `bytes` to a new hidden temporary file next to `name` (same directory, so a rename
    /// stays on one file system), flushed to disk; returns the temporary's name.
    func writeTemporary(_ bytes: [UInt8], for name: String, in directory: Descriptor, path: String) throws -> String {
        let temporary = Self.temporaryName(for: name)
        try check(.write, name, "cannot write \(path)")
        let descriptor = openat(directory.raw, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure("cannot create a temporary file for \(path)") }
        var succeeded = false
        defer {
            close(descriptor)
            if !succeeded { unlinkat(directory.raw, temporary, 0) }
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Self.failure("cannot write \(path)") }
            offset += count
        }
        // Flushed before any rename, so a crash leaves the old file or the new one, never half.
        guard fsync(descriptor) == 0 else { throw Self.failure("cannot flush \(path)") }
        succeeded = true
        return temporary
    }

    /// A second name for a file; fails when `newName` exists. Keeps a previous version while a write
    /// can still be undone, and puts a new file in place without replacing one that appeared.
    func link(_ name: String, to newName: String, in directory: Descriptor, path: String) throws {
        try check(.link, name, "cannot link \(path)")
        guard linkat(directory.raw, name, directory.raw, newName, 0) == 0 else { throw Self.failure("cannot link \(path)") }
    }

    func rename(_ name: String, to newName: String, in directory: Descriptor, path: String) throws {
        try check(.rename, name, "cannot rename in \(path)")
        guard renameat(directory.raw, name, directory.raw, newName) == 0 else { throw Self.failure("cannot rename in \(path)") }
    }

    func remove(_ name: String, in directory: Descriptor, path: String) throws {
        try check(.remove, name, "cannot remove \(path)")
        guard unlinkat(directory.raw, name, 0) == 0 || errno == ENOENT else { throw Self.failure("cannot remove \(path)") }
    }

    /// Removes an empty directory this write created; leaves it when anything else appeared in it.
    func removeEmptyDirectory(_ name: String, in directory: Descriptor) {
        unlinkat(directory.raw, name, AT_REMOVEDIR)
    }

    /// Removes temporary files that an interrupted write left in `directory`: only names of its own
    /// pattern (`.NAME.crosslink-PID-N.tmp`) whose process is gone, so a concurrent writer's file in
    /// progress is never touched.
    func removeAbandonedTemporaries(in directory: Descriptor) {
        for name in Self.names(in: directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let marker = name.range(of: ".crosslink-", options: .backwards) else { continue }
            let fields = name[marker.upperBound...].dropLast(4).split(separator: "-")
            guard fields.count == 2, let pid = Int32(fields[0]), fields[1].allSatisfy(\.isNumber) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlinkat(directory.raw, name, 0) }
        }
    }

    /// Creates the directory at `path` and any missing parents (`mkdir -p`); one line naming the
    /// directory and the system's reason on failure.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw failure("cannot create directory \(path)") }
            prefix += "/"
        }
    }

    /// Takes an exclusive (`shared: false`) or shared lock on `name` in `directory`, waiting for it;
    /// the lock lasts as long as the returned descriptor. With `creating: false` a missing lock
    /// file gives nil (a dry run never creates one).
    /// - Parameter directoryPath: the directory's path as the user gave it, named when it is not writable.
    func lock(_ name: String, in directory: Descriptor, directoryPath: String, path: String, shared: Bool, creating: Bool) throws -> Descriptor? {
        let flags = (creating ? O_RDWR | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC
        let raw = openat(directory.raw, name, flags, 0o644)
        guard raw >= 0 else {
            if !creating && errno == ENOENT { return nil }
            // The first thing a write creates: a read-only directory shows here, and the user needs
            // the directory named, not the lock file they never asked for.
            if creating && [EACCES, EPERM, EROFS].contains(errno) {
                throw CrosslinkError(
                    .io, "cannot write to \(directoryPath): \(String(cString: strerror(errno))); make it writable or choose another --out directory")
            }
            throw Self.failure("cannot open the lock file \(path)")
        }
        let descriptor = Descriptor(raw)
        while flock(raw, shared ? LOCK_SH : LOCK_EX) != 0 {
            guard errno == EINTR else { throw Self.failure("cannot lock \(path)") }
        }
        return descriptor
    }

    /// A fresh temporary name next to `name`, in the pattern ``removeAbandonedTemporaries(in:)`` knows.
    static func temporaryName(for name: String) -> String {
        ".\(name).crosslink-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
    }

    private static func names(in directory: Descriptor) -> [String] {
        let copy = dup(directory.raw)
        guard copy >= 0 else { return [] }
        guard let stream = fdopendir(copy) else {
            close(copy)
            return []
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            var raw = entry.pointee.d_name
            let capacity = MemoryLayout.size(ofValue: raw)
            names.append(withUnsafePointer(to: &raw) { $0.withMemoryRebound(to: CChar.self, capacity: capacity) { String(cString: $0) } })
        }
        return names
    }

    private func check(_ operation: Operation, _ name: String, _ message: String) throws {
        if let code = injectedFailure?(operation, name) {
            if code == Self.simulatedKill { throw SimulatedKill() }
            errno = code
            throw Self.failure(message)
        }
    }

    private static func failure(_ message: String) -> CrosslinkError {
        CrosslinkError(.io, "\(message): \(String(cString: strerror(errno)))")
    }
}
