import ArgumentParser
import CrosslinkCore
import CrosslinkReport

/// The picture formats `graph` prints.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the estate as a graph: VNets as groups, links by kind, unroutable imports in red.",
        discussion: "Render with Graphviz (crosslink graph | dot -Tsvg > estate.svg) or paste the Mermaid into a Markdown page.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "dot or mermaid.") var format: GraphFormat = .dot

    func run() throws {
        let topology = try global.openStoreForReading().loadTopology()
        let graph = EstateGraph(topology: topology, answers: try RouteEngine(topology: topology).allImportAnswers())
        emit(format == .dot ? graph.dot() : graph.mermaid())
    }
}
