import CrosslinkTestSupport
import Foundation
import Testing

/// Spec §8 on the command line: route-table, firewall and security-group groups, the new peering and
/// gateway flags, and the firewall-hub example end to end.
@Suite struct TrafficControlCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess() }

    @Test("route tables, firewalls and security groups are added, listed, shown, exported and removed")
    func lifecycle() throws {
        for arguments in [
            ["vnet", "add", "vnet-hub", "--region", "westeurope", "--address-space", "10.0.0.0/16"],
            ["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"],
            ["peering", "add", "vnet-a", "vnet-hub", "--allow-forwarded-traffic"],
            ["vpn-gateway", "add", "gw-hub", "--vnet", "vnet-hub", "--subnet", "10.0.255.0/27"],
            [
                "route-table", "add", "rt-a", "--vnet", "vnet-a", "--subnets", "10.1.0.0/20", "--propagate-gateway-routes", "false",
                "--routes", "0.0.0.0/0=virtual-appliance@10.0.1.4", "--routes", "10.9.0.0/16=none",
            ],
            [
                "firewall", "add", "fw-hub", "--vnet", "vnet-hub", "--private-ip", "10.0.1.4",
                "--rules", "name=web sources=10.1.0.0/16 destinations=VirtualNetwork ports=80,8000-8100 protocols=TCP",
                "--rules", "name=no-db action=deny ports=5432",
            ],
            [
                "security-group", "add", "nsg-a", "--vnet", "vnet-a", "--subnets", "10.1.0.0/20",
                "--rules", "name=deny-web priority=100 direction=inbound access=deny protocol=TCP sources=10.9.0.0/16 ports=80",
            ],
        ] {
            _ = try cli.succeed(arguments)
        }
        let tables = try cli.succeed(["route-table", "list", "-o", "json"])
        #expect(tables.contains("\"nextHopIP\": \"10.0.1.4\"") && tables.contains("\"propagateGatewayRoutes\": false"))
        let firewall = try cli.succeed(["firewall", "show", "fw-hub", "-o", "json"])
        #expect(firewall.contains("\"8000-8100\"") && firewall.contains("\"VirtualNetwork\"") && firewall.contains("\"defaultAction\": \"deny\""))
        #expect(try cli.succeed(["security-group", "list"]).contains("nsg-a"))
        let exported = try cli.succeed(["export"])
        #expect(exported.contains("allowForwardedTraffic: true") && exported.contains("subnet: 10.0.255.0/27"))
        let copy = try CrosslinkProcess()
        #expect(try copy.run(["apply", "-f", "-"], stdin: exported).status == 0)
        #expect(try copy.run(["export"]).stdout == exported)
        // A VNet with a table is referenced by it.
        let refused = try cli.run(["vnet", "remove", "vnet-a"])
        #expect(refused.status == 1 && refused.stderr.contains("route-table rt-a"))
        #expect(try cli.succeed(["route-table", "remove", "rt-a"]).contains("route-table rt-a removed"))
        #expect(try cli.succeed(["firewall", "remove", "fw-hub"]).contains("firewall fw-hub removed"))
    }

    @Test("refusals are one line, exit 1, and store nothing")
    func refusals() throws {
        _ = try cli.succeed(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"])
        for (arguments, text) in [
            (["route-table", "add", "rt", "--vnet", "vnet-a", "--routes", "10.2.0.0/16=virtual-appliance"], "needs a nextHopIP"),
            (["route-table", "add", "rt", "--vnet", "vnet-a", "--subnets", "10.2.0.0/24"], "outside vnet vnet-a"),
            (["firewall", "add", "fw", "--vnet", "vnet-a", "--private-ip", "10.2.0.4"], "outside vnet vnet-a"),
            (["security-group", "add", "nsg", "--vnet", "vnet-a", "--rules", "name=r priority=5000 direction=inbound access=allow"], "outside 100 to 4096"),
            (["firewall", "add", "fw", "--vnet", "vnet-a", "--private-ip", "10.1.0.4", "--rules", "name=r colour=red"], "is not one of"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(text) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        #expect(try cli.succeed(["route-table", "list", "-o", "json"]).trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("the firewall-hub example: routable through the firewall, each mistake named, exit 3 when unroutable")
    func example() throws {
        let hub = try CrosslinkProcess.withExample("firewall-hub")
        let routable = try hub.run(["route", "check", "aks-a/web", "aks-b/shop/orders", "--via", "network"])
        #expect(routable.status == 0 && routable.stdout.contains("firewall fw-hub (10.0.1.4)"))
        let denied = try hub.run(["route", "check", "aks-a/web", "aks-b/data/postgres", "--via", "network"])
        #expect(denied.status == 3 && denied.stdout.contains("[FirewallDenied]"))
        let reconcile = try hub.run(["reconcile"])
        #expect(reconcile.status == 0 && reconcile.stdout.contains("3 routable, 5 unroutable"), "\(reconcile.stdout)")
    }

    @Test("route check --explain: the effective route at every hop of request and reply, table and JSON")
    func explain() throws {
        let hub = try CrosslinkProcess.withExample("firewall-hub")
        let table = try hub.run(["route", "check", "aks-a/web", "aks-b/shop/orders", "--via", "network", "--explain"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("vnet-spoke-a 10.1.0.0/20 [rt-spoke-a]: 0.0.0.0/0 (user) -> virtual-appliance 10.0.1.4"))
        #expect(table.stdout.contains("vnet-hub 10.0.1.4: 10.2.0.0/16 (system) -> vnet-peering vnet-spoke-b"))
        #expect(table.stdout.contains("firewall fw-hub: rule east-west-web allows TCP/80 from 10.1.0.0/20 to 10.2.0.50"))
        #expect(table.stdout.contains("security-group nsg-aks-b inbound: rule AllowVnetInBound (priority 65000) allows"))
        let json = try hub.run(["route", "check", "aks-a/web", "aks-b/shop/admin", "--via", "network", "--explain", "-o", "json"])
        #expect(json.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let paths = try #require(object["explain"] as? [[String: Any]])
        let flow = try #require((paths.first?["flows"] as? [[String: Any]])?.first)
        #expect((flow["verdict"] as? String)?.hasPrefix("SecurityGroupDenied: ") == true)
        let request = try #require(flow["request"] as? [[String: Any]])
        #expect(request.first?["routeTable"] as? String == "rt-spoke-a" && request.first?["source"] as? String == "user")
        // Without §8 objects there is nothing to explain beyond the underlay.
        let plain = try CrosslinkProcess.withExample("multi-cluster")
        let v1 = try plain.run(["route", "check", "aks-weu/checkout", "aks-neu/payments/payments-api", "--explain"])
        #expect(v1.stdout.unwrapped.contains("the underlay rules N1-N5 decide"))
    }

    @Test("set changes a route table, firewall, security group, a peering's forwarded traffic and a gateway's subnet in place")
    func set() throws {
        let hub = try CrosslinkProcess.withExample("firewall-hub")
        let before = try hub.run(["route", "check", "aks-a/web", "aks-c/batch/reports", "--via", "network"])
        #expect(before.status == 3 && before.stdout.contains("[ForwardedTrafficNotAllowed]"))
        #expect(try hub.run(["peering", "set", "vnet-hub", "vnet-spoke-c", "--allow-forwarded-traffic", "true"]).status == 0)
        #expect(try hub.run(["route", "check", "aks-a/web", "aks-c/batch/reports", "--via", "network"]).status == 0)
        #expect(try hub.run(["firewall", "set", "fw-hub", "--rules", "name=all"]).status == 0)
        #expect(try hub.run(["route", "check", "aks-a/web", "aks-b/data/postgres", "--via", "network"]).status == 0)
        #expect(try hub.run(["route-table", "set", "rt-spoke-a", "--routes", "0.0.0.0/0=none"]).status == 0)
        #expect(try hub.run(["route", "check", "aks-a/web", "aks-b/shop/orders", "--via", "network"]).stdout.contains("[RouteDropped]"))
        #expect(try hub.run(["security-group", "set", "nsg-aks-b", "--subnets", "10.2.0.0/24"]).status == 0)
        #expect(try hub.run(["vpn-gateway", "set", "gw-hub", "--subnet", ""]).status == 0)
        let exported = try hub.run(["export"]).stdout
        #expect(exported.contains("- 10.2.0.0/24") && !exported.contains("subnet: 10.0.255.0/27"))
        let refused = try hub.run(["firewall", "set", "fw-hub", "--private-ip", "10.9.9.9"])
        #expect(refused.status == 1 && refused.stderr.contains("outside vnet vnet-hub"))
    }

    @Test("import azure takes route tables, NSGs, firewalls and firewall policies")
    func importAzure() throws {
        let fixtures = CrosslinkProcess.repositoryRoot.appendingPathComponent("Tests/CrosslinkAzureTests/Fixtures")
        var arguments = ["import", "azure"]
        for (flag, file) in [
            ("--vnets", "lz-vnets.json"), ("--peerings", "lz-peerings.json"), ("--route-tables", "route-tables.json"),
            ("--security-groups", "nsgs.json"), ("--firewalls", "firewalls.json"), ("--firewall-policies", "firewall-policy-rcgs.json"),
        ] {
            arguments += [flag, fixtures.appendingPathComponent(file).path]
        }
        let result = try cli.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: ") && result.stderr.contains("rt-unused"))
        #expect(try cli.succeed(["firewall", "list"]).contains("fw-premium"))
        #expect(try cli.succeed(["route-table", "show", "rt-spokes-vnet-spoke-b", "-o", "json"]).contains("\"propagateGatewayRoutes\": false"))
    }

    @Test("a FirewallDenied fix, run as printed (its <name> filled in), makes the path routable")
    func firewallFixRuns() throws {
        let hub = try CrosslinkProcess.withExample("firewall-hub")
        let check = ["route", "check", "aks-a/web", "aks-b/data/postgres", "--via", "network"]
        let json = try hub.run(check + ["-o", "json"]).stdout
        let start = try #require(json.range(of: "\"fix\": \"crosslink "))
        let fix = String(json[start.upperBound...].prefix { $0 != "\"" })
        #expect(fix.hasPrefix("firewall set fw-hub --rules 'name=<name> action=allow sources=10.1.0.0/20 destinations=10.2.0.60/32"))
        // The shell's words: single quotes hold a rule's spaces.
        var words: [String] = []
        for (index, part) in fix.replacingOccurrences(of: "<name>", with: "allow-pg").split(separator: "'", omittingEmptySubsequences: false).enumerated() {
            words += index % 2 == 1 ? [String(part)] : part.split(separator: " ").map(String.init)
        }
        #expect(try hub.run(words).status == 0)
        #expect(try hub.run(check).stdout.contains("routable via network"))
    }
}
