import CrosslinkTestSupport
import Foundation
import Testing

/// Spec §9.3 end to end: the closest path leads in JSON, tables, the check report and reconcile lines.
@Suite struct PrimaryReasonCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    @Test("route check -o json marks exactly one primary rejection and carries fixes")
    func json() throws {
        let result = try cli.run(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory", "-o", "json"])
        #expect(result.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rejected = try #require(object["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["via"] as? String } == ["mesh", "tunnel", "network", "ingress"], "every rejection, in preference order")
        let primary = rejected.filter { $0["primary"] as? Bool == true }
        #expect(primary.count == 1 && primary.first?["via"] as? String == "tunnel")
        #expect(primary.first?["fix"] as? String == "crosslink tunnel add aks-batch aks-weu")
        #expect(rejected.first { $0["via"] as? String == "network" }?["fix"] as? String == "crosslink peering add vnet-spoke-b vnet-spoke-a")
        #expect(rejected.first { $0["via"] as? String == "mesh" }?["fix"] == nil, "joining a mesh is no crosslink command")
        #expect(rejected.allSatisfy { ($0["met"] as? Int) != nil && ($0["unmet"] as? Int).map { $0 > 0 } == true })
    }

    @Test("route check's report leads with the primary reason and its fix")
    func report() throws {
        let lines = try cli.run(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory"]).stdout.split(separator: "\n")
        #expect(lines.count > 4)
        #expect(lines[2] == "why (closest path first):")
        #expect(lines[3].hasPrefix("  tunnel: no tunnel joins aks-batch and aks-weu"))
        // The reason may wrap (its continuation indented past `tunnel: `); its fix comes next.
        #expect(lines.dropFirst(4).first { !$0.hasPrefix("          ") } == "    fix: crosslink tunnel add aks-batch aks-weu")
    }

    @Test("routes and reconcile print the primary reason with its fix")
    func tableAndReconcile() throws {
        let table = try cli.run(["routes", "--unroutable"]).stdout
        #expect(table.contains("crosslink peering add vnet-spoke-b vnet-spoke-a") && table.contains("network: the internal load balancer"))
        let reconcile = try cli.run(["reconcile"]).stdout.unwrapped
        #expect(reconcile.contains("now unroutable: network: the internal load balancer 10.1.0.100"))
        #expect(reconcile.contains("(fix: crosslink peering add vnet-spoke-b vnet-spoke-a)"))
    }
}
