import ArgumentParser
import CrosslinkCore

struct VNetCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = NameKey<Self>
    static let configuration = CommandConfiguration(
        commandName: "vnet", abstract: "Register Azure virtual networks.",
        subcommands: [VNetAdd.self, VNetSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self])
    static let kind = EntityKind.vnet
    static let columns = ["name", "region", "addressSpace"]
    static func reference(_ arguments: [String]) throws -> EntityReference { try name(arguments, wrap: EntityReference.vnet) }
}

struct VNetAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a VNet.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "VNet name (DNS-1123 label).") var name: String
    @Option(help: "Azure region, e.g. westeurope.") var region: String
    @Option(help: ArgumentHelp("An address prefix (repeat for several).", valueName: "cidr")) var addressSpace: [String]

    func run() throws {
        try NameRule.dns1123Label.check(name, field: "vnet name")
        try AzureRegion.check(region, of: "vnet \(name)")
        let vnet = VNet(name: name, region: region, addressSpace: try addressSpace.map { try CIDR.parse($0, field: "--address-space") })
        report(.vnet(name), try Registration.add(.vnet(vnet), store: global.openStore()))
    }
}
