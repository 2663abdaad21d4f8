import ArgumentParser
import CrosslinkManifests

struct Manifests: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Emit the manifests that make routable imports work.",
        discussion: """
            Without --out, a YAML stream goes to stdout, ready for `kubectl apply -f -`. With --out, one file per \
            object under DIR/<cluster>/<namespace>/<kind>-<name>.yaml, written atomically.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only the manifests that go into this cluster.", valueName: "name")) var cluster: String?
    @Option(help: ArgumentHelp("Write files under this directory instead of stdout.", valueName: "dir")) var out: String?

    func run() throws {
        let documents = try Routing.manifests(store: global.openStoreForReading(), cluster: cluster)
        guard let out else {
            emit(ManifestRenderer.yamlStream(documents))
            return
        }
        let summary = try ManifestDirectory(path: out).write(documents, pruningOnly: cluster)
        emit("manifests: \(summary.written.count) written, \(summary.unchanged.count) unchanged, \(summary.removed.count) removed\n")
        for path in summary.abandoned { emit("warning: \(path) was edited by hand; crosslink no longer manages it\n") }
    }
}
