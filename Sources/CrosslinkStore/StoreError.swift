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
    /// SQLite refused to write, e.g. a read-only connection that cannot create the WAL index (`-shm`).
    var isReadOnly: Bool {
        if case .sqlite(let code, _, _) = self { return code & 0xFF == SQLITE_READONLY }
        return false
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
