/// A plain-text table with aligned columns; a row may carry detail lines printed beneath it, wrapped
/// to the style's width, for text too long to share a line with the columns (reasons, fixes).
struct Table {
    var columns: [String]
    var rows: [[String]]
    var showsHeader = true
    /// Lines under the row of the same index, indented two spaces.
    var details: [[String]] = []
    /// A column of yes/no verdicts, coloured when the style uses colour.
    var verdictColumn: Int?

    /// The header style of every table: the field name in capitals, words joined by `-`
    /// (`networkPlugin` becomes `NETWORK-PLUGIN`, like the `--network-plugin` flag).
    static func header(_ field: String) -> String {
        var words: [String] = []
        var word = ""
        let characters = Array(field)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let previous = index > 0 ? characters[index - 1] : nil
            // A word starts at a capital after a small letter (`network|Plugin`), or at the last
            // capital of a run followed by a small letter (`CIDR|Range`).
            let startsWord =
                character.isUppercase && !word.isEmpty
                && (previous?.isLowercase == true || previous?.isNumber == true || next?.isLowercase == true)
            if startsWord {
                words.append(word)
                word = ""
            }
            word.append(character)
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: "-").uppercased()
    }

    func rendered(_ style: TextStyle = .plain) -> String {
        let all = (showsHeader ? [columns] : []) + rows.map { $0.map { $0.replacingControlCharacters() } }
        guard !all.isEmpty else { return "" }
        var widths = Array(repeating: 0, count: columns.count)
        for row in all { Self.measure(row, into: &widths) }
        var output = ""
        for (rowIndex, row) in all.enumerated() {
            let isHeader = showsHeader && rowIndex == 0
            output += Self.line(row, widths: widths, verdictColumn: isHeader ? nil : verdictColumn, style: style)
            let dataIndex = rowIndex - (showsHeader ? 1 : 0)
            if !isHeader, dataIndex < details.count { output += Self.detailLines(details[dataIndex], style: style) }
        }
        return output
    }

    /// Widens `widths` to fit `row` (its control characters already replaced).
    static func measure(_ row: [String], into widths: inout [Int]) {
        for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
    }

    /// One row (its control characters already replaced) padded to `widths`, with its newline.
    static func line(_ row: [String], widths: [Int], verdictColumn: Int?, style: TextStyle) -> String {
        let padded = row.enumerated().map { index, text in
            let padding = index == row.count - 1 ? "" : String(repeating: " ", count: widths[index] - text.count)
            // Colour wraps the word only, so the padding (and the alignment) stays as without it.
            let shown = index == verdictColumn && (text == "yes" || text == "no") ? style.verdict(text, routable: text == "yes") : text
            return shown + padding
        }
        return padded.joined(separator: "  ") + "\n"
    }

    /// A row's detail lines, indented and wrapped to the style's width.
    static func detailLines(_ lines: [String], style: TextStyle) -> String {
        var output = ""
        for line in lines {
            let text = "  " + line.replacingControlCharacters()
            output += text.wrapped(width: style.width, continuationIndent: text.hangingIndent).joined(separator: "\n") + "\n"
        }
        return output
    }
}

extension String {
    /// Keeps a table row on one line whatever a stored name holds.
    func replacingControlCharacters() -> String {
        String(unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}
