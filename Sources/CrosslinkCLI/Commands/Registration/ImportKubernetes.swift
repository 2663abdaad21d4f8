import ArgumentParser
import CrosslinkCore
import CrosslinkKubernetes

/// `crosslink import kubernetes`: registers one cluster's services, ingresses and isolated namespaces
/// from the JSON that `kubectl get` prints.
struct ImportKubernetes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Register a cluster's services, ingresses and isolated namespaces from kubectl JSON output.",
        discussion: """
            Each -f takes the output of 'kubectl get namespaces,services,ingresses,networkpolicies -A -o json', \
            or - for standard input (once). The cluster must already be registered. Idempotent and all or \
            nothing, like apply. Skipped and adapted objects are reported as notes on standard error. \
            See docs/ecosystem.md.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The registered cluster the objects belong to.", valueName: "name"), completion: Completions.stored(.cluster))
    var cluster: String
    @Option(
        name: [.short, .customLong("file")], help: ArgumentHelp("Output of 'kubectl get … -o json' (repeatable; - for standard input).", valueName: "file"))
    var files: [String]
    @Flag(help: "Also remove this cluster's services, ingresses and isolated namespaces that the input no longer holds.")
    var prune = false
    @Flag(help: "With --prune: also remove the imports of services that are removed.")
    var cascade = false
    @Flag(help: "Also import objects in system namespaces (kube-system, istio-system, …).")
    var includeSystem = false
    @Flag(help: "Print what would be created, updated and removed; write nothing.")
    var dryRun = false

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Only one file can be - (standard input).") }
        if cascade && !prune { throw ValidationError("--cascade only applies with --prune.") }
    }

    func run() throws {
        let documents = try files.map { KubernetesDocument(source: $0 == "-" ? "<stdin>" : $0, text: try InputFile.read($0)) }
        let imported = try KubernetesImport(cluster: cluster, documents: documents, includeSystemNamespaces: includeSystem)
        let outcome = try KubernetesImporting.run(
            imported, prune: prune, cascade: cascade, dryRun: dryRun, store: dryRun ? global.openStoreForReading() : global.openStore())
        for note in outcome.notes { writeAll("note: \(note)\n", to: 2) }
        let summary = outcome.summary
        let counts = "\(summary.created) created, \(summary.updated) updated, \(summary.removed) removed, \(summary.unchanged) unchanged"
        if dryRun {
            var text = ""
            for change in outcome.changes { text += "\(change.mark) \(change.reference)\n" }
            emit(text + "dry run: import kubernetes \(cluster) would leave \(counts); nothing written\n")
        } else {
            emit("imported kubernetes \(cluster): \(counts)\n")
        }
    }
}
