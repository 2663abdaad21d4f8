import ArgumentParser
import CrosslinkCore

struct VNetSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change fields of a VNet.", discussion: SetSupport.discussion)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "VNet name.", completion: Completions.stored(.vnet)) var name: String
    @Option(help: "Azure region, e.g. westeurope.") var region: String?
    @Option(help: ArgumentHelp("An address prefix (repeat; replaces the list).", valueName: "cidr")) var addressSpace: [String] = []

    func validate() throws { try SetSupport.requireSomeField([region, addressSpace.first]) }

    func run() throws {
        if let region { try AzureRegion.check(region, of: "vnet \(name)") }
        try SetSupport.run(try VNetCommands.reference([name]), global: global) { entity, _ in
            guard case .vnet(var vnet) = entity else { return entity }
            try SetSupport.update(&vnet.region, with: region) { $0 }
            if !addressSpace.isEmpty { vnet.addressSpace = try addressSpace.map { try CIDR.parse($0, field: "--address-space") } }
            return .vnet(vnet)
        }
    }
}
