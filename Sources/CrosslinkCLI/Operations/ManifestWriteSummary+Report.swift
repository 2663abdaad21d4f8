import CrosslinkManifests
import CrosslinkTopologyFile

/// What `manifests --out` prints.
struct ManifestReport: Renderable {
    var summary: ManifestWriteSummary
    var dryRun: Bool
    /// `nothing to emit: …` when no manifest is needed.
    var nothingToEmit: String?

    var structuredValue: StructuredValue { summary.structuredValue(dryRun: dryRun) }

    func text(_ style: TextStyle) -> String {
        summary.text(dryRun: dryRun, style: style) + (nothingToEmit.map { $0 + "\n" } ?? "")
    }
}

extension ManifestWriteSummary {
    /// The summary for `-o json|yaml`; the same fields whether the files were written or only planned.
    func structuredValue(dryRun: Bool) -> StructuredValue {
        .object([
            "dryRun": .bool(dryRun),
            "written": .list(written.map(StructuredValue.string)),
            "changed": .list(changed.map(StructuredValue.string)),
            "unchanged": .int(unchanged.count),
            "removed": .list(removed.map(StructuredValue.string)),
            "abandoned": .list(abandoned.map(StructuredValue.string)),
        ])
    }

    /// The one-line count: what was done, or with `dryRun` what would be.
    func countLine(dryRun: Bool) -> String {
        dryRun
            ? "manifests (dry run): \(written.count - changed.count) to create, \(changed.count) to change, \(unchanged.count) unchanged, "
                + "\(removed.count) to remove, \(abandoned.count) to abandon; nothing written"
            : "manifests: \(written.count) written, \(unchanged.count) unchanged, \(removed.count) removed"
    }

    /// The dry run's table: one row per file that would change, its action first.
    var plannedChanges: Table {
        let changedSet = Set(changed)
        var rows = written.map { [changedSet.contains($0) ? "change" : "create", $0] }
        rows += removed.map { ["remove", $0] }
        rows += abandoned.map { ["abandon", $0] }
        return Table(columns: ["ACTION", "PATH"], rows: rows)
    }

    /// Text lines for people: the dry run's table, then the count, then warnings.
    func text(dryRun: Bool, style: TextStyle = .plain) -> String {
        var text = ""
        if dryRun && !plannedChanges.rows.isEmpty { text += plannedChanges.rendered(style) }
        text += countLine(dryRun: dryRun) + "\n"
        for path in abandoned {
            text +=
                dryRun
                ? "warning: \(path) was edited by hand; crosslink would leave it and stop managing it\n"
                : "warning: \(path) was edited by hand; crosslink no longer manages it\n"
        }
        return text
    }
}
