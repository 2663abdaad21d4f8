/// Where each group and node of an `EstateGraph` sits in crosslink's own picture, for pages drawn
/// without Graphviz. Deliberately simple and deterministic: groups (VNets, then boxes of ingress hosts)
/// are placed in reading order on a grid of columns, nodes are stacked inside their group, all in whole
/// pixels so the SVG is the same bytes every time.
struct EstateLayout {
    struct Rect: Equatable {
        var x: Int, y: Int, width: Int, height: Int
        var midX: Int { x + width / 2 }
        var midY: Int { y + height / 2 }
        var maxX: Int { x + width }
        var maxY: Int { y + height }
    }

    struct PlacedGroup {
        var label: String
        var isVNet: Bool
        var frame: Rect
        /// The column of the grid, so that links between nodes of one column can bend around it.
        var column: Int
    }

    struct PlacedNode {
        var node: EstateGraph.Node
        var frame: Rect
        var column: Int
    }

    static let lineHeight = 14
    static let nodePadding = 6
    static let groupPadding = 12
    static let groupHeader = 24
    static let nodeGap = 14
    static let columnGap = 120
    static let rowGap = 50
    static let margin = 20
    /// Labels longer than this many characters are cut (a name is at most 63).
    static let maximumCharacters = 64
    /// Ingress hosts are boxed in groups of this many, so no column grows without end.
    static let hostsPerBox = 6

    var groups: [PlacedGroup] = []
    var nodes: [String: PlacedNode] = [:]
    /// Nodes in drawing order.
    var order: [String] = []
    var width = 0
    var height = 0

    init(_ graph: EstateGraph) {
        var boxes = graph.groups.map { (label: $0.label, isVNet: true, nodes: $0.nodes) }
        for start in stride(from: 0, to: graph.looseNodes.count, by: Self.hostsPerBox) {
            boxes.append((label: "ingress hosts", isVNet: false, nodes: Array(graph.looseNodes[start..<min(start + Self.hostsPerBox, graph.looseNodes.count)])))
        }
        let longest = boxes.flatMap { box in [box.label] + box.nodes.flatMap { Self.lines($0.label) } }.map(\.count).max() ?? 0
        let nodeWidth = Self.textWidth(min(longest, Self.maximumCharacters)) + 2 * Self.nodePadding
        let groupWidth = nodeWidth + 2 * Self.groupPadding
        // Roughly square for small estates, at most eight columns for large ones.
        var columns = 1
        while columns * columns < boxes.count && columns < 8 { columns += 1 }

        var y = Self.margin
        for rowStart in stride(from: 0, to: boxes.count, by: columns) {
            var rowHeight = 0
            for (offset, box) in boxes[rowStart..<min(rowStart + columns, boxes.count)].enumerated() {
                let x = Self.margin + offset * (groupWidth + Self.columnGap)
                var nodeY = y + Self.groupHeader
                for node in box.nodes {
                    let frame = Rect(
                        x: x + Self.groupPadding, y: nodeY, width: nodeWidth,
                        height: Self.lines(node.label).count * Self.lineHeight + 2 * Self.nodePadding)
                    nodes[node.id] = PlacedNode(node: node, frame: frame, column: offset)
                    order.append(node.id)
                    nodeY = frame.maxY + Self.nodeGap
                }
                let frame = Rect(x: x, y: y, width: groupWidth, height: nodeY - y - Self.nodeGap + Self.groupPadding)
                groups.append(PlacedGroup(label: box.label, isVNet: box.isVNet, frame: frame, column: offset))
                rowHeight = max(rowHeight, frame.height)
            }
            y += rowHeight + Self.rowGap
        }
        let usedColumns = min(columns, boxes.count)
        width = max(200, 2 * Self.margin + usedColumns * groupWidth + max(0, usedColumns - 1) * Self.columnGap)
        height = max(60, y - Self.rowGap + Self.margin)
    }

    /// A label's lines, each cut to `maximumCharacters`.
    static func lines(_ label: String) -> [String] {
        label.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.count > maximumCharacters ? String(line.prefix(maximumCharacters - 1)) + "…" : String(line)
        }
    }

    /// Width of `characters` in the 11 px monospace font the picture uses (0.6 em a character).
    static func textWidth(_ characters: Int) -> Int { (characters * 66 + 9) / 10 }
}
