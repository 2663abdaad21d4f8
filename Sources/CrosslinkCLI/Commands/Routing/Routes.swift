import ArgumentParser

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every import with its verdict, path, address and port.",
        discussion: """
            The answers stored by the last reconcile; when the estate changed since, computed from the current \
            estate, with a note on standard error (and without one before the first reconcile). An import without a port shows one \
            row per port of the service.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Only imports consumed by or served from this cluster.", valueName: "name"), completion: Completions.stored(.cluster))
    var cluster: String?
    @Flag(help: "Only the imports that are not routable.")
    var unroutable = false

    func run() throws {
        let answers = try Routing.storedRoutes(store: global.openStoreForReading(), cluster: cluster) { writeAll("\($0)\n", to: 2) }.filter { answer in
            !(unroutable && answer.isRoutable)
        }
        try emit(RouteList(answers: answers), as: output.output)
    }
}
