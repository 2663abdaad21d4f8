import ArgumentParser
import CrosslinkCore
import CrosslinkTopologyFile

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or update everything a topology file names, in one transaction.",
        discussion: "Idempotent: applying the same file twice changes nothing. All or nothing: any error leaves the database as it was.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Topology file, or - for standard input.", valueName: "file"))
    var file: String
    @Flag(help: "Also remove stored objects the file does not name.")
    var prune = false
    @Flag(help: "Write nothing; show what would change, as crosslink plan does (exit 3 when a routable import would break).")
    var dryRun = false

    func validate() throws {
        if output.output != .table && !dryRun { throw ValidationError("-o goes with --dry-run; apply itself prints one line") }
    }

    func run() throws {
        if dryRun { return try Plan.run(file: file, prune: prune, global: global, format: output.output) }
        let text = try InputFile.read(file)
        let topology = try TopologyDecoder.decode(text, source: file == "-" ? "<stdin>" : file)
        let summary = try TopologyApplication.apply(topology, prune: prune, store: global.openStore())
        emit(
            "applied \(file == "-" ? "<stdin>" : file): \(summary.created) created, \(summary.updated) updated, \(summary.removed) removed, \(summary.unchanged) unchanged\n"
        )
        for reference in summary.removedObjects { emit("removed \(reference)\n") }
        AddressWarnings.print(summary.warnings)
    }
}
