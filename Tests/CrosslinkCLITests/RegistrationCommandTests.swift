import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct RegistrationCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess() }

    func seed() throws {
        _ = try cli.succeed(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"])
        _ = try cli.succeed(["vnet", "add", "vnet-hub", "--region", "westeurope", "--address-space", "10.0.0.0/16"])
        _ = try cli.succeed(["cluster", "add", "aks-a", "--vnet", "vnet-a", "--node-subnet", "10.1.0.0/20", "--network-plugin", "azure-cni"])
    }

    @Test("every entity can be added, listed, shown and removed")
    func lifecycle() throws {
        try seed()
        let adds: [[String]] = [
            [
                "cluster", "add", "aks-b", "--vnet", "vnet-hub", "--node-subnet", "10.0.0.0/20", "--network-plugin", "kubenet",
                "--pod-cidr", "10.245.0.0/16", "--service-cidr", "10.101.0.0/16", "--mesh-id", "m", "--mesh-network", "n",
                "--mesh-trust-root", "r", "--isolated-namespaces", "payments", "--node-pools", "node-cpu",
            ],
            [
                "service", "add", "aks-b/backend/backend-service", "--ports", "http=80:8080/TCP@http", "--exposure", "internal-lb",
                "--load-balancer-ip", "10.0.0.50",
            ],
            ["vpn-gateway", "add", "gw-hub", "--vnet", "vnet-hub", "--public-ip", "20.1.2.3", "--bgp-asn", "65010"],
            ["peering", "add", "vnet-a", "vnet-hub", "--gateway-transit", "vnet-hub"],
            ["vnet", "add", "vnet-c", "--region", "northeurope", "--address-space", "10.2.0.0/16"],
            ["vpn-gateway", "add", "gw-c", "--vnet", "vnet-c"],
            ["vpn-connection", "add", "gw-hub", "gw-c", "--bgp"],
            ["tunnel", "add", "aks-a", "aks-b", "--cable-driver", "wireguard", "--endpoint", "private"],
            ["mesh-link", "add", "aks-a", "aks-b"],
            ["ingress", "add", "aks-b/backend/backend-service", "--host", "api.example.com", "--no-tls", "--class-name", "nginx"],
            ["import", "add", "aks-a/frontend", "aks-b/backend/backend-service", "--port", "80", "--via", "tunnel"],
        ]
        for arguments in adds { #expect(try cli.succeed(arguments).hasSuffix("created\n")) }
        // Idempotent: the same add again changes nothing.
        for arguments in adds { #expect(try cli.succeed(arguments).hasSuffix("unchanged\n")) }

        let lists = ["vnet", "cluster", "service", "peering", "vpn-gateway", "vpn-connection", "tunnel", "mesh-link", "ingress", "import"]
        for group in lists {
            let json = try cli.succeed([group, "list", "-o", "json"])
            let items = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(!items.isEmpty, "\(group) list is empty")
            #expect(try cli.succeed([group, "list"]).split(separator: "\n").count == items.count + 1)
            #expect(!(try cli.succeed([group, "list", "-o", "yaml"])).isEmpty)
        }
        let shown = try cli.succeed(["ingress", "show", "aks-b/backend/backend-service", "-o", "json"])
        let ingress = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(ingress["port"] as? Int == 80 && ingress["tls"] as? Bool == false)
        #expect(try cli.succeed(["peering", "show", "vnet-hub", "vnet-a"]).contains("gatewayTransit"))
        #expect(try cli.succeed(["import", "show", "aks-a/frontend", "aks-b/backend/backend-service", "-o", "yaml"]).contains("via: tunnel"))

        let refused = try cli.run(["cluster", "remove", "aks-b"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("referenced by") && refused.stderr.contains("service aks-b/backend/backend-service"))
        let cascade = try cli.succeed(["cluster", "remove", "aks-b", "--cascade"])
        #expect(cascade.contains("import aks-a/frontend -> aks-b/backend/backend-service removed"))
        #expect(try cli.succeed(["service", "list", "-o", "json"]) == "[]\n")
        let missing = try cli.run(["vnet", "show", "nope"])
        #expect(missing.status == 1 && missing.stderr == "error: vnet nope does not exist\n")
    }

    @Test("a service behind two ingresses: add with --service-port, show and remove need --host, export round-trips")
    func ingressesByHost() throws {
        try seed()
        _ = try cli.succeed(["service", "add", "aks-a/web/shop", "--ports", "http=80", "--ports", "admin=8080"])
        _ = try cli.succeed(["ingress", "add", "aks-a/web/shop", "--host", "shop.example.com"])
        #expect(try cli.succeed(["ingress", "show", "aks-a/web/shop", "-o", "json"]).contains("shop.example.com"))
        let added = try cli.succeed([
            "ingress", "add", "aks-a/web/shop", "--host", "admin.example.com", "--service-port", "admin",
            "--class-name", "webapprouting.kubernetes.azure.com",
        ])
        #expect(added == "ingress aks-a/web/shop@admin.example.com created\n")
        let ambiguous = try cli.run(["ingress", "show", "aks-a/web/shop"])
        #expect(
            ambiguous.status == 1 && ambiguous.stderr == "error: aks-a/web/shop has 2 ingresses (admin.example.com, shop.example.com): name one with --host\n")
        let shown = try cli.succeed(["ingress", "show", "aks-a/web/shop", "--host", "admin.example.com", "-o", "json"])
        let ingress = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(ingress["servicePort"] as? String == "admin" && ingress["host"] as? String == "admin.example.com")
        let unknownPort = try cli.run(["ingress", "add", "aks-a/web/shop", "--host", "x.example.com", "--service-port", "9999"])
        #expect(unknownPort.status == 1 && unknownPort.stderr.contains("servicePort '9999' is not a port of aks-a/web/shop"))

        let exported = try cli.succeed(["export"])
        #expect(exported.contains("servicePort: admin"))
        let copy = try CrosslinkProcess()
        #expect(try copy.run(["apply", "-f", "-"], stdin: exported).status == 0)
        #expect(try copy.run(["export"]).stdout == exported)

        #expect(
            try cli.succeed(["ingress", "remove", "aks-a/web/shop", "--host", "admin.example.com"]) == "ingress aks-a/web/shop@admin.example.com removed\n")
        #expect(try cli.succeed(["ingress", "remove", "aks-a/web/shop"]) == "ingress aks-a/web/shop@shop.example.com removed\n")
        #expect(try cli.succeed(["ingress", "list", "-o", "json"]) == "[]\n")
    }

    @Test(
        "bad input gets one line on stderr, exit 1, and the database is unchanged",
        arguments: [
            (["vnet", "add", "Bad_Name", "--region", "westeurope", "--address-space", "10.9.0.0/16"], "DNS-1123"),
            (["vnet", "add", "v9", "--region", "westeurope", "--address-space", "10.9.0.1/16"], "did you mean 10.9.0.0/16"),
            (["vnet", "add", "v9", "--region", "westeurope", "--address-space", "10.9.0.0/33"], "bad prefix length"),
            (["cluster", "add", "aks-x", "--vnet", "vnet-a", "--node-subnet", "10.9.0.0/20", "--network-plugin", "azure-cni"], "outside vnet vnet-a"),
            (
                ["cluster", "add", "aks-x", "--vnet", "vnet-a", "--node-subnet", "10.1.16.0/20", "--network-plugin", "kubenet", "--pod-cidr", "10.1.128.0/20"],
                "overlaps vnet vnet-a"
            ),
            (
                ["cluster", "add", "aks-x", "--vnet", "nowhere", "--node-subnet", "10.1.16.0/20", "--network-plugin", "kubenet"],
                "vnet 'nowhere' does not exist"
            ),
            (["cluster", "add", "aks-a", "--vnet", "vnet-a", "--node-subnet", "10.1.0.0/20", "--network-plugin", "kubenet"], "already exists"),
            (["vnet", "add", "vnet-z", "--region", "westeurope", "--address-space", "10.1.128.0/24"], ""),
            (["service", "add", "aks-a/ns/svc", "--ports", "80", "--exposure", "internal-lb"], "needs a loadBalancerIP"),
            (["import", "add", "aks-a", "aks-a/ns/missing"], "does not exist"),
            (["vpn-gateway", "add", "gw-2", "--vnet", "vnet-hub"], ""),
        ])
    func badInput(arguments: [String], expected: String) throws {
        try seed()
        _ = try cli.succeed(["vpn-gateway", "add", "gw-1", "--vnet", "vnet-hub"])
        let before = try cli.succeed(["export"])
        let result = try cli.run(arguments)
        if expected.isEmpty {
            // Control rows: valid adds that must succeed, so the table above also proves the refusals are specific.
            #expect(result.status == 0 || result.stderr.contains("one VPN gateway per VNet"), "\(result.stderr)")
            return
        }
        #expect(result.status == 1, "\(arguments)")
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try cli.succeed(["export"]) == before)
    }

    @Test("peering overlapping VNets, a second VPN gateway and transit without a gateway are refused")
    func azureRules() throws {
        try seed()
        _ = try cli.succeed(["vnet", "add", "vnet-o", "--region", "westeurope", "--address-space", "10.1.128.0/24"])
        #expect(try cli.run(["peering", "add", "vnet-a", "vnet-o"]).stderr.contains("Azure refuses to peer overlapping VNets"))
        _ = try cli.succeed(["vpn-gateway", "add", "gw-1", "--vnet", "vnet-hub"])
        #expect(try cli.run(["vpn-gateway", "add", "gw-2", "--vnet", "vnet-hub"]).stderr.contains("one VPN gateway per VNet"))
        #expect(try cli.run(["peering", "add", "vnet-a", "vnet-hub", "--gateway-transit", "vnet-a"]).stderr.contains("has no vpn-gateway"))
    }

    @Test("usage mistakes exit 2; --help exits 0 on every command")
    func usage() throws {
        #expect(try cli.run(["cluster", "add"]).status == 2)
        #expect(try cli.run(["cluster", "show"]).status == 2)
        #expect(try cli.run(["peering", "remove"]).status == 2)
        #expect(try cli.run(["frobnicate"]).status == 2)
        for command in [[], ["apply"], ["export"], ["vnet"], ["vnet", "add"], ["import", "remove"], ["tunnel", "list"]] {
            let result = try cli.run(command + ["--help"], useDatabase: false)
            #expect(result.status == 0 && result.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test("--db works before the subcommand and CROSSLINK_DB is honoured")
    func databaseOption() throws {
        let early = try CrosslinkProcess.run(["--db", cli.database, "vnet", "add", "v1", "--region", "westeurope", "--address-space", "10.5.0.0/16"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(try cli.succeed(["vnet", "list"]).contains("v1"))
    }
}
