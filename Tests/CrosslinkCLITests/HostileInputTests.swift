import CrosslinkTestSupport
import Foundation
import Testing

/// A catalogue of hostile and broken inputs. Each must give one error line on stderr, exit 1, and
/// leave the database byte-for-byte unchanged (compared through `export`).
@Suite struct HostileInputTests {
    static let header = "apiVersion: crosslink.io/v1alpha1\nkind: Topology\n"
    static let vnet = "vnets: [{name: v, region: westeurope, addressSpace: [10.1.0.0/16]}]\n"
    static let cluster = "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni}]\n"

    /// Topology files fed to `apply -f -`.
    static let files: [(String, String)] = [
        ("empty file", ""),
        ("only a comment", "# nothing\n"),
        ("not a mapping", "- a\n- b\n"),
        ("a bare scalar", "hello\n"),
        ("truncated flow mapping", header + "vnets: [{name: v, region: w"),
        ("truncated after key", header + "vnets:\n  - name: v\n    region"),
        ("bad indentation", header + "vnets:\n  - name: v\n   region: w\n"),
        ("tab indentation", header + "vnets:\n\t- name: v\n"),
        ("duplicate key", header + "kind: Topology\n"),
        ("two documents", header + "---\n" + header),
        ("wrong apiVersion", "apiVersion: v1\nkind: Topology\n"),
        ("wrong kind", "apiVersion: crosslink.io/v1alpha1\nkind: Pod\n"),
        ("missing apiVersion", "kind: Topology\n"),
        ("unknown top-level field", header + "clustres: []\n"),
        ("unknown nested field", header + "vnets: [{name: v, region: w, addressSpace: [10.1.0.0/16], color: red}]\n"),
        ("vnets is a mapping", header + "vnets: {name: v}\n"),
        ("addressSpace is a string", header + "vnets: [{name: v, region: w, addressSpace: 10.1.0.0/16}]\n"),
        ("port as string", header + vnet + "imports: [{consumer: a, service: a/b/c, port: \"80\"}]\n"),
        ("port as float", header + "imports: [{consumer: a, service: a/b/c, port: 80.5}]\n"),
        ("port out of range", header + "imports: [{consumer: a, service: a/b/c, port: 70000}]\n"),
        ("negative port", header + "imports: [{consumer: a, service: a/b/c, port: -1}]\n"),
        ("bool as string", header + "vpnConnections: [{between: [a, b], bgp: \"true\"}]\n"),
        ("asn out of range", header + "vpnGateways: [{name: g, vnet: v, bgpASN: 4294967296}]\n"),
        ("asn zero", header + "vpnGateways: [{name: g, vnet: v, bgpASN: 0}]\n"),
        ("NUL byte", header + "vnets: [{name: \"v\u{0}x\", region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("control character in name", header + "vnets: [{name: \"v\u{1B}[31m\", region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("newline in name", header + "vnets: [{name: \"v\\nx\", region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("quote in name", header + "vnets: [{name: \"v'\\\"x\", region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("path traversal in name", header + "vnets: [{name: ../../etc, region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("slash in namespace", header + "imports: [{consumer: a/b/c, service: a/b/c}]\n"),
        ("uppercase name", header + "vnets: [{name: VNet, region: w, addressSpace: [10.1.0.0/16]}]\n"),
        ("64-character name", header + "vnets: [{name: \(String(repeating: "a", count: 64)), region: w, addressSpace: [10.1.0.0/16]}]\n"),
        (
            "service name starting with digit",
            header
                + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni, services: [{namespace: n, name: 1svc, ports: [{port: 80}]}]}]\n"
        ),
        ("CIDR with host bits", header + "vnets: [{name: v, region: w, addressSpace: [10.1.0.1/16]}]\n"),
        ("CIDR prefix 33", header + "vnets: [{name: v, region: w, addressSpace: [10.1.0.0/33]}]\n"),
        ("CIDR octet 256", header + "vnets: [{name: v, region: w, addressSpace: [10.256.0.0/16]}]\n"),
        ("CIDR without prefix", header + "vnets: [{name: v, region: w, addressSpace: [10.1.0.0]}]\n"),
        ("IPv6 address space", header + "vnets: [{name: v, region: w, addressSpace: [\"fd00::/8\"]}]\n"),
        (
            "IPv6 load balancer IP",
            header
                + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni, services: [{namespace: n, name: s, ports: [{port: 80}], exposure: internal-lb, loadBalancerIP: \"::1\"}]}]\n"
        ),
        ("overlapping prefixes in one vnet", header + "vnets: [{name: v, region: w, addressSpace: [10.1.0.0/16, 10.1.2.0/24]}]\n"),
        ("unknown network plugin", header + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: calico}]\n"),
        ("node subnet outside vnet", header + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.9.0.0/20, networkPlugin: azure-cni}]\n"),
        (
            "overlay pods overlapping vnet",
            header + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: kubenet, podCIDR: 10.1.64.0/18}]\n"
        ),
        ("reference to unknown vnet", header + "clusters: [{name: c, vnet: nowhere, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni}]\n"),
        ("reference to unknown cluster", header + "tunnels: [{between: [aks-a, ghost]}]\n"),
        ("reference to unknown service", header + "imports: [{consumer: aks-a, service: aks-a/nowhere/svc}]\n"),
        ("unknown gateway in connection", header + "vpnConnections: [{between: [gw-a, ghost]}]\n"),
        ("duplicate objects", header + vnet + "  - {name: v, region: westeurope, addressSpace: [10.1.0.0/16]}\n"),
        ("peering of overlapping vnets", header + "vnets: [{name: v, region: w, addressSpace: [10.1.128.0/24]}]\npeerings: [{between: [v, vnet-a]}]\n"),
        ("second vpn gateway in a vnet", header + "vpnGateways: [{name: gw-b, vnet: vnet-a}]\n"),
        (
            "gateway transit without gateway",
            header + "vnets: [{name: v, region: w, addressSpace: [10.7.0.0/16]}]\npeerings: [{between: [v, vnet-b], gatewayTransit: v}]\n"
        ),
        (
            "lb without ip",
            header
                + "clusters: [{name: c, vnet: vnet-a, nodeSubnet: 10.1.16.0/20, networkPlugin: azure-cni, services: [{namespace: n, name: s, ports: [{port: 80}], exposure: public-lb}]}]\n"
        ),
        ("import of a port the service lacks", header + "imports: [{consumer: aks-a, service: aks-a/ns/svc, port: 81}]\n"),
        (
            "alias bomb",
            header
                + (0..<10).map { i in
                    "a\(i): &a\(i) [" + (i == 0 ? "x, x, x, x, x, x, x, x, x" : Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")) + "]\n"
                }.joined() + "vnets: *a9\n"
        ),
        ("deep flow nesting", header + "vnets: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n"),
        ("deep block nesting", header + "vnets:\n" + (0..<200).map { String(repeating: "  ", count: $0) + "- \n" }.joined()),
        ("truncated inside a scalar", "apiVersion: crosslink.io/v1alpha1\nkind: Topology\nvnets: [{name: \u{FFFD}"),
        ("undefined alias", header + "vnets: *nothing\n"),
        ("host with underscore", header + "ingresses: [{cluster: aks-a, service: ns/svc, host: bad_host.example.com}]\n"),
    ]

    let cli: CrosslinkProcess
    init() throws {
        cli = try CrosslinkProcess()
        let seed =
            Self.header + """
                vnets:
                  - {name: vnet-a, region: westeurope, addressSpace: [10.1.0.0/16]}
                  - {name: vnet-b, region: westeurope, addressSpace: [10.2.0.0/16]}
                clusters:
                  - {name: aks-a, vnet: vnet-a, nodeSubnet: 10.1.0.0/20, networkPlugin: azure-cni,
                     services: [{namespace: ns, name: svc, ports: [{name: http, port: 80}]}]}
                vpnGateways: [{name: gw-a, vnet: vnet-a}]
                """
        let result = try cli.run(["apply", "-f", "-"], stdin: seed)
        precondition(result.status == 0, result.stderr)
    }

    @Test("the catalogue holds at least 50 hostile inputs")
    func catalogueSize() { #expect(Self.files.count + Self.arguments.count >= 50) }

    @Test("hostile topology files are refused cleanly", arguments: files)
    func hostileFile(name: String, text: String) throws {
        let before = try cli.run(["export"]).stdout
        let result = try cli.run(["apply", "-f", "-"], stdin: text)
        #expect(result.status == 1, "\(name): status \(result.status), \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(name): \(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(name): \(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "\(name): raw control characters echoed")
        #expect(try cli.run(["export"]).stdout == before, "\(name) changed the database")
    }

    /// Command lines with bad values (usage is fine; the values are not).
    static let arguments: [(String, [String])] = [
        ("bad CIDR flag", ["vnet", "add", "v", "--region", "westeurope", "--address-space", "10.0.0.0/99"]),
        ("IPv6 flag", ["vnet", "add", "v", "--region", "westeurope", "--address-space", "::/0"]),
        ("newline in name", ["vnet", "add", "v\nx", "--region", "westeurope", "--address-space", "10.9.0.0/16"]),
        ("bad port spec", ["service", "add", "aks-a/ns/other", "--ports", "http=eighty"]),
        ("bad protocol", ["service", "add", "aks-a/ns/other", "--ports", "80/ICMP"]),
        ("bad service key", ["service", "show", "aks-a/ns"]),
        ("path traversal key", ["service", "remove", "../../etc/passwd"]),
        ("unknown peering", ["peering", "remove", "vnet-a", "vnet-z"]),
        ("import of unknown consumer", ["import", "add", "ghost", "aks-a/ns/svc"]),
        ("not a database", ["vnet", "list", "--db", "/etc/hostname"]),
        ("missing file", ["apply", "-f", "/nonexistent/estate.yaml"]),
        ("directory as file", ["apply", "-f", "/tmp"]),
    ]

    @Test("hostile command-line values are refused cleanly", arguments: arguments)
    func hostileArguments(name: String, arguments: [String]) throws {
        let before = try cli.run(["export"]).stdout
        let usesOwnDatabase = arguments.contains("--db")
        let result = try cli.run(arguments, useDatabase: !usesOwnDatabase)
        #expect(result.status == 1, "\(name): status \(result.status), \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.filter { $0 == "\n" }.count == 1, "\(name): \(result.stderr)")
        #expect(try cli.run(["export"]).stdout == before, "\(name) changed the database")
    }

    @Test("a truncated database file is refused, not repaired or overwritten")
    func truncatedDatabase() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let path = cli.directory.appendingPathComponent("truncated.db")
        try data.prefix(1024).write(to: path)
        let result = try CrosslinkProcess.run(["vnet", "list", "--db", path.path])
        #expect(result.status == 1 && result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(try Data(contentsOf: path) == data.prefix(1024))
    }
}

/// Output directories that must be refused before anything changes, in the directory or the database.
@Suite struct HostileOutputTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    func routeState() throws -> String {
        try IndependentSQLite.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('SELECT generation FROM reconcile_state').fetchone(), c.execute('SELECT count(*) FROM route').fetchone())",
            [cli.database]
        ).output
    }

    func expectRefused(_ out: URL, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = (try routeState(), try CrashSafetyTests.manifestFiles(out))
        let result = try cli.run(["reconcile", "--out", out.path])
        #expect(
            result.status == 1 && result.stderr.hasPrefix("error: ") && result.stderr.contains(expected), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, sourceLocation: sourceLocation)
        #expect(try routeState() == before.0, "the routes were stored anyway", sourceLocation: sourceLocation)
        #expect(try CrashSafetyTests.manifestFiles(out) == before.1, sourceLocation: sourceLocation)
    }

    @Test("an output path that is a file")
    func outputIsFile() throws {
        let file = cli.directory.appendingPathComponent("plain-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        try expectRefused(file, "not a directory")
    }

    @Test("a symlink where a manifest goes")
    func symlinkInPlace() throws {
        let out = cli.directory.appendingPathComponent("out-link")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("aks-neu/orders"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent("aks-neu/orders/serviceexport-orders-api.yaml").path,
            withDestinationPath: "/etc/passwd")
        try expectRefused(out, "serviceexport-orders-api.yaml")
        #expect(try String(contentsOfFile: "/etc/passwd", encoding: .utf8).contains("root"))
    }

    @Test("a file crosslink did not write where a manifest goes")
    func foreignFileInPlace() throws {
        let out = cli.directory.appendingPathComponent("out-foreign")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("aks-neu/orders"), withIntermediateDirectories: true)
        try "mine\n".write(to: out.appendingPathComponent("aks-neu/orders/serviceexport-orders-api.yaml"), atomically: true, encoding: .utf8)
        try expectRefused(out, "was not written by crosslink")
    }

    @Test("an output directory that cannot be created")
    func uncreatable() throws {
        try expectRefused(URL(fileURLWithPath: "/proc/crosslink-out"), "/proc/crosslink-out")
    }
}
