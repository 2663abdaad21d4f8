import CSQLite
import CrosslinkCore

/// Failures of the store, mapped to one-line `CrosslinkError`s before they reach the user.
enum StoreError: Error {
    case cannotOpen(path: String, detail: String)
    case sqlite(code: Int32, message: String, path: String)
    case corrupt(String)

    /// The error for people: what went wrong with which file, never SQL or bound values.
    var crosslinkError: CrosslinkError {
        switch self {
        case .cannotOpen(let path, let detail):
            return CrosslinkError(.storage, "cannot open database \(path.quoted): \(detail)")
        case .sqlite(let code, let message, let path):
            switch code & 0xFF {
            case SQLITE_NOTADB:
                return CrosslinkError(.storage, "\(path.quoted) is not a crosslink database (not an SQLite file)")
            case SQLITE_CORRUPT:
                return CrosslinkError(.storage, "database \(path.quoted) is corrupt: \(message)")
            case SQLITE_BUSY, SQLITE_LOCKED:
                return CrosslinkError(.storage, "database \(path.quoted) stayed locked by another crosslink process; try again")
            case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR:
                return CrosslinkError(.storage, "cannot write database \(path.quoted): \(message)")
            case SQLITE_FULL:
                return CrosslinkError(.storage, "disk full while writing database \(path.quoted)")
            default:
                return CrosslinkError(.storage, "database \(path.quoted): \(message)")
            }
        case .corrupt(let detail):
            return CrosslinkError(.storage, "database holds an invalid value: \(detail)")
        }
    }
}

extension StoreError {
    /// SQLite could not set up the WAL index (`-shm`) a reader of a WAL database needs: it cannot be
    /// created (a read-only directory or medium) or cannot grow (a full disk).
    var isWALIndexFailure: Bool {
        guard case .sqlite(let code, _, _) = self else { return false }
        // SQLITE_IOERR_SHMOPEN, _SHMSIZE, _SHMMAP (sqlite3.h; computed macros do not reach Swift).
        let indexFailures: Set<Int32> = [SQLITE_IOERR | (18 << 8), SQLITE_IOERR | (19 << 8), SQLITE_IOERR | (21 << 8)]
        return code & 0xFF == SQLITE_READONLY || indexFailures.contains(code)
    }
}

/// Runs `body`, turning store failures into `CrosslinkError`s.
func mappingStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw error.crosslinkError
    }
}

extension StoreError {
    /// Another connection held a lock SQLite would not wait for.
    var isBusy: Bool {
        guard case .sqlite(let code, _, _) = self else { return false }
        return code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED
    }
}
