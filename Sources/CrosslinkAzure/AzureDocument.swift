import CrosslinkCore
import Foundation

/// One file of `az` output: the JSON text and where it came from.
///
/// `az … list` prints a JSON array; `az aks show` prints one object. Both are accepted everywhere.
package struct AzureDocument: Hashable, Sendable {
    /// Where the text came from, as errors name it: a path, or `<stdin>`.
    package var source: String
    /// The JSON text exactly as `az` printed it.
    package var text: String

    /// Wraps the text of one file of `az` output.
    package init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

/// One decoded object with the place it came from, so errors can point at it.
struct Located<Item> {
    var source: String
    /// Zero-based position in the file's array.
    var index: Int
    var item: Item

    /// `<file>: <noun> 'name'`, or `<file>: <noun> #N` for an object without a name.
    func description(_ noun: String, name: String?) -> String {
        if let name { return "\(source): \(noun) \(name.quoted)" }
        return "\(source): \(noun) #\(index + 1)"
    }
}

extension AzureDocument {
    /// Decodes the file as an array of `Item`, or as one `Item` when the file holds a single object.
    /// - Throws: `CrosslinkError` (malformed-file) naming the file and, when known, the item and field.
    func decode<Item: Decodable>(_ type: Item.Type, noun: String) throws -> [Located<Item>] {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let isArray: Bool
        switch trimmed.first {
        case "[": isArray = true
        case "{": isArray = false
        case nil: throw CrosslinkError(.malformedFile, "\(source): empty; expected the JSON that az prints")
        default: throw CrosslinkError(.malformedFile, "\(source): not JSON; expected the array or object that az prints with '-o json'")
        }
        let data = Data(trimmed.utf8)
        do {
            let items = isArray ? try JSONDecoder().decode([Item].self, from: data) : [try JSONDecoder().decode(Item.self, from: data)]
            return items.enumerated().map { Located(source: source, index: $0.offset, item: $0.element) }
        } catch let error as DecodingError {
            throw CrosslinkError(.malformedFile, message(for: error, isArray: isArray, noun: noun))
        }
    }

    private func message(for error: DecodingError, isArray: Bool, noun: String) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "\(source): not valid JSON"
        case .typeMismatch(let type, let context):
            return "\(location(context.codingPath, isArray: isArray, noun: noun)) is not \(describe(type))"
        case .valueNotFound(_, let context):
            return "\(location(context.codingPath, isArray: isArray, noun: noun)) is null"
        case .keyNotFound(let key, let context):
            return "\(location(context.codingPath + [key], isArray: isArray, noun: noun)) is missing"
        case .dataCorrupted(let context):
            return "\(location(context.codingPath, isArray: isArray, noun: noun)) is not valid"
        @unknown default:
            return "\(source): not the JSON that az prints"
        }
    }

    /// `<file>: <noun> #N: field 'a.b[0].c'` for a coding path.
    private func location(_ path: [any CodingKey], isArray: Bool, noun: String) -> String {
        var path = path[...]
        var prefix = "\(source):"
        if isArray, let first = path.first, let index = first.intValue {
            prefix += " \(noun) #\(index + 1)"
            path = path.dropFirst()
        }
        var field = ""
        for key in path {
            if let index = key.intValue { field += "[\(index)]" } else { field += field.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return field.isEmpty ? prefix : "\(prefix) field \(field.quoted)"
    }

    private func describe(_ type: Any.Type) -> String {
        if type == Bool.self { return "true or false" }
        if type == String.self { return "a string" }
        if type == UInt32.self || type == Int.self { return "a whole number in range" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "of the expected type"
    }
}
