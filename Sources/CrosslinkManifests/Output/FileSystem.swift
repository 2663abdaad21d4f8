import CrosslinkCore
import Foundation

/// The few POSIX calls the output directory needs, each refusing to follow symlinks where a
/// symlink could redirect a write outside the directory.
enum FileSystem {
    /// What sits at a path, without following a final symlink.
    enum Entry: Equatable {
        case absent
        case file
        case directory
        case symlink
        case other
    }

    static func entry(at path: String) throws -> Entry {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .absent }
            throw failure("cannot inspect \(path)")
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CrosslinkError(.io, "cannot read \(path)")
        }
        return [UInt8](data)
    }

    /// Creates `path` and missing parents (callers have checked that none is a symlink).
    static func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CrosslinkError(.io, "cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same directory (so the
    /// rename stays on one file system), flushed, then renamed over the target.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).crosslink-\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { throw failure("cannot write \(temporary)") }
                offset += count
            }
            // Flushed before the rename, so a crash leaves the old file or the new one, never half.
            guard fsync(descriptor) == 0 else { throw failure("cannot flush \(temporary)") }
        }
        guard rename(temporary, path) == 0 else { throw failure("cannot rename \(temporary) to \(path)") }
        succeeded = true
    }

    /// Removes temporary files that an interrupted `writeAtomically` left in `directory`: only names
    /// of its own pattern (`.NAME.crosslink-PID-N.tmp`) whose process is gone, so a concurrent
    /// writer's file in progress is never touched.
    static func removeAbandonedTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            guard let marker = name.range(of: ".crosslink-", options: .backwards) else { continue }
            let fields = name[marker.upperBound...].dropLast(4).split(separator: "-")
            guard fields.count == 2, let pid = Int32(fields[0]), fields[1].allSatisfy(\.isNumber) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(directory)/\(name)") }
        }
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("cannot remove \(path)") }
    }

    private static func failure(_ message: String) -> CrosslinkError {
        CrosslinkError(.io, "\(message): \(String(cString: strerror(errno)))")
    }
}
