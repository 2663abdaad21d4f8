import ArgumentParser
import CrosslinkCore
import CrosslinkTopologyFile

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or update everything a topology file names, in one transaction.",
        discussion: "Idempotent: applying the same file twice changes nothing. All or nothing: any error leaves the database as it was.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Topology file, or - for standard input.", valueName: "file"))
    var file: String
    @Flag(help: "Also remove stored objects the file does not name.")
    var prune = false

    func run() throws {
        let text = try InputFile.read(file)
        let topology = try TopologyDecoder.decode(text, source: file == "-" ? "<stdin>" : file)
        let summary = try TopologyApplication.apply(topology, prune: prune, store: global.openStore())
        emit(
            "applied \(file == "-" ? "<stdin>" : file): \(summary.created) created, \(summary.updated) updated, \(summary.removed) removed, \(summary.unchanged) unchanged\n"
        )
    }
}
