/// An Azure resource ID (`/subscriptions/…/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks`),
/// read segment by segment.
///
/// Azure compares resource IDs case-insensitively and `az` is not consistent about case (`resourceGroups`
/// vs `resourcegroups`), so lookups use `key`, the lowercased ID.
struct ResourceID: Hashable {
    let text: String
    private let segments: [Substring]

    init(_ text: String) {
        self.text = text
        segments = text.split(separator: "/")
    }

    /// The case-insensitive identity of the resource.
    var key: String { text.lowercased() }

    /// The name that follows `type` in the path (`virtualNetworks` → `hub`), if the path has one.
    func name(after type: String) -> String? {
        let lowered = type.lowercased()
        guard let index = segments.firstIndex(where: { $0.lowercased() == lowered }), index + 1 < segments.count else { return nil }
        return String(segments[index + 1])
    }

    /// The ID cut after the name that follows `type`: the parent resource's ID
    /// (a subnet's ID → its virtual network's ID).
    func prefix(through type: String) -> ResourceID? {
        let lowered = type.lowercased()
        guard let index = segments.firstIndex(where: { $0.lowercased() == lowered }), index + 1 < segments.count else { return nil }
        return ResourceID("/" + segments[...(index + 1)].joined(separator: "/"))
    }
}
