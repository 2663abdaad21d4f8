import CrosslinkTestSupport
import Foundation
import Testing

/// Spec §9.2: `<kind> set KEY --field value…` changes a registered object in place.
@Suite struct SetCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try cli.run(arguments + ["-o", "json"]).stdout.utf8))
    }

    @Test("service set changes the exposure in place and keeps the service's imports")
    func serviceExposure() throws {
        let imports = try #require(try json(["import", "list"]) as? [Any]).count
        let result = try cli.run(["service", "set", "aks-weu/backend/inventory", "--exposure", "public-lb", "--load-balancer-ip", "20.1.2.9"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "service aks-weu/backend/inventory updated: exposure: internal-lb -> public-lb; loadBalancerIP: 10.1.0.100 -> 20.1.2.9\n")
        #expect(try #require(try json(["import", "list"]) as? [Any]).count == imports)
        let service = try #require(try json(["service", "show", "aks-weu/backend/inventory"]) as? [String: Any])
        #expect(service["exposure"] as? String == "public-lb" && service["loadBalancerIP"] as? String == "20.1.2.9")
        // The same change again is no change.
        let again = try cli.run(["service", "set", "aks-weu/backend/inventory", "--exposure", "public-lb"])
        #expect(again.status == 0 && again.stdout == "service aks-weu/backend/inventory unchanged\n")
    }

    @Test("set validates like apply and writes nothing when refused")
    func refused() throws {
        let before = try cli.run(["export"]).stdout
        let noAddress = try cli.run(["service", "set", "aks-neu/orders/orders-api", "--exposure", "internal-lb"])
        #expect(noAddress.status == 1 && noAddress.stderr.hasPrefix("error: ") && noAddress.stderr.contains("loadBalancerIP"))
        let outside = try cli.run(["cluster", "set", "aks-weu", "--node-subnet", "192.168.0.0/24"])
        #expect(outside.status == 1 && outside.stderr.hasPrefix("error: "))
        #expect(try cli.run(["export"]).stdout == before)
    }

    static let usage: [(arguments: [String], status: Int32)] = [
        (["service", "set", "aks-weu/backend/inventory"], 2),
        (["vnet", "set", "ghost", "--region", "westeurope"], 1),
        (["peering", "set", "vnet-hub", "vnet-spoke-a", "--state", "sideways"], 1),
        (["mesh-link", "set", "aks-weu", "aks-neu"], 2),
    ]

    @Test("no field is a usage mistake; an unknown object or value an error; mesh links have nothing to set", arguments: usage)
    func mistakes(arguments: [String], status: Int32) throws {
        #expect(try cli.run(arguments).status == status)
    }

    @Test(
        "every kind with fields beyond its key has set",
        arguments: ["vnet", "cluster", "service", "peering", "vpn-gateway", "vpn-connection", "tunnel", "ingress", "import"])
    func everyKind(kind: String) throws {
        let help = try cli.run([kind, "set", "--help"], useDatabase: false)
        #expect(help.status == 0 && help.stdout.contains("USAGE: crosslink \(kind) set"))
    }

    @Test("set edits the fields a user changes most, each in one command")
    func fields() throws {
        #expect(try cli.run(["peering", "set", "vnet-spoke-a", "vnet-hub", "--state", "initiated"]).stdout.contains("state: connected -> initiated"))
        #expect(try cli.run(["tunnel", "set", "aks-batch", "aks-neu", "--endpoint", "private"]).stdout.contains("endpoint: public -> private"))
        #expect(try cli.run(["import", "set", "aks-batch/reporting", "aks-weu/backend/inventory", "--via", "auto"]).stdout.contains("via: network -> auto"))
        // A default pod range follows the plugin; leaving the mesh takes one flag.
        let plugin = try cli.run(["cluster", "set", "aks-weu", "--network-plugin", "kubenet"])
        #expect(plugin.status == 0 && plugin.stdout.contains("podCIDR: 10.1.0.0/20 -> 10.244.0.0/16"), "\(plugin.stdout)\(plugin.stderr)")
        #expect(try cli.run(["cluster", "set", "aks-weu", "--mesh-id", ""]).stdout.contains("mesh: "))
        let cluster = try #require(try json(["cluster", "show", "aks-weu"]) as? [String: Any])
        #expect(cluster["mesh"] == nil)
        // A port left at its default follows TLS.
        #expect(try cli.run(["ingress", "set", "aks-weu/web/storefront", "--no-tls"]).stdout.contains("port: 443 -> 80"))
    }

    @Test("the fix a rejection names works as printed")
    func fixWorks() throws {
        let check = ["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory", "--via", "network", "-o", "json"]
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(check).stdout.utf8)) as? [String: Any])
        let rejected = try #require(answer["rejected"] as? [[String: Any]])
        let fix = try #require(rejected.first?["fix"] as? String)
        #expect(fix.hasPrefix("crosslink "))
        #expect(try cli.run(Array(fix.split(separator: " ").dropFirst().map(String.init))).status == 0)
        #expect(try cli.run(check).status == 0)
    }
}
