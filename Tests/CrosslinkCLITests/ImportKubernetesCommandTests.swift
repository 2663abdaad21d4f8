import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct ImportKubernetesCommandTests {
    let cli: CrosslinkProcess

    /// A database with the fixture cluster aks-weu and a consumer cluster aks-neu registered.
    init() throws {
        cli = try CrosslinkProcess()
        for arguments in [
            ["vnet", "add", "vnet-weu", "--region", "westeurope", "--address-space", "10.1.0.0/16"],
            ["vnet", "add", "vnet-neu", "--region", "northeurope", "--address-space", "10.2.0.0/16"],
            ["cluster", "add", "aks-weu", "--vnet", "vnet-weu", "--node-subnet", "10.1.0.0/20", "--network-plugin", "azure-cni"],
            ["cluster", "add", "aks-neu", "--vnet", "vnet-neu", "--node-subnet", "10.2.0.0/20", "--network-plugin", "azure-cni"],
        ] {
            _ = try cli.succeed(arguments)
        }
    }

    static func fixture(_ name: String) -> String {
        CrosslinkProcess.repositoryRoot.appendingPathComponent("Tests/CrosslinkKubernetesTests/Fixtures/\(name)").path
    }

    static var fixtureArguments: [String] {
        ["import", "kubernetes", "--cluster", "aks-weu", "-f", fixture("aks-weu.json"), "-f", "-"]
    }

    static var checkout: String {
        get throws { try String(contentsOfFile: fixture("service-checkout.json"), encoding: .utf8) }
    }

    @Test("import kubernetes registers the cluster's objects once; a re-import changes nothing")
    func importTwice() throws {
        let first = try cli.run(Self.fixtureArguments, stdin: Self.checkout)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "imported kubernetes aks-weu: 12 created, 1 updated, 0 removed, 0 unchanged\n")
        let notes = first.stderr.split(separator: "\n")
        #expect(!notes.isEmpty && notes.allSatisfy { $0.hasPrefix("note: ") }, "\(first.stderr)")
        #expect(first.stderr.contains("aks-weu.json: Service 'shop/legacy-db': skipped"))

        let second = try cli.run(Self.fixtureArguments, stdin: Self.checkout)
        #expect(second.stdout == "imported kubernetes aks-weu: 0 created, 0 updated, 0 removed, 12 unchanged\n", "\(second.stderr)")

        let cart = try cli.run(["service", "show", "aks-weu/shop/cart", "-o", "json"]).stdout
        #expect(cart.contains("internal-lb") && cart.contains("10.1.0.50"), "\(cart)")
        #expect(cart.contains(#""externalTrafficPolicy": "Local""#), "\(cart)")
        let cluster = try cli.run(["cluster", "show", "aks-weu", "-o", "json"]).stdout
        #expect(cluster.contains("payments"), "\(cluster)")
        let ingresses = try cli.run(["ingress", "list"]).stdout
        #expect(ingresses.contains("tools.internal.example.com") && ingresses.contains("shop.example.com"), "\(ingresses)")
    }

    @Test("--dry-run prints what would change and writes nothing")
    func dryRun() throws {
        let result = try cli.run(Self.fixtureArguments + ["--dry-run"], stdin: Self.checkout)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "~ cluster aks-weu")
        #expect(lines.contains("+ service aks-weu/shop/cart") && lines.contains("+ service aks-weu/shop/checkout"))
        #expect(lines.last == "dry run: import kubernetes aks-weu would leave 12 created, 1 updated, 0 removed, 0 unchanged; nothing written")
        #expect(lines.count == 14)
        #expect(try cli.run(["service", "list", "-o", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("--prune refuses to remove a service an import uses; --cascade removes both")
    func pruneAndCascade() throws {
        #expect(try cli.run(Self.fixtureArguments, stdin: Self.checkout).status == 0)
        #expect(try cli.run(["import", "add", "aks-neu", "aks-weu/shop/checkout"]).status == 0)
        // The cluster now prints only aks-weu.json: shop/checkout is gone.
        let only = ["import", "kubernetes", "--cluster", "aks-weu", "-f", Self.fixture("aks-weu.json"), "--prune"]
        let refused = try cli.run(only)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasSuffix(
                "error: --prune would remove service aks-weu/shop/checkout, which imports use: import aks-neu -> aks-weu/shop/checkout; pass --cascade to remove those imports too\n"
            ),
            "\(refused.stderr)")
        #expect(try cli.run(["service", "show", "aks-weu/shop/checkout"]).status == 0)

        let pruned = try cli.run(only + ["--cascade"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout == "imported kubernetes aks-weu: 0 created, 0 updated, 2 removed, 11 unchanged\n")
        #expect(try cli.run(["service", "show", "aks-weu/shop/checkout"]).status == 1)
        #expect(try cli.run(["import", "list", "-o", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test(
        "bad input is one line naming the object, exit 1, and nothing is stored",
        arguments: [
            ("not json at all", "error: <stdin>: not JSON; expected what 'kubectl get … -o json' prints\n"),
            (
                #"[{"name": "vnet-a"}]"#,
                "error: <stdin>: a JSON array, not a Kubernetes object; expected what 'kubectl get … -o json' prints (a List or one object)\n"
            ),
            (
                #"{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api", "namespace": "shop"}, "spec": {"ports": [{"name": "http"}]}}]}"#,
                "error: <stdin>: Service 'shop/api': missing required field 'spec.ports[0].port'\n"
            ),
        ])
    func badInput(stdin: String, message: String) throws {
        let result = try cli.run(["import", "kubernetes", "--cluster", "aks-weu", "-f", Self.fixture("aks-weu.json"), "-f", "-"], stdin: stdin)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
        #expect(try cli.run(["service", "list", "-o", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("an unregistered cluster is refused with the fix")
    func unknownCluster() throws {
        let result = try cli.run(["import", "kubernetes", "--cluster", "aks-nope", "-f", Self.fixture("service-checkout.json")])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cluster 'aks-nope' does not exist; register it first with 'crosslink import azure' or 'crosslink cluster add'\n")
    }

    @Test(
        "usage mistakes exit 2",
        arguments: [
            ["import", "kubernetes", "--cluster", "aks-weu"],
            ["import", "kubernetes", "-f", "x.json"],
            ["import", "kubernetes", "--cluster", "aks-weu", "-f", "-", "-f", "-"],
            ["import", "kubernetes", "--cluster", "aks-weu", "-f", "x.json", "--cascade"],
        ])
    func usage(arguments: [String]) throws {
        #expect(try cli.run(arguments).status == 2)
    }
}
