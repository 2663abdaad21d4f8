/// An error a person can act on: a stable code for programs and one sentence for people.
///
/// Every failure that reaches the user is one of these; the CLI prints `message` on one line
/// and exits 1. Lower layers (SQLite, YAML) map their own failures into this type.
package struct CrosslinkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable across releases so scripts can match on it.
    package enum Code: String, Sendable, Hashable {
        case invalidValue = "invalid-value"
        case invalidTopology = "invalid-topology"
        case notFound = "not-found"
        case alreadyExists = "already-exists"
        case referenced
        case malformedFile = "malformed-file"
        case storage
        case io
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        // One line, always: a newline in user text must not split the message.
        self.message = message.replacingNewlines()
    }

    package var description: String { message }

    package static func invalid(_ message: String) -> CrosslinkError { .init(.invalidValue, message) }
    package static func topology(_ message: String) -> CrosslinkError { .init(.invalidTopology, message) }
    package static func notFound(_ message: String) -> CrosslinkError { .init(.notFound, message) }
}

extension String {
    /// The string with line breaks and other control characters shown as escapes, so that user
    /// text quoted in a message cannot forge extra lines.
    package func replacingNewlines() -> String {
        // Nearly every string is clean: check the bytes before building a copy.
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The string quoted for an error message, with control characters escaped.
    package var quoted: String { "'\(self.replacingNewlines())'" }

    /// Quoted like `quoted`, cut to its first 64 characters and "…": for a bad value from the user, which
    /// may be megabytes long and must not become a megabyte error line. (Paths use `quoted`, whole.)
    package var quotedExcerpt: String {
        let limit = 64
        // Unicode scalars, not Characters: one Character can hold any number of combining marks.
        guard utf8.count > limit, unicodeScalars.count > limit else { return quoted }
        return "'\(String(String.UnicodeScalarView(unicodeScalars.prefix(limit))).replacingNewlines())…'"
    }
}
