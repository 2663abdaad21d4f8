import CrosslinkCore
import CrosslinkManifests

/// One self-contained HTML page (no network fetches): the estate picture, the consumer × service
/// routability matrix (reasons on hover and printed below it), and the manifests crosslink would emit.
package struct HTMLReport: Sendable {
    package var topology: Topology
    package var answers: [RouteAnswer]
    package var documents: [ManifestDocument]
    /// The picture as inline SVG (from Graphviz), or nil to draw it with crosslink's built-in layout.
    package var svg: String?

    package init(topology: Topology, answers: [RouteAnswer], documents: [ManifestDocument], svg: String?) {
        self.topology = topology
        self.answers = answers
        self.documents = documents
        self.svg = svg
    }

    package func html() -> String {
        let graph = EstateGraph(topology: topology, answers: answers)
        let routable = answers.filter(\.isRoutable).count
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>crosslink estate report</title>
            <style>
            body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em;color:#1a202c}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
            .summary span{display:inline-block;margin-right:1.5em}
            .picture{border:1px solid #e2e8f0;padding:1em;overflow:auto;background:#fff}
            .picture svg{max-width:100%;height:auto}
            table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #e2e8f0;padding:4px 8px;text-align:center}
            th{background:#f7fafc}th.row{text-align:left}
            td.ok{background:#c6f6d5}td.no{background:#fed7d7;cursor:help}td.no a{color:#9b2c2c}ol.reasons{font-size:12px}ol.reasons ul{margin:0.2em 0 0.6em}td.none{color:#a0aec0}
            td.local{background:#e2e8f0}td.mesh{background:#e9d8fd}td.tunnel{background:#c6f6d5}td.network{background:#bee3f8}td.ingress{background:#fefcbf}
            pre{background:#f7fafc;padding:1em;overflow:auto;font-size:12px}
            .legend span{margin-right:1em}
            </style></head><body>
            <h1>crosslink estate report</h1>
            <p class="summary"><span>\(topology.vnets.count) VNets</span><span>\(topology.clusters.count) clusters</span><span>\(topology.services.count) services</span><span>\(answers.count) imported routes: \(routable) routable, \(answers.count - routable) unroutable</span><span>\(documents.count) manifests</span></p>
            <h2>Estate</h2>
            <p class="legend"><span>── peering</span><span style="color:#2b6cb0">━━ VPN</span><span style="color:#2f855a">╌╌ tunnel</span><span style="color:#6b46c1">┈┈ mesh link</span><span style="color:#38a169">→ routable import</span><span style="color:#e53e3e">⇢ unroutable import</span></p>
            <div class="picture">
            """
        if let svg {
            page += Self.inlineSVG(svg)
        } else {
            // Without Graphviz the page still shows the estate: crosslink's own simple layout, with the
            // DOT at hand for anyone who wants Graphviz's.
            page += "<p class=\"note\">Drawn by crosslink's built-in layout (Graphviz <code>dot</code> was not available).</p>\n"
            page += graph.svg()
            page += "<details><summary>DOT source</summary><pre>\(Self.escape(graph.dot()))</pre></details>"
        }
        page +=
            "</div>\n<h2>Routability</h2>\n" + matrix() + "\n" + unroutableReasons() + "\n<h2>Manifests</h2>\n" + manifestList() + "\n</body></html>\n"
        return page
    }

    /// Rows: consumers; columns: imported services; each cell the path kind, or ✗ with the reasons on hover.
    func matrix() -> String {
        let consumers = Array(Set(answers.map(\.consumer.description))).sorted()
        let services = Array(Set(answers.map { "\($0.service):\($0.servicePort)" })).sorted()
        var byCell: [String: RouteAnswer] = [:]
        for answer in answers { byCell["\(answer.consumer)|\(answer.service):\(answer.servicePort)"] = answer }
        let numbers = Dictionary(
            unroutableCells.enumerated().map { ("\($1.consumer)|\($1.service):\($1.servicePort)", $0 + 1) }, uniquingKeysWith: { first, _ in first })
        guard !consumers.isEmpty else { return "<p>No imports.</p>" }
        var html = "<table><tr><th class=\"row\">consumer \\ service</th>"
        for service in services { html += "<th>\(Self.escape(service))</th>" }
        html += "</tr>\n"
        for consumer in consumers {
            html += "<tr><th class=\"row\">\(Self.escape(consumer))</th>"
            for service in services {
                guard let answer = byCell["\(consumer)|\(service)"] else { html += "<td class=\"none\">·</td>"; continue }
                // An unroutable cell leads with its primary reason and fix (spec §9.3).
                let primary = answer.primaryIndex
                let ordered = primary.map { [answer.rejected[$0]] + answer.rejected.enumerated().filter { $0.offset != primary }.map(\.element) }
                let reasons = (ordered ?? answer.rejected).map { rejection in
                    "\(rejection.via.rawValue): \(rejection.reason.message)" + (rejection.reason.fix.map { " (fix: \($0))" } ?? "")
                }.joined(separator: "\n")
                if let via = answer.via {
                    let title =
                        "\(answer.address ?? ""):\(answer.port)\n" + answer.hops.joined(separator: " → ")
                        + (reasons.isEmpty ? "" : "\n\nother paths:\n" + reasons)
                    html += "<td class=\"ok \(via.rawValue)\" title=\"\(Self.escape(title))\">\(via.rawValue)</td>"
                } else {
                    // The number links to the printed reason below the table: a printout has no hover.
                    let number = numbers["\(consumer)|\(service)"] ?? 0
                    html += "<td class=\"no\" title=\"\(Self.escape(reasons))\">✗ <a href=\"#why-\(number)\">\(number)</a></td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</table>"
    }

    /// The unroutable cells in the order the matrix numbers them (by consumer, then service and port).
    var unroutableCells: [RouteAnswer] {
        answers.filter { !$0.isRoutable }.sorted {
            ($0.consumer.description, "\($0.service):\($0.servicePort)") < ($1.consumer.description, "\($1.service):\($1.servicePort)")
        }
    }

    /// Every unroutable cell's reasons as text on the page, numbered as in the matrix.
    func unroutableReasons() -> String {
        let cells = unroutableCells
        guard !cells.isEmpty else { return "" }
        var html = "<h3>Why the unroutable imports are unroutable</h3>\n<ol class=\"reasons\">\n"
        for (index, answer) in cells.enumerated() {
            html +=
                "<li id=\"why-\(index + 1)\"><b>\(Self.escape(answer.consumer.description)) → \(Self.escape("\(answer.service):\(answer.servicePort)"))</b><ul>"
            for rejection in answer.rejected {
                html += "<li>\(Self.escape(rejection.via.rawValue)): \(Self.escape(rejection.reason.message))</li>"
            }
            html += "</ul></li>\n"
        }
        return html + "</ol>"
    }

    func manifestList() -> String {
        guard !documents.isEmpty else { return "<p>No manifests: no routable import needs one.</p>" }
        var html = "<table><tr><th>cluster</th><th>file</th><th>kind</th></tr>\n"
        for document in documents {
            html +=
                "<tr><td>\(Self.escape(document.cluster))</td><td style=\"text-align:left\"><code>\(Self.escape(document.relativePath))</code></td><td>\(Self.escape(document.kind))</td></tr>\n"
        }
        return html + "</table>"
    }

    /// Graphviz SVG without its XML prologue and doctype, so it can sit inside HTML.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.firstRange(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }

    /// HTML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
