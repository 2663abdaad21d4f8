/// Azure's region names, as `az account list-locations` prints them in its `name` column and as
/// ARM templates and `--location` take them. Sources (docs/usage.md): Microsoft Learn's "Azure regions
/// list" (learn.microsoft.com/azure/reliability/regions-list, the programmatic names of the public
/// cloud, restricted-access regions included) and the sovereign clouds' documented regions (Azure
/// Government, Azure operated by 21Vianet in China). Only physical regions: geographies such as
/// `europe` or `global` hold no VNet.
package enum AzureRegion {
    package static let publicCloud: [String] = [
        "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral",
        "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral",
        "eastasia", "eastus", "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral",
        "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
        "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope",
        "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus",
        "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
        "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2",
        "westus3",
    ]

    /// Azure Government (US) and Azure in China.
    package static let sovereign: [String] = [
        "usdodcentral", "usdodeast", "usgovarizona", "usgoviowa", "usgovtexas", "usgovvirginia",
        "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3",
    ]

    /// Every known name, sorted (suggestions break ties in this order).
    package static let all: [String] = (publicCloud + sovereign).sorted()
    private static let known = Set(all)

    package static func isKnown(_ name: String) -> Bool { known.contains(name) }

    /// Refuses a region that is not one of Azure's, in one line naming the closest:
    /// `vnet v: unknown region 'west-europe'; did you mean 'westeurope'?`. Used where a person types a
    /// region (topology files, `--region`); what `import azure` reads came from Azure itself and is only
    /// checked for form, so a region newer than this list still imports.
    package static func check(_ region: String, of owner: @autoclosure () -> String) throws {
        guard !known.contains(region) else { return }
        if let suggestion = suggestion(for: region) {
            throw CrosslinkError.invalid("\(owner()): unknown region \(region.quotedExcerpt); did you mean \(suggestion.quoted)?")
        }
        throw CrosslinkError.invalid(
            "\(owner()): unknown region \(region.quotedExcerpt); Azure region names are like westeurope or eastus2 (az account list-locations)")
    }

    /// The region meant: the same letters and digits in lowercase (`West Europe`, `west-europe`), else the
    /// nearest name within two edits.
    package static func suggestion(for region: String) -> String? {
        let squeezed = String(String.UnicodeScalarView(region.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }))
        if known.contains(squeezed) { return squeezed }
        return closestName(to: squeezed.isEmpty ? region : squeezed, among: all)
    }
}
