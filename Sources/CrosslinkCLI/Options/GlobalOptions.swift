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
    var databasePath: String {
        if let db { return db }
        if let fromEnvironment = getenv("CROSSLINK_DB").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "crosslink.db"
    }

    func openStore() throws -> Store { try Store(path: databasePath) }
}

/// The output formats of read commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, yaml
}

struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Output format.")
    var output: OutputFormat = .table
}
