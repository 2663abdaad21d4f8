extension String {
    /// The line broken at spaces into lines of at most `width` characters, the first keeping its own
    /// indentation and the others indented by `continuationIndent` spaces. Nothing is cut: a word
    /// longer than the room (a long name) gets a line of its own and overflows it. Colour codes take
    /// no room.
    func wrapped(width: Int, continuationIndent: Int) -> [String] {
        guard visibleWidth > width else { return [self] }
        let leading = prefix { $0 == " " }
        let words = dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: true)
        let indent = String(repeating: " ", count: continuationIndent)
        var lines: [String] = []
        var line = String(leading)
        var lineWidth = leading.count
        var lineHasWord = false
        for word in words {
            let wordWidth = String(word).visibleWidth
            if lineHasWord && lineWidth + 1 + wordWidth > width {
                lines.append(line)
                (line, lineWidth, lineHasWord) = (indent, continuationIndent, false)
            }
            line += (lineHasWord ? " " : "") + word
            lineWidth += (lineHasWord ? 1 : 0) + wordWidth
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    /// Where a wrapped line's continuation starts: after its leading spaces and `label: ` (one word
    /// of letters), or two spaces deeper than the line without a label.
    var hangingIndent: Int {
        let leading = prefix { $0 == " " }.count
        let rest = dropFirst(leading)
        guard let colon = rest.firstIndex(of: ":"), rest.index(after: colon) < rest.endIndex, rest[rest.index(after: colon)] == " ",
            !rest[..<colon].isEmpty, rest[..<colon].allSatisfy({ $0.isLetter })
        else { return leading + 2 }
        return leading + rest.distance(from: rest.startIndex, to: colon) + 2
    }

    /// The characters a terminal shows: without the `ESC [ … m` colour codes.
    var visibleWidth: Int {
        var width = 0
        var inEscape = false
        for scalar in unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    /// Every line of the text wrapped to `width`. A line's continuation lines start after its
    /// `label: ` when it has one (`  network: the internal…`), else two spaces deeper than the line,
    /// so a wrapped reason stays under the item it belongs to and apart from the next one.
    func wrappingLines(width: Int) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            String(line).wrapped(width: width, continuationIndent: String(line).hangingIndent)
        }
        if hasSuffix("\n") { lines.removeLast() }
        return lines.joined(separator: "\n") + (hasSuffix("\n") ? "\n" : "")
    }

    /// `label item separator item …` on as few lines of at most `width` as it takes, breaking only
    /// between items (a line ends with the separator's visible part, so it reads as continued) and
    /// indenting the following lines past the label: `hops: a -> b ->` / `      c`.
    static func wrappedList(_ items: [String], label: String, separator: String, width: Int) -> [String] {
        guard let first = items.first else { return [label] }
        let indent = String(repeating: " ", count: label.count + 1)
        let lineEnd = String(separator.reversed().drop { $0 == " " }.reversed())
        var lines: [String] = []
        var line = label + " " + first
        for item in items.dropFirst() {
            // Room for the item and, should another follow, the line end.
            if (line + separator + item + lineEnd).visibleWidth > width {
                lines.append(line + lineEnd)
                line = indent + item
            } else {
                line += separator + item
            }
        }
        lines.append(line)
        return lines
    }
}
