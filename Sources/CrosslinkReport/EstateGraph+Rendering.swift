extension EstateGraph {
    /// Graphviz DOT: VNets as dashed clusters, one line style per kind of link, unroutable imports red.
    package func dot() -> String {
        var lines = [
            "digraph crosslink {", "  rankdir=LR;", "  compound=true;",
            "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f7fa\", fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for (index, group) in groups.enumerated() {
            lines.append("  subgraph cluster_\(index) {")
            lines.append("    label=\(Self.quoted(group.label)); style=dashed; color=\"#7a8599\";")
            for node in group.nodes { lines.append("    \(Self.dotNode(node))") }
            lines.append("  }")
        }
        for node in looseNodes { lines.append("  \(Self.dotNode(node))") }
        for edge in edges {
            let style: String =
                switch edge.kind {
                case .peering: "dir=none, color=\"#4a5568\""
                case .vpn: "dir=none, style=bold, color=\"#2b6cb0\""
                case .tunnel: "dir=none, style=dashed, color=\"#2f855a\", penwidth=2"
                case .mesh: "dir=none, style=dotted, color=\"#6b46c1\", penwidth=2"
                case .ingress: "color=\"#b7791f\""
                case .routable: "color=\"#38a169\", fontcolor=\"#38a169\""
                case .unroutable: "color=\"#e53e3e\", fontcolor=\"#e53e3e\", style=dashed, penwidth=2"
                }
            lines.append("  \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to)) [label=\(Self.quoted(edge.label)), \(style)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid flowchart: VNets as subgraphs, `---` links, `-->` routable and `-.->` unroutable imports.
    package func mermaid() -> String {
        var lines = ["flowchart LR"]
        for group in groups {
            lines.append("  subgraph \(Self.mermaidID(group.id))[\(Self.mermaidText(group.label))]")
            for node in group.nodes { lines.append("    \(Self.mermaidNode(node))") }
            lines.append("  end")
        }
        for node in looseNodes { lines.append("  \(Self.mermaidNode(node))") }
        var styles: [String] = []
        for (index, edge) in edges.enumerated() {
            let arrow: String =
                switch edge.kind {
                case .peering, .vpn, .tunnel, .mesh: "---"
                case .ingress, .routable: "-->"
                case .unroutable: "-.->"
                }
            lines.append("  \(Self.mermaidID(edge.from)) \(arrow)|\(Self.mermaidText(edge.label))| \(Self.mermaidID(edge.to))")
            let color: String? =
                switch edge.kind {
                case .vpn: "stroke:#2b6cb0,stroke-width:3px"
                case .tunnel: "stroke:#2f855a,stroke-width:2px,stroke-dasharray:6 3"
                case .mesh: "stroke:#6b46c1,stroke-width:2px,stroke-dasharray:2 2"
                case .unroutable: "stroke:#e53e3e,stroke-width:2px"
                case .routable: "stroke:#38a169"
                case .peering, .ingress: nil
                }
            if let color { styles.append("  linkStyle \(index) \(color)") }
        }
        return (lines + styles).joined(separator: "\n") + "\n"
    }

    static func dotNode(_ node: Node) -> String {
        let shape =
            node.isGateway
            ? ", shape=diamond"
            : node.isIngress ? ", shape=cds, fillcolor=\"#fefcbf\"" : node.id.hasPrefix("vnet:") ? ", shape=note, fillcolor=\"#edf2f7\"" : ""
        return "\(quoted(node.id)) [label=\(quoted(node.label))\(shape)];"
    }

    /// A DOT string: quotes and backslashes escaped, newlines as DOT line breaks.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result + "\""
    }

    static func mermaidNode(_ node: Node) -> String {
        let text = mermaidText(node.label)
        return node.isGateway ? "\(mermaidID(node.id)){{\(text)}}" : node.isIngress ? "\(mermaidID(node.id))>\(text)]" : "\(mermaidID(node.id))[\(text)]"
    }

    /// Mermaid ids: letters, digits and underscores only.
    static func mermaidID(_ id: String) -> String {
        "n_" + String(id.unicodeScalars.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
    }

    /// Mermaid label text: quoted, with quotes and line breaks made safe.
    static func mermaidText(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "\n": result += "<br/>"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
