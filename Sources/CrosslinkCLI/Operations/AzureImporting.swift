import CrosslinkAzure
import CrosslinkCore
import CrosslinkStore

/// Registers what `az` printed: translate, then upsert into the store in one transaction.
enum AzureImporting {
    /// Imports `input` like `apply` imports a file: an idempotent upsert, all or nothing.
    /// - Returns: the summary and the translation's notes (what was skipped or assumed).
    static func run(_ input: AzureInput, store: Store) throws -> (summary: ApplySummary, notes: [String]) {
        let imported = try AzureImport(input)
        let (warnings, change) = try store.update { topology in
            imported.apply(to: &topology)
            return topology.addressWarnings(namedIn: imported.topology)
        }
        let summary = ApplySummary(
            created: change.createdCount, updated: change.updatedCount, removed: 0,
            unchanged: imported.topology.objectCount - change.written.count, warnings: warnings)
        return (summary, imported.notes)
    }
}
