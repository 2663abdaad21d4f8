import CrosslinkCore

/// Maps Azure resource names to crosslink names (DNS-1123 labels), deterministically.
///
/// Azure allows uppercase letters, underscores and dots (`Hub_VNet.prod`); crosslink names are
/// lowercase letters, digits and `-`. The mapping lowercases, turns every other character into `-`,
/// trims `-` from both ends and keeps at most 63 characters: `Hub_VNet.prod` → `hub-vnet-prod`.
package enum AzureNames {
    /// The crosslink name for an Azure name, or nil when nothing usable is left (`___`).
    package static func label(for azureName: String) -> String? {
        var label = ""
        for scalar in azureName.unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: label.unicodeScalars.append(scalar)
            case 0x41...0x5A: label.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20) ?? "-")
            default: label += "-"
            }
        }
        var trimmed = label.drop { $0 == "-" }.prefix(63)
        while trimmed.last == "-" { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}

/// The crosslink names given to one kind of Azure resource, refusing two resources that map to one name.
struct NameTable {
    /// The kind, as errors name it (`vnet`).
    let noun: String
    /// crosslink name → (identity, Azure name) of the resource that took it.
    private var owners: [String: (identity: String, azureName: String)] = [:]

    init(noun: String) { self.noun = noun }

    /// The crosslink name of the resource `identity` (its lowercased resource ID) called `azureName`.
    /// - Throws: when the name maps to nothing, or another resource already maps to the same name.
    mutating func label(for azureName: String, identity: String, at place: String) throws -> String {
        guard let label = AzureNames.label(for: azureName) else {
            throw CrosslinkError(.invalidValue, "\(place): Azure name \(azureName.quoted) has no letters or digits to make a crosslink \(noun) name from")
        }
        if let owner = owners[label], owner.identity != identity {
            // Same name in two resource groups or subscriptions: the IDs tell them apart.
            let (first, second) = owner.azureName == azureName ? (owner.identity, identity) : (owner.azureName, azureName)
            throw CrosslinkError(
                .invalidValue,
                "\(place): Azure \(noun)s \(first.quoted) and \(second.quoted) both map to the crosslink name \(label.quoted); rename one in Azure, or import them into separate databases"
            )
        }
        owners[label] = (identity, azureName)
        return label
    }
}
