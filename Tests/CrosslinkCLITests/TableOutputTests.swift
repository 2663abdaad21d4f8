import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

@testable import CrosslinkCLI

/// Issue 15 item 6: tables people can read (docs/model.md, "Tables and text output").
@Suite struct TableOutputTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    /// The lines of `text` that belong under an unroutable row: `why:`, `fix:` and their continuations.
    static func detailLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("  ") }
    }

    // MARK: width

    @Test("a pipe gets reasons wrapped to 100 columns; -o json keeps every reason whole")
    func reasonsWrapOnAPipe() throws {
        let table = try cli.run(["routes"]).stdout
        let details = Self.detailLines(table)
        #expect(details.count >= 4, "\(table)")
        #expect(details.allSatisfy { $0.count <= 100 }, "\(table)")
        // The wrapped lines put back together are the primary reason, word for word.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(cli.run(["routes", "-o", "json"]).stdout.utf8)) as? [[String: Any]])
        let unroutable = try #require(json.first { $0["routable"] as? Bool == false })
        let primary = try #require((unroutable["rejected"] as? [[String: Any]])?.first { $0["primary"] as? Bool == true })
        let reason = "\(primary["via"] as? String ?? ""): \(primary["reason"] as? String ?? "")"
        #expect(reason.count > 200, "a reason long enough to need wrapping")
        let why = details.prefix { !$0.hasPrefix("  fix: ") }.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(why == "why: " + reason)
        #expect(details.contains("  fix: crosslink peering add vnet-spoke-b vnet-spoke-a"))
    }

    @Test("COLUMNS does not change what goes into a pipe")
    func pipeWidthIgnoresColumns() throws {
        #expect(try cli.run(["routes"], environment: ["COLUMNS": "50"]).stdout == (try cli.run(["routes"], environment: ["COLUMNS": "300"]).stdout))
    }

    @Test("route check, plan and reconcile wrap their long lines to 100 columns on a pipe")
    func reportsWrap() throws {
        let check = try cli.run(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory"])
        #expect(check.status == 3 && check.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(check.stdout)")
        // The reason's continuation starts after `network: `, the fix under the path kinds.
        #expect(check.stdout.contains("  network: the internal load balancer 10.1.0.100 needs vnet-spoke-b to reach vnet-spoke-a:\n           vnet-spoke-b"))
        #expect(check.stdout.contains("\n    fix: crosslink peering add vnet-spoke-b vnet-spoke-a\n"))
        let reconcile = try cli.run(["reconcile"]).stdout
        #expect(reconcile.split(separator: "\n").allSatisfy { $0.count <= 100 } && reconcile.contains("\n  balancer 10.1.0.100"), "\(reconcile)")
        let file = cli.directory.appendingPathComponent("changed.yaml")
        let exported = try cli.run(["export"]).stdout
        try exported.replacingOccurrences(of: "exposure: internal-lb", with: "exposure: cluster-ip")
            .replacingOccurrences(of: "loadBalancerIP: 10.1.0.100", with: "").write(to: file, atomically: true, encoding: .utf8)
        let plan = try cli.run(["plan", "-f", file.path])
        #expect(plan.status == 3 && plan.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(plan.stdout)")
    }

    @Test("the width: the terminal's size, else COLUMNS, else 80, at least 40; a pipe always 100")
    func widthDecision() {
        #expect(TextStyle.width(isTerminal: false, windowColumns: nil, environment: ["COLUMNS": "200"]) == 100)
        #expect(TextStyle.width(isTerminal: true, windowColumns: 132, environment: ["COLUMNS": "90"]) == 132)
        #expect(TextStyle.width(isTerminal: true, windowColumns: 0, environment: ["COLUMNS": "90"]) == 90)
        #expect(TextStyle.width(isTerminal: true, windowColumns: nil, environment: ["COLUMNS": "wide"]) == 80)
        #expect(TextStyle.width(isTerminal: true, windowColumns: nil, environment: [:]) == 80)
        #expect(TextStyle.width(isTerminal: true, windowColumns: 12, environment: [:]) == 40)
    }

    @Test("wrapping breaks at spaces, keeps every word, indents continuations and never cuts a long word")
    func wrapping() {
        let line = "  why: " + Array(repeating: "word", count: 30).joined(separator: " ")
        let wrapped = line.wrapped(width: 40, continuationIndent: line.hangingIndent)
        #expect(wrapped.count > 1 && wrapped.allSatisfy { $0.count <= 40 })
        #expect(wrapped.dropFirst().allSatisfy { $0.hasPrefix("       word") })
        #expect(wrapped.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == line.trimmingCharacters(in: .whitespaces))
        let long = "x: " + String(repeating: "y", count: 60) + " z"
        #expect(long.wrapped(width: 40, continuationIndent: 3) == ["x:", "   " + String(repeating: "y", count: 60), "   z"])
        #expect("short".wrapped(width: 40, continuationIndent: 2) == ["short"])
        // A list breaks between items only, each line but the last ending with the separator.
        let hops = String.wrappedList(["aks-a", "firewall fw-hub (10.0.1.4)", "vnet-hub", "aks-b"], label: "hops:", separator: " -> ", width: 44)
        #expect(hops == ["hops: aks-a -> firewall fw-hub (10.0.1.4) ->", "      vnet-hub -> aks-b"])
        // Colour codes take no room.
        #expect("\u{1B}[31mno\u{1B}[0m".visibleWidth == 2)
    }

    // MARK: columns and values

    @Test("routes: SERVICE without the port, PORT the service port, ADDRESS host:port")
    func routeColumns() throws {
        let lines = try cli.run(["routes"]).stdout.split(separator: "\n")
        #expect(lines.first?.split(separator: " ") == ["CONSUMER", "SERVICE", "PORT", "ROUTABLE", "VIA", "ADDRESS"])
        let ingress = try #require(lines.first { $0.hasPrefix("aks-edge/shop ") }).split(separator: " ")
        #expect(ingress == ["aks-edge/shop", "aks-weu/web/storefront", "80", "yes", "ingress", "shop.example.com:443"])
        #expect(!lines.contains { $0.contains("storefront:80") || $0.contains("orders-api:8080") }, "no port repeated in SERVICE")
    }

    @Test("every table's header is capitals with words joined by '-'")
    func oneHeaderStyle() throws {
        for kind in [
            "vnet", "cluster", "service", "peering", "vpn-gateway", "vpn-connection", "tunnel", "mesh-link", "ingress", "import",
            "route-table", "firewall", "security-group",
        ] {
            let result = try cli.run([kind, "list"])
            let header = try #require(result.stdout.split(separator: "\n").first, "\(kind) list printed no header")
            #expect(header.split(separator: " ").allSatisfy { $0.allSatisfy { $0.isUppercase || $0 == "-" } }, "\(kind) list: \(header)")
        }
        #expect(try cli.run(["cluster", "list"]).stdout.hasPrefix("NAME       VNET          REGION       NETWORK-PLUGIN     NODE-SUBNET   POD-CIDR"))
        #expect(Table.header("loadBalancerIP") == "LOAD-BALANCER-IP" && Table.header("bgpASN") == "BGP-ASN" && Table.header("name") == "NAME")
        #expect(Table.header("propagateGatewayRoutes") == "PROPAGATE-GATEWAY-ROUTES" && Table.header("CONSUMER") == "CONSUMER")
    }

    @Test("ports print as --ports takes them, and what is printed registers the same port")
    func portsAsTyped() throws {
        #expect(try cli.run(["service", "list"]).stdout.contains("  http=80:8080/TCP@http  "))
        #expect(
            try cli.run(["service", "show", "aks-neu/payments/payments-api"]).stdout.split(separator: "\n").contains {
                $0.hasPrefix("ports ") && $0.hasSuffix(" grpc=9090/TCP@grpc")
            })
        let typed = "metrics=9100:9102/UDP@prom"
        #expect(try cli.run(["service", "add", "aks-weu/backend/exporter", "--ports", typed]).status == 0)
        let shown = try cli.run(["service", "show", "aks-weu/backend/exporter"]).stdout
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("ports ") && $0.hasSuffix(" \(typed)") }, "\(shown)")
    }

    @Test("the ends of a link print as a~b in list and show")
    func pairs() throws {
        #expect(try cli.run(["peering", "list"]).stdout.contains("\nvnet-hub~vnet-spoke-a  "))
        #expect(try cli.run(["tunnel", "list"]).stdout.contains("\naks-batch~aks-neu  "))
        #expect(try cli.run(["vpn-connection", "list"]).stdout.contains("\ngw-hub~gw-neu  "))
        #expect(try cli.run(["peering", "show", "vnet-hub", "vnet-spoke-a"]).stdout.contains("vnet-hub~vnet-spoke-a"))
        // JSON keeps its list.
        #expect(try cli.run(["peering", "list", "-o", "json"]).stdout.contains("[\"vnet-hub\", \"vnet-spoke-a\"]"))
    }

    // MARK: nothing to emit

    @Test("manifests says why when there is nothing to emit, keeping stdout an empty YAML stream")
    func nothingToEmit() throws {
        let empty = try CrosslinkProcess()
        #expect(try empty.run(["vnet", "add", "v", "--region", "westeurope", "--address-space", "10.0.0.0/16"]).status == 0)
        let none = try empty.run(["manifests"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        #expect(none.stderr == "nothing to emit: no imports are registered (crosslink import add CONSUMER SERVICE)\n")
        let out = try empty.run(["manifests", "--out", empty.directory.appendingPathComponent("m").path])
        #expect(out.status == 0 && out.stdout.hasSuffix("\nnothing to emit: no imports are registered (crosslink import add CONSUMER SERVICE)\n"))
        let reconcile = try empty.run(["reconcile", "--out", empty.directory.appendingPathComponent("r").path])
        #expect(
            reconcile.stdout.hasSuffix(
                "manifests: 0 written, 0 unchanged, 0 removed\nnothing to emit: no imports are registered (crosslink import add CONSUMER SERVICE)\n"))

        // Imports, none routable.
        #expect(try cli.run(["import", "remove", "aks-weu/web", "aks-weu/backend/inventory"]).status == 0)
        for route in [
            ("aks-batch/reporting", "aks-neu/orders/orders-api"), ("aks-edge/shop", "aks-weu/web/storefront"),
            ("aks-neu/orders", "aks-weu/backend/inventory"), ("aks-weu/checkout", "aks-neu/payments/payments-api"),
        ] {
            #expect(try cli.run(["import", "remove", route.0, route.1]).status == 0)
        }
        let unroutable = try cli.run(["manifests"])
        #expect(unroutable.status == 0 && unroutable.stdout.isEmpty)
        #expect(unroutable.stderr == "nothing to emit: no import is routable (crosslink routes --unroutable says why)\n")
        // Something to emit: no note.
        let some = try CrosslinkProcess.withExample("multi-cluster").run(["manifests"])
        #expect(!some.stdout.isEmpty && some.stderr.isEmpty)
        #expect(
            ManifestSelection.nothingToEmit(imports: 3, routable: 2, cluster: "aks-x")
                == "nothing to emit: no routable import needs a manifest in cluster 'aks-x'")
    }

    // MARK: colour

    @Test("colour only on a terminal, and never with NO_COLOR set non-empty")
    func colourDecision() {
        #expect(TextStyle.usesColour(isTerminal: true, environment: [:]))
        #expect(TextStyle.usesColour(isTerminal: true, environment: ["NO_COLOR": ""]), "no-color.org: an empty NO_COLOR is unset")
        #expect(!TextStyle.usesColour(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!TextStyle.usesColour(isTerminal: false, environment: [:]))
        let style = TextStyle(width: 100, usesColour: true)
        #expect(style.verdict("no", routable: false) == "\u{1B}[31mno\u{1B}[0m" && TextStyle.plain.verdict("no", routable: false) == "no")
    }

    /// Runs `crosslink ARGUMENTS` with standard output on a pseudo-terminal (util-linux `script`).
    func onTerminal(_ arguments: [String], environment: [String: String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let quoted = ([CrosslinkProcess.binary.path] + arguments + ["--db", cli.database]).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", quoted, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test("on a terminal: verdicts coloured, reasons wrapped to its width; NO_COLOR and pipes stay plain")
    func terminal() throws {
        guard let coloured = try onTerminal(["routes"], environment: ["COLUMNS": "60", "NO_COLOR": ""]) else { return }
        #expect(coloured.contains("\u{1B}[31mno\u{1B}[0m") && coloured.contains("\u{1B}[32myes\u{1B}[0m"), "\(coloured)")
        // The pty `script` makes reports no size, so COLUMNS decides; the colour does not move the columns.
        let piped = try cli.run(["routes"]).stdout
        #expect(Self.detailLines(coloured).allSatisfy { $0.count <= 60 } && Self.detailLines(coloured).count > Self.detailLines(piped).count, "\(coloured)")
        let plainColumns = piped.split(separator: "\n").first
        #expect(coloured.split(separator: "\n").first == plainColumns)
        // The test runner may set NO_COLOR for its children: each run says what it wants.
        let check = try #require(try onTerminal(["route", "check", "aks-batch/reporting", "aks-weu/backend/inventory"], environment: ["NO_COLOR": ""]))
        #expect(check.contains("\n\u{1B}[31munroutable\u{1B}[0m\n"))
        let noColour = try #require(try onTerminal(["routes"], environment: ["NO_COLOR": "1"]))
        #expect(!noColour.contains("\u{1B}[") && noColour.contains(" no "))
        #expect(!(try cli.run(["routes"]).stdout.contains("\u{1B}[")))
    }

    // MARK: one output switch

    @Test("render(_:as:) gives the structured value as JSON and YAML and the text as the table")
    func oneSwitch() throws {
        let list = EntityList(items: [.object(["name": .string("v1"), "between": .list([.string("a"), .string("b")])])], columns: ["name", "between"])
        #expect(try render(list, as: .json, style: .plain) == list.structuredValue.json() + "\n")
        #expect(try render(list, as: .yaml, style: .plain) == (try list.structuredValue.yaml()))
        #expect(try render(list, as: .table, style: .plain) == "NAME  BETWEEN\nv1    a~b\n")
        #expect(try render(EntityList(items: [], columns: ["name"]), as: .yaml, style: .plain) == "[]\n")
    }
}

extension String {
    /// Text wrapped by the CLI put back on one line each: a line indented two spaces continues the one
    /// before it (plan and reconcile reports, whose own lines are never indented).
    var unwrapped: String {
        var lines: [String] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  "), !lines.isEmpty {
                lines[lines.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }
}
