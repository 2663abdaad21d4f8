import CrosslinkCore
import Yams

extension YAMLGuard {
    /// Refuses any explicit tag (`!!str 80`, `!!python/object…`, `!custom`, a bare `!`): a topology file
    /// has plain values only, and a tag would let `port: !!str 80` pass where `port: "80"` is refused,
    /// or ask another YAML reader of the same file to build objects.
    ///
    /// The text at each node's position decides: Yams records a quoted scalar as `!!str` whether or not
    /// it was tagged, and rewrites an untagged node's tag to `!!str`, `!!map` or `!!seq` once anything
    /// hashes it. Any other tag name is explicit whatever the text shows. `budget` bounds the walk like
    /// the decoder's, as aliases can make a small file a huge tree.
    static func refuseExplicitTags(_ root: Node, text: String, source: String, budget: Int) throws {
        let lines = SourceLines(text)
        let defaults: Set<String> = ["", Tag.Name.str.rawValue, Tag.Name.map.rawValue, Tag.Name.seq.rawValue]
        var remaining = budget
        var pending = [root]
        while let node = pending.popLast() {
            remaining -= 1
            if remaining < 0 {
                throw CrosslinkError(
                    .malformedFile, "\(place(node, source)): document expands to too many nodes (YAML aliases?); refusing to read it")
            }
            let name: String
            switch node {
            case .scalar(let scalar):
                name = scalar.tag.rawValue
            case .mapping(let mapping):
                name = mapping.tag.rawValue
                // Children go on the stack last-first, so the first tag in the file is the one reported.
                pending += mapping.flatMap { [$0.key, $0.value] }.reversed()
            case .sequence(let sequence):
                name = sequence.tag.rawValue
                pending += sequence.reversed()
            case .alias:
                continue
            }
            let written = lines.tag(at: node.mark)
            if written == nil && defaults.contains(name) { continue }
            throw CrosslinkError(
                .malformedFile,
                "\(place(node, source)): explicit YAML tag \((written ?? shorthand(name)).quotedExcerpt) is not allowed; write the plain value (quote it to make it a string)"
            )
        }
    }

    private static func place(_ node: Node, _ source: String) -> String {
        node.mark.map { "\(source):\($0.line):\($0.column)" } ?? source
    }

    /// `tag:yaml.org,2002:str` as it is usually written, `!!str`.
    private static func shorthand(_ name: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return name.hasPrefix(prefix) ? "!!" + name.dropFirst(prefix.count) : name
    }
}

/// The raw bytes of a file by line, to read what is written at a parser mark.
private struct SourceLines {
    let bytes: [UInt8]
    /// Byte offset where each line starts; line 1 first.
    let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 10 { starts.append(offset + 1) }
        self.starts = starts
    }

    /// The tag written at `mark` (after an anchor, if the node has one first), or nil when the node
    /// there has no tag.
    func tag(at mark: Mark?) -> String? {
        guard let mark, var offset = offset(line: mark.line, column: mark.column) else { return nil }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "&") {
            while offset < bytes.count, !Self.isSpace(bytes[offset]) { offset += 1 }
            // Space, line breaks and comments may separate the anchor from a tag.
            while offset < bytes.count, Self.isSpace(bytes[offset]) || bytes[offset] == UInt8(ascii: "#") {
                if bytes[offset] == UInt8(ascii: "#") {
                    while offset < bytes.count, bytes[offset] != 10 { offset += 1 }
                } else {
                    offset += 1
                }
            }
        }
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "!") else { return nil }
        var end = offset + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "<") {
            // A verbatim tag, !<…>, may hold any character but '>'.
            while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != 10 { end += 1 }
            end = min(end + 1, bytes.count)
        } else {
            while end < bytes.count, !Self.isSpace(bytes[end]), !",[]{}".utf8.contains(bytes[end]) { end += 1 }
        }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// Lines count from 1; columns count characters (Unicode scalars) from 1, as the parser does.
    private func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= starts.count, column >= 1 else { return nil }
        var offset = starts[line - 1]
        var remaining = column - 1
        while remaining > 0, offset < bytes.count, bytes[offset] != 10 {
            offset += 1
            // Continuation bytes belong to the scalar already counted.
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return remaining == 0 ? offset : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
}
