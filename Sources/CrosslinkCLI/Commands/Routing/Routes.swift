import ArgumentParser
import CrosslinkCore

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every import with its verdict, path, address and port.",
        discussion: """
            The answers stored by the last reconcile, printed as they are read; when the estate changed since, those \
            of the current estate (the changed imports answered again, every import when a full pass is due), with a \
            note on standard error (and without one before the first reconcile). An import without a port shows one \
            row per port of the service.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Only imports consumed by or served from this cluster.", valueName: "name"), completion: Completions.stored(.cluster))
    var cluster: String?
    @Flag(help: "Only the imports that are not routable.")
    var unroutable = false

    func run() throws {
        try Routing.withRoutes(store: global.openStoreForReading(), cluster: cluster, note: { writeAll("\($0)\n", to: 2) }) { answers in
            try emitRows(
                { each in try answers { answer in if !(unroutable && answer.isRoutable) { try each(answer) } } }, as: output.output,
                value: \RouteAnswer.structuredValue, table: RouteList.layout)
        }
    }
}
