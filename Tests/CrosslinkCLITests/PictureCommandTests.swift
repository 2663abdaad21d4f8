import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct PictureCommandTests {
    let cli: CrosslinkProcess
    init() throws { cli = try CrosslinkProcess.withExample("multi-cluster") }

    @Test("graph --format dot: VNet groups, every kind of link, the unroutable import in red")
    func dot() throws {
        let dot = try cli.run(["graph"]).stdout
        #expect(dot.hasPrefix("digraph crosslink {") && dot.hasSuffix("}\n"))
        #expect(dot.components(separatedBy: "subgraph cluster_").count - 1 == 5)
        #expect(dot.contains("\"gw:gw-hub\" -> \"gw:gw-neu\" [label=\"vpn (connected, bgp)\""))
        #expect(dot.contains("\"cluster:aks-batch\" -> \"cluster:aks-neu\" [label=\"tunnel (libreswan, connected)\""))
        #expect(dot.contains("label=\"mesh link\""))
        #expect(dot.contains("\"ingress:shop.example.com\" -> \"cluster:aks-weu\""))
        let unroutable = try #require(dot.split(separator: "\n").first { $0.contains("backend/inventory (unroutable)") })
        #expect(unroutable.contains("\"cluster:aks-batch\" -> \"cluster:aks-weu\"") && unroutable.contains("#e53e3e"))
    }

    @Test("graph --format mermaid: valid ids, dashed red unroutable link")
    func mermaid() throws {
        let text = try cli.run(["graph", "--format", "mermaid"]).stdout
        #expect(text.hasPrefix("flowchart LR\n"))
        #expect(text.contains("subgraph n_group_vnet_hub[\"vnet-hub (westeurope)\"]"))
        #expect(text.contains("n_cluster_aks_batch -.->|\"backend/inventory (unroutable)\"| n_cluster_aks_weu"))
        #expect(text.contains("stroke:#e53e3e"))
    }

    @Test("report --html: one self-contained page with the picture, the matrix and the manifests")
    func report() throws {
        let path = cli.directory.appendingPathComponent("report.html")
        let result = try cli.run(["report", "--html", path.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        #expect(html.contains("<svg") || html.contains("digraph crosslink"), "the picture or its source")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script"), "no network fetches")
        #expect(html.contains("<td class=\"ok tunnel\"") && html.contains("<td class=\"no\" title=\""))
        #expect(html.contains("not transitive"), "the reason is on the unroutable cell")
        #expect(html.contains("aks-neu/orders/serviceexport-orders-api.yaml"))
        #expect(try cli.run(["report", "--html", "/nonexistent/dir/r.html"]).status == 1)
    }
}
