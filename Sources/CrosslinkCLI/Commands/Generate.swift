import ArgumentParser
import CrosslinkGenerator
import CrosslinkTopologyFile

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a realistic synthetic estate as a topology file (deterministic for a seed).",
        discussion: """
            Hub-and-spoke VNets per region, BGP VPN between regional hubs, tunnel sets, meshes with east-west \
            gateways, ingresses, mixed CNIs and some deliberate CIDR overlaps. For demos and load tests:
              crosslink generate --clusters 100 --seed 7 > estate.yaml && crosslink apply -f estate.yaml
            """)

    // Unconditional, so that `--clusters -5` reaches the range check instead of reading as a flag.
    @Option(parsing: .unconditional, help: "Number of clusters (1 to 16384).") var clusters: Int
    @Option(help: "Random seed; the same seed gives the same estate.") var seed: UInt64 = 1
    @Option(help: "Services per cluster.") var servicesPerCluster: Int = 5
    @Option(help: "Imports per cluster.") var importsPerCluster: Int = 10
    @Flag(help: "Add a firewall per regional hub, a route table to it and a security group on every spoke (spec §8), a few deliberately wrong.")
    var firewalls = false

    func run() throws {
        var generator = try EstateGenerator(
            clusters: clusters, servicesPerCluster: servicesPerCluster, importsPerCluster: importsPerCluster, seed: seed)
        generator.trafficControls = firewalls
        var standardOutput = StandardOutput()
        try TopologyEncoder.encode(generator.topology(), to: &standardOutput)
        standardOutput.flush()
    }
}
