import CrosslinkCore
import Yams

/// Cheap checks on raw YAML text before it reaches the parser, and one-line parser errors.
enum YAMLGuard {
    /// Deeper nesting than this is refused: the YAML composer recurses per level, and no topology
    /// needs more than a handful of levels.
    static let maximumDepth = 64

    static func check(_ text: String, source: String) throws {
        var line = 1
        var flowDepth = 0
        var indentation = 0
        var atLineStart = true
        var quote: UInt8?
        var inComment = false
        for byte in text.utf8 {
            if byte == 0 {
                throw CrosslinkError(.malformedFile, "\(source):\(line): the file contains a NUL byte; is it YAML?")
            }
            if byte == 10 {
                (line, atLineStart, indentation, inComment) = (line + 1, true, 0, false)
                // Quoted scalars may span lines; flow depth carries over too.
                continue
            }
            if atLineStart {
                if byte == 32 {
                    indentation += 1
                    if indentation / 2 > maximumDepth {
                        throw CrosslinkError(.malformedFile, "\(source):\(line): nesting deeper than \(maximumDepth) levels is refused")
                    }
                    continue
                }
                atLineStart = false
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case 34, 39: quote = byte  // " and '
            case 35: inComment = true  // #
            case 91, 123:  // [ and {
                flowDepth += 1
                if flowDepth > maximumDepth {
                    throw CrosslinkError(.malformedFile, "\(source):\(line): nesting deeper than \(maximumDepth) levels is refused")
                }
            case 93, 125: flowDepth = max(0, flowDepth - 1)
            default: break
            }
        }
    }

    /// `LINE:COLUMN: problem` on one line, from Yams' multi-line error text.
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return "\(mark.line):\(mark.column): malformed YAML: \(prefix)\(problem)".replacingNewlines()
        case .duplicatedKeysInMapping(let duplicates, let context):
            return
                "\(context.mark.line):\(context.mark.column): malformed YAML: duplicate key \(duplicates.sorted().map(\.quotedExcerpt).joined(separator: ", "))"
        case .reader(let problem, let offset, _, _):
            return " malformed YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")".replacingNewlines()
        default:
            return " malformed YAML: \(error)".replacingNewlines()
        }
    }
}
