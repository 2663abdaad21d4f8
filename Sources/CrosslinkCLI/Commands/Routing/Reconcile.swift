import ArgumentParser
import CrosslinkCore
import CrosslinkManifests
import CrosslinkTopologyFile

struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every import's route, store the result, and report what changed.",
        discussion: """
            Each reconcile that changes a route bumps the generation. With --out, the manifests the routable \
            imports need are written under DIR/<cluster>/<namespace>/; files crosslink wrote before and no \
            longer wants are removed, files it did not write are never touched.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Write manifests under this directory (implies --full).", valueName: "dir"))
    var out: String?
    @Flag(help: "Recompute every import, not only those changes since the last reconcile can affect.")
    var full = false
    @Flag(help: "List every change (the table report shows the first 200).")
    var all = false
    @Flag(help: "Report what would change (with --out, in the directory too); store and write nothing.")
    var dryRun = false

    func run() throws {
        // A dry run writes nothing, so like a read it must not create a database (spec §9.4); it still
        // needs a read-write connection for the transaction it rolls back.
        if dryRun { _ = try global.openStoreForReading() }
        let result = try Routing.reconcile(store: global.openStore(), outputDirectory: out, full: full, dryRun: dryRun)
        emit(try render(ReconcileReport(result: result, limit: all ? Int.max : 200, dryRun: dryRun), as: output.output))
    }
}

/// What `reconcile` prints: the changes, and with `--out` the manifests written.
struct ReconcileReport: Renderable {
    var result: Routing.ReconcileResult
    /// How many changes the text lists.
    var limit: Int
    var dryRun: Bool

    var structuredValue: StructuredValue { result.structuredValue(dryRun: dryRun) }

    func text(_ style: TextStyle) -> String { result.text(limit: limit, dryRun: dryRun, style: style) }
}

extension Routing.ReconcileResult {
    func structuredValue(dryRun: Bool) -> StructuredValue {
        func keys(_ answers: [RouteAnswer]) -> StructuredValue { .list(answers.map { .string($0.key.description) }) }
        return .object([
            "generation": .int(record.generation),
            "changed": .bool(!changes.isEmpty),
            "incremental": .bool(record.isIncremental),
            "recomputed": .int(record.recomputed),
            "routes": .int(record.routeCount),
            "routable": .int(record.routableCount),
            "newlyRoutable": .list(changes.newlyRoutable.map(\.structuredValue)),
            "newlyUnroutable": .list(changes.newlyUnroutable.map(\.structuredValue)),
            "pathChanged": .list(
                changes.pathChanged.map { change in
                    .object([
                        "route": .string(change.after.key.description),
                        "before": change.before.via.map { .string($0.rawValue) } ?? .null,
                        "after": change.after.via.map { .string($0.rawValue) } ?? .null,
                    ])
                }),
            "added": .list(changes.added.map { .string($0.description) }),
            "removed": .list(changes.removed.map { .string($0.description) }),
            "dryRun": .bool(dryRun),
            "manifests": manifests.map { $0.structuredValue(dryRun: dryRun) },
        ])
    }

    /// The human report: a summary line, then one line per change (at most `limit`), wrapped to the
    /// style's width with the verdict words coloured.
    func text(limit: Int, dryRun: Bool, style: TextStyle = .plain) -> String {
        let (routes, routable) = (record.routeCount, record.routableCount)
        let mode = record.isIncremental ? "incremental, \(record.recomputed) recomputed" : "full"
        var lines = ["generation \(record.generation): \(routes) routes, \(routable) routable, \(routes - routable) unroutable (\(mode))"]
        if changes.isEmpty {
            lines.append("no change since the last reconcile")
        }
        // A first reconcile of a large estate changes every route: list a screenful, count the rest
        // (without formatting lines nobody sees).
        let total = changes.newlyRoutable.count + changes.newlyUnroutable.count + changes.pathChanged.count + changes.removed.count
        var listed = 0
        func list(_ line: () -> String) -> Bool {
            guard listed < limit else { return false }
            lines.append(line())
            listed += 1
            return true
        }
        let (nowRoutable, nowUnroutable) = (style.verdict("routable", routable: true), style.verdict("unroutable", routable: false))
        for answer in changes.newlyRoutable {
            guard list({ "+ \(answer.key) now \(nowRoutable) via \(answer.via?.rawValue ?? "-") at \(answer.address ?? "-"):\(answer.port)" }) else { break }
        }
        for answer in changes.newlyUnroutable {
            guard list({ "- \(answer.key) now \(nowUnroutable): \(answer.headlineReason ?? "no path")\(answer.headlineFix.map { " (fix: \($0))" } ?? "")" })
            else { break }
        }
        for change in changes.pathChanged {
            guard list({ "~ \(change.after.key) path \(change.before.via?.rawValue ?? "-") -> \(change.after.via?.rawValue ?? "-")" }) else { break }
        }
        for key in changes.removed {
            guard list({ "x \(key) no longer imported" }) else { break }
        }
        if total > limit {
            lines.append("… and \(total - limit) more changes (crosslink reconcile -o json lists them all)")
        }
        var text = (lines.joined(separator: "\n") + "\n").wrappingLines(width: style.width)
        if let manifests {
            text += manifests.text(dryRun: dryRun, style: style)
            if manifests.written.isEmpty && manifests.unchanged.isEmpty {
                text += ManifestSelection.nothingToEmit(imports: routes, routable: routable, cluster: nil) + "\n"
            }
        }
        if dryRun { text += "dry run: nothing stored\n" }
        return text
    }
}
