extension EstateGraph {
    /// The estate drawn by crosslink itself, for when Graphviz is not installed: VNets as dashed
    /// groups on a grid, clusters and gateways as boxes inside them, links as lines in the DOT styles,
    /// imports as arrows. Every label is also a `<title>`, so a cut label can still be read.
    package func svg() -> String {
        let layout = EstateLayout(self)
        var out = """
            <svg class="crosslink-layout" xmlns="http://www.w3.org/2000/svg" width="\(layout.width)" height="\(layout.height)" \
            viewBox="0 0 \(layout.width) \(layout.height)" font-family="ui-monospace,Menlo,Consolas,monospace" font-size="11" role="img" \
            aria-label="estate picture">
            <defs>\n
            """
        for kind in [EdgeKind.ingress, .routable, .unroutable] {
            out +=
                "<marker id=\"crosslink-arrow-\(kind.rawValue)\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(Self.svgStyle(kind).color)\"/></marker>\n"
        }
        out += "</defs>\n"
        for group in layout.groups {
            let frame = group.frame
            let border = group.isVNet ? "stroke=\"#7a8599\" stroke-dasharray=\"6 4\"" : "stroke=\"#b7791f\" stroke-dasharray=\"2 3\""
            out += "<rect x=\"\(frame.x)\" y=\"\(frame.y)\" width=\"\(frame.width)\" height=\"\(frame.height)\" rx=\"8\" fill=\"none\" \(border)/>\n"
            out +=
                "<text x=\"\(frame.x + 10)\" y=\"\(frame.y + 16)\" font-weight=\"bold\" fill=\"#4a5568\">\(Self.svgText(EstateLayout.lines(group.label).first ?? ""))</text>\n"
        }
        for edge in edges {
            guard let from = layout.nodes[edge.from], let to = layout.nodes[edge.to] else { continue }
            out += Self.svgEdge(edge, from: from, to: to)
        }
        for id in layout.order {
            guard let placed = layout.nodes[id] else { continue }
            out += Self.svgNode(placed)
        }
        return out + "</svg>\n"
    }

    static func svgStyle(_ kind: EdgeKind) -> (color: String, attributes: String) {
        switch kind {
        case .peering: ("#4a5568", "stroke-width=\"1.5\"")
        case .vpn: ("#2b6cb0", "stroke-width=\"3\"")
        case .tunnel: ("#2f855a", "stroke-width=\"2\" stroke-dasharray=\"6 3\"")
        case .mesh: ("#6b46c1", "stroke-width=\"2\" stroke-dasharray=\"2 2\"")
        case .ingress: ("#b7791f", "stroke-width=\"1.5\"")
        case .routable: ("#38a169", "stroke-width=\"1.5\"")
        case .unroutable: ("#e53e3e", "stroke-width=\"2\" stroke-dasharray=\"5 3\"")
        }
    }

    /// A straight line between the two boxes' borders, or, when both sit in one column, a curve
    /// bending out to the right so it does not run through the boxes between them.
    static func svgEdge(_ edge: Edge, from: EstateLayout.PlacedNode, to: EstateLayout.PlacedNode) -> String {
        let (color, attributes) = svgStyle(edge.kind)
        let marker = [.ingress, .routable, .unroutable].contains(edge.kind) ? " marker-end=\"url(#crosslink-arrow-\(edge.kind.rawValue))\"" : ""
        let path: String, labelX: Int, labelY: Int
        if from.frame.x == to.frame.x {
            let x = from.frame.maxX, bend = x + 30 + min(60, abs(to.frame.midY - from.frame.midY) / 8)
            path = "M\(x),\(from.frame.midY) C\(bend),\(from.frame.midY) \(bend),\(to.frame.midY) \(x),\(to.frame.midY)"
            (labelX, labelY) = (x + 3 * (bend - x) / 4, (from.frame.midY + to.frame.midY) / 2)
        } else {
            let start = borderPoint(of: from.frame, toward: to.frame), end = borderPoint(of: to.frame, toward: from.frame)
            path = "M\(start.x),\(start.y) L\(end.x),\(end.y)"
            (labelX, labelY) = ((start.x + end.x) / 2, (start.y + end.y) / 2)
        }
        let label = svgText(edge.label)
        return "<g><title>\(label)</title><path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" \(attributes)\(marker)/>"
            + "<text x=\"\(labelX)\" y=\"\(labelY - 3)\" font-size=\"9\" text-anchor=\"middle\" fill=\"\(color)\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(label)</text></g>\n"
    }

    /// Where the line from the centre of `frame` to the centre of `other` leaves `frame`.
    static func borderPoint(of frame: EstateLayout.Rect, toward other: EstateLayout.Rect) -> (x: Int, y: Int) {
        let dx = Double(other.midX - frame.midX), dy = Double(other.midY - frame.midY)
        guard dx != 0 || dy != 0 else { return (frame.midX, frame.midY) }
        let halfWidth = Double(frame.width) / 2, halfHeight = Double(frame.height) / 2
        let scale = min(dx == 0 ? .infinity : halfWidth / abs(dx), dy == 0 ? .infinity : halfHeight / abs(dy))
        return (frame.midX + Int((dx * scale).rounded()), frame.midY + Int((dy * scale).rounded()))
    }

    static func svgNode(_ placed: EstateLayout.PlacedNode) -> String {
        let node = placed.node, frame = placed.frame
        let (fill, stroke) =
            node.isGateway
            ? ("#ebf4ff", "#2b6cb0") : node.isIngress ? ("#fefcbf", "#b7791f") : node.id.hasPrefix("vnet:") ? ("#edf2f7", "#a0aec0") : ("#f5f7fa", "#4a5568")
        var out = "<g><title>\(svgText(node.label))</title>"
        out +=
            "<rect x=\"\(frame.x)\" y=\"\(frame.y)\" width=\"\(frame.width)\" height=\"\(frame.height)\" rx=\"\(node.isGateway ? 12 : 4)\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
        out += "<text x=\"\(frame.x + EstateLayout.nodePadding)\" y=\"\(frame.y + EstateLayout.nodePadding + 10)\">"
        for (index, line) in EstateLayout.lines(node.label).enumerated() {
            let weight = index == 0 ? " font-weight=\"bold\"" : " fill=\"#4a5568\""
            out += "<tspan x=\"\(frame.x + EstateLayout.nodePadding)\" dy=\"\(index == 0 ? 0 : EstateLayout.lineHeight)\"\(weight)>\(svgText(line))</tspan>"
        }
        return out + "</text></g>\n"
    }

    /// Text for SVG content and attributes: markup characters escaped, control characters (which XML
    /// cannot carry even escaped) replaced, line breaks as spaces.
    static func svgText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value):
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
