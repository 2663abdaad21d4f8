import ArgumentParser
import CrosslinkManifests

struct Manifests: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Emit the manifests that make routable imports work.",
        discussion: """
            Without --out, a YAML stream goes to stdout, ready for `kubectl apply -f -`. With --out, one file per \
            object under DIR/<cluster>/<namespace>/<kind>-<name>.yaml, all written or none; --dry-run lists the \
            files that would be created, changed, removed or abandoned and writes nothing.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Only the manifests that go into this cluster.", valueName: "name"), completion: Completions.stored(.cluster)) var cluster:
        String?
    @Option(help: ArgumentHelp("Write files under this directory instead of stdout.", valueName: "dir")) var out: String?
    @Flag(help: "With --out: list what would change in the directory, write nothing.")
    var dryRun = false

    func validate() throws {
        if out == nil && dryRun { throw ValidationError("--dry-run needs --out DIR (without --out nothing is written)") }
        if out == nil && output.output != .table { throw ValidationError("-o reports on --out DIR; without --out the manifests are YAML") }
    }

    func run() throws {
        let selection = try Routing.manifests(store: global.openStoreForReading(), cluster: cluster)
        guard let out else {
            // The note goes to standard error: standard output stays a YAML stream (empty) for kubectl.
            if let nothing = selection.nothingToEmit { writeAll(nothing + "\n", to: 2) }
            emit(ManifestRenderer.yamlStream(selection.documents))
            return
        }
        let directory = ManifestDirectory(path: out)
        let summary =
            dryRun ? try directory.plan(selection.documents, pruningOnly: cluster) : try directory.write(selection.documents, pruningOnly: cluster)
        emit(try render(ManifestReport(summary: summary, dryRun: dryRun, nothingToEmit: selection.nothingToEmit), as: output.output))
    }
}
