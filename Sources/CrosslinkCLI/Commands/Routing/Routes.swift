import ArgumentParser
import CrosslinkTopologyFile

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every import with its verdict, path, address and port.",
        discussion: "Computed from the current estate; an import without a port shows one row per port of the service.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let answers = try Routing.routes(store: global.openStore())
        switch output.output {
        case .json: emit(StructuredValue.list(answers.map(\.structuredValue)).json() + "\n")
        case .yaml: emit(answers.isEmpty ? "[]\n" : try StructuredValue.list(answers.map(\.structuredValue)).yaml())
        case .table: emit(Table(columns: RouteTable.columns, rows: RouteTable.rows(answers)).rendered())
        }
    }
}
