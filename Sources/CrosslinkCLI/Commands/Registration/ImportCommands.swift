import ArgumentParser
import CrosslinkCore

struct ImportCommands: ParsableCommand, KeyedEntityGroup {
    typealias Key = ImportKey
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Register the cross-cluster service imports you want to work.",
        subcommands: [
            ImportAdd.self, ImportSet.self, ListEntities<Self>.self, ShowEntity<Self>.self, RemoveEntity<Self>.self, ImportAzure.self, ImportKubernetes.self,
        ])
    static let kind = EntityKind.import
    static let columns = ["consumer", "service", "port", "via"]

    static func reference(_ arguments: [String]) throws -> EntityReference {
        guard arguments.count == 2 else {
            throw CrosslinkError(.invalidValue, "expected CONSUMER and SERVICE, got \(arguments.count) arguments")
        }
        return .import(
            ImportID(
                consumer: try Consumer.parse(arguments[0], field: "consumer"),
                service: try ServiceID.parse(arguments[1], field: "service")))
    }
}

struct ImportAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Import a service into a consumer cluster or namespace.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Who consumes: cluster or cluster/namespace.", valueName: "consumer"), completion: Completions.stored(.cluster)) var consumer:
        String
    @Argument(help: ArgumentHelp("The service: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service)) var service: String
    @Option(help: "The one port wanted (default: every port).") var port: Int?
    @Option(help: "auto | local | mesh | tunnel | network | ingress.", completion: Completions.importVia) var via: String = "auto"

    func run() throws {
        let reference = try ImportCommands.reference([consumer, service])
        guard case .import(let id) = reference else { return }
        if let port { try checkPort(port, field: "--port") }
        let item = ServiceImport(id: id, port: port, via: try ImportVia.parse(via, field: "--via"))
        report(reference, try Registration.add(.import(item), store: global.openStore()))
    }
}
