import CrosslinkCore

/// A row of `mesh_link`.
struct MeshLinkRow: TableRow {
    static let table = "mesh_link"
    static let columns = "cluster_a, cluster_b"
    var link: MeshLink

    init(row: SQLiteRow) throws {
        link = MeshLink(clusters: UnorderedPair(try row.requiredText(0), try row.requiredText(1)))
    }
}
