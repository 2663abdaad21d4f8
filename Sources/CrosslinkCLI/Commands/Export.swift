import ArgumentParser
import CrosslinkTopologyFile

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the stored estate as a topology file.",
        discussion: "`crosslink export | crosslink apply -f -` on an empty database reproduces the estate exactly.")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.short, .customLong("output")], help: "yaml (default) or json.")
    var output: OutputFormat = .yaml

    func run() throws {
        let topology = try global.openStoreForReading().loadTopology()
        var standardOutput = StandardOutput()
        switch output {
        case .json: TopologyEncoder.encodeJSON(topology, to: &standardOutput)
        case .yaml, .table: try TopologyEncoder.encode(topology, to: &standardOutput)
        }
        standardOutput.flush()
    }
}
