import Yams

/// Renders manifest documents as YAML, the same bytes for the same documents.
package enum ManifestRenderer {
    /// One document as YAML, ending in a newline.
    package static func yaml(_ document: ManifestDocument) -> String {
        do {
            // width -1: never fold long values (annotations), so line breaks never depend on length.
            return try Yams.serialize(node: document.node, indent: 2, width: -1, allowUnicode: false, lineBreak: .ln)
        } catch {
            // The emitter fails only on a malformed event stream, which the fixed node shapes built
            // here cannot produce; every scalar is escaped by the emitter itself.
            preconditionFailure("YAML emitter refused a crosslink manifest: \(error)")
        }
    }

    /// Documents as one YAML stream separated by `---`, ready for `kubectl apply -f -`.
    ///
    /// Keeps the order given (``ManifestPlanner`` sorts); an empty list gives an empty string.
    package static func yamlStream(_ documents: [ManifestDocument]) -> String {
        documents.map { "---\n" + yaml($0) }.joined()
    }
}
