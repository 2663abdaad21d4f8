import ArgumentParser
import CrosslinkStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Path of the SQLite database (env CROSSLINK_DB; default ./crosslink.db).", valueName: "path"))
    var db: String?

    /// The database path: the flag, then the environment, then the default.
    var databasePath: String { Self.databasePath(flag: db) }

    /// The same for a flag read elsewhere (shell completion reads it from the line being completed).
    static func databasePath(flag: String?) -> String {
        if let flag { return flag }
        if let fromEnvironment = environment("CROSSLINK_DB"), !fromEnvironment.isEmpty { return fromEnvironment }
        return "crosslink.db"
    }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// `--db` is a file path; the empty one is a usage mistake. (`:memory:`, a name SQLite would
    /// acknowledge writes to and keep nothing, is refused by the store in one line, from here or CROSSLINK_DB.)
    func validate() throws {
        if db == "" { throw ValidationError("--db needs a file path; the empty path is not one") }
    }

    /// The store for a command that writes: creates the database when it does not exist.
    func openStore() throws -> Store { try opened(.readWrite) }

    /// The store for a command that only reads: opened read-only, never created (spec §9.4).
    func openStoreForReading() throws -> Store { try opened(.readOnly) }

    private func opened(_ access: Store.Access) throws -> Store {
        let store = try Store(path: databasePath, access: access)
        for warning in store.warnings { writeAll("warning: \(warning)\n", to: 2) }
        return store
    }
}

/// The output formats of read commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml
}

struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Output format.")
    var output: OutputFormat = .table
}
