import CrosslinkTestSupport
import Foundation
import Testing

/// `service add --external-traffic-policy` (spec §7.15), through the built binary and back out of export.
@Suite struct ExternalTrafficPolicyCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess() }

    func shown(_ service: String) throws -> [String: Any] {
        let json = try cli.succeed(["service", "show", service, "-o", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("Local is stored, shown and exported; the default is left out; a bad value is one line, exit 1")
    func roundTrip() throws {
        _ = try cli.succeed(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"])
        _ = try cli.succeed(["cluster", "add", "aks-a", "--vnet", "vnet-a", "--node-subnet", "10.1.0.0/20", "--network-plugin", "azure-cni"])
        _ = try cli.succeed([
            "service", "add", "aks-a/shop/cart", "--ports", "http=80", "--exposure", "internal-lb", "--load-balancer-ip", "10.1.0.50",
            "--external-traffic-policy", "Local",
        ])
        _ = try cli.succeed(["service", "add", "aks-a/shop/web", "--ports", "http=80"])
        #expect(try shown("aks-a/shop/cart")["externalTrafficPolicy"] as? String == "Local")
        #expect(try shown("aks-a/shop/web")["externalTrafficPolicy"] == nil)

        let exported = try cli.succeed(["export"])
        #expect(exported.components(separatedBy: "externalTrafficPolicy: Local").count == 2)
        #expect(!exported.contains("externalTrafficPolicy: Cluster"))
        // The export applies unchanged to the same database and reproduces itself on an empty one.
        #expect(try cli.succeed(["apply", "-f", "-"], stdin: exported).contains("0 created, 0 updated, 0 removed"))
        let fresh = try CrosslinkProcess()
        let applied = try fresh.run(["apply", "-f", "-"], stdin: exported)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(try fresh.run(["export"]).stdout == exported)

        // Changing only the policy is an update (here back to the default, by leaving the field out).
        let edited = exported.replacingOccurrences(of: "    externalTrafficPolicy: Local\n", with: "")
        #expect(try cli.succeed(["apply", "-f", "-"], stdin: edited).contains("0 created, 1 updated"))
        #expect(try shown("aks-a/shop/cart")["externalTrafficPolicy"] == nil)

        let bad = try cli.run(["service", "add", "aks-a/shop/api", "--ports", "80", "--external-traffic-policy", "local"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: --external-traffic-policy 'local' is not one of: Cluster | Local\n")
    }
}
