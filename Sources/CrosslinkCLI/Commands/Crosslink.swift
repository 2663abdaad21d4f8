import ArgumentParser

/// The root command.
struct Crosslink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crosslink",
        abstract: "Keep the map of how your Kubernetes clusters reach each other, and make it work.",
        discussion: """
            crosslink records clusters, VNets and every link between them (peerings, VPN, Submariner \
            tunnels, mesh links, ingresses) in SQLite, decides for each cross-cluster service import \
            whether and how it is routable, and emits the manifests that make routable imports work.
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(
                name: "Estate",
                subcommands: [
                    Apply.self, Plan.self, Version.self, Export.self, Generate.self,
                ]),
            CommandGroup(
                name: "Routing",
                subcommands: [
                    Reconcile.self, Routes.self, RouteCommands.self, Manifests.self,
                ]),
            CommandGroup(
                name: "Pictures",
                subcommands: [
                    Graph.self, Report.self,
                ]),
            CommandGroup(
                name: "Registration",
                subcommands: [
                    VNetCommands.self, ClusterCommands.self, ServiceCommands.self, PeeringCommands.self,
                    VPNGatewayCommands.self, VPNConnectionCommands.self, TunnelCommands.self, MeshLinkCommands.self,
                    IngressCommands.self, ImportCommands.self, RouteTableCommands.self, FirewallCommands.self, SecurityGroupCommands.self,
                ]),
        ]
    )
}
