import CrosslinkCore
import CrosslinkManifests

/// The manifests `manifests` emits, with what it needs to say why there are none.
struct ManifestSelection {
    var documents: [ManifestDocument]
    /// Import routes (one per import and port) and how many of them are routable.
    var imports: Int
    var routable: Int
    /// The cluster asked for, if any.
    var cluster: String?

    /// `nothing to emit: …` with the reason, when there is nothing; nil otherwise.
    var nothingToEmit: String? {
        documents.isEmpty ? Self.nothingToEmit(imports: imports, routable: routable, cluster: cluster) : nil
    }

    /// Why no manifest is needed, most basic cause first.
    static func nothingToEmit(imports: Int, routable: Int, cluster: String?) -> String {
        let why =
            if imports == 0 {
                "no imports are registered (crosslink import add CONSUMER SERVICE)"
            } else if routable == 0 {
                "no import is routable (crosslink routes --unroutable says why)"
            } else if let cluster {
                "no routable import needs a manifest in cluster \(cluster.quoted)"
            } else {
                "no routable import needs a manifest"
            }
        return "nothing to emit: \(why)"
    }
}
