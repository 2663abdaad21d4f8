import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sees from outside whether some process is inside a write transaction on a crosslink database.
///
/// In WAL mode SQLite holds byte 120 of the `-shm` file (the WAL write lock) exclusively from
/// `BEGIN IMMEDIATE` until its `COMMIT` or `ROLLBACK` ends. `F_GETLK` only asks who holds it; it never
/// takes the lock, so probing cannot delay or change the command it watches. (This process must hold
/// no SQLite connection to the same file: closing the probe's descriptor would drop its locks.)
package struct WriteLockProbe: Sendable {
    package let sharedMemoryPath: String

    package init(database: String) { sharedMemoryPath = database + "-shm" }

    package func isHeld() -> Bool {
        let descriptor = open(sharedMemoryPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 120
        lock.l_len = 1
        guard fcntl(descriptor, F_GETLK, &lock) == 0 else { return false }
        return lock.l_type != Int16(F_UNLCK)
    }
}

extension CrosslinkProcess {
    /// When to kill a command inside its write transaction.
    package enum KillPoint: Sendable, CustomStringConvertible {
        /// Once the write lock has been held this long without a break (a lock released sooner, as at
        /// open, starts the count again): loading, validating and computing the change.
        case lockHeld(Duration)
        /// Once the `-wal` file has grown this many bytes while the lock is held: the commit writing
        /// its pages. The same change writes the same pages, so this point does not depend on speed.
        case walGrown(Int)

        package var description: String {
            switch self {
            case .lockHeld(let duration): "lock held \(duration)"
            case .walGrown(let bytes): "WAL grown \(bytes) bytes"
            }
        }
    }

    /// What a watched run did with the write lock.
    package struct WriteLockUse: Sendable {
        package var status: Int32
        /// The longest time the lock was held without a break.
        package var longest: Duration
        /// How far the `-wal` file grew during the run (it stays until the connection closes, so the
        /// growth is seen even when the commit itself falls between two looks).
        package var walGrowth: Int
    }

    /// Runs `crosslink ARGUMENTS --db <temp db>` to the end while watching the write lock and the WAL.
    package func runMeasuringWriteLock(_ arguments: [String]) throws -> WriteLockUse {
        let wal = database + "-wal"
        let walAtStart = Self.fileSize(wal)
        let process = try start(arguments)
        let probe = WriteLockProbe(database: database)
        let clock = ContinuousClock()
        var heldSince: ContinuousClock.Instant?
        var use = WriteLockUse(status: 0, longest: .zero, walGrowth: 0)
        while process.isRunning {
            use.walGrowth = max(use.walGrowth, Self.fileSize(wal) - walAtStart)
            if probe.isHeld() {
                let now = clock.now
                let since = heldSince ?? now
                heldSince = since
                use.longest = max(use.longest, now - since)
            } else {
                heldSince = nil
            }
            usleep(50)
        }
        process.waitUntilExit()
        use.status = process.terminationStatus
        return use
    }

    /// Starts `crosslink ARGUMENTS --db <temp db>` and kills it with SIGKILL at `point` of its write
    /// transaction.
    /// - Returns: whether the lock was still held at the kill, i.e. the kill interrupted a write
    ///   transaction; false when the command finished first.
    package func killedDuringWrite(_ arguments: [String], at point: KillPoint) throws -> Bool {
        let wal = database + "-wal"
        let process = try start(arguments)
        let probe = WriteLockProbe(database: database)
        let clock = ContinuousClock()
        var heldSince: ContinuousClock.Instant?
        var walAtLock = 0
        while process.isRunning {
            if probe.isHeld() {
                let now = clock.now
                if heldSince == nil { walAtLock = Self.fileSize(wal) }
                let since = heldSince ?? now
                heldSince = since
                let reached: Bool =
                    switch point {
                    case .lockHeld(let duration): now - since >= duration
                    case .walGrown(let bytes): Self.fileSize(wal) - walAtLock >= bytes
                    }
                if reached {
                    let interrupted = probe.isHeld()
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    return interrupted && process.terminationReason == .uncaughtSignal
                }
            } else {
                heldSince = nil
            }
            usleep(50)
        }
        process.waitUntilExit()
        return false
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + ["--db", database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
