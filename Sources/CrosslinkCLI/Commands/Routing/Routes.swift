import ArgumentParser
import CrosslinkTopologyFile

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every import with its verdict, path, address and port.",
        discussion: "Computed from the current estate; an import without a port shows one row per port of the service.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Only imports consumed by or served from this cluster.", valueName: "name"))
    var cluster: String?
    @Flag(help: "Only the imports that are not routable.")
    var unroutable = false

    func run() throws {
        let answers = try Routing.routes(store: global.openStoreForReading(), cluster: cluster).filter { answer in
            !(unroutable && answer.isRoutable)
        }
        switch output.output {
        case .json: emit(StructuredValue.list(answers.map(\.structuredValue)).json() + "\n")
        case .yaml: emit(answers.isEmpty ? "[]\n" : try StructuredValue.list(answers.map(\.structuredValue)).yaml())
        case .table: emit(Table(columns: RouteTable.columns, rows: RouteTable.rows(answers)).rendered())
        }
    }
}
