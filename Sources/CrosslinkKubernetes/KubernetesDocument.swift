import CrosslinkCore
import Foundation

/// One file of `kubectl get … -o json` output: the JSON text and where it came from.
///
/// kubectl prints a `List` (`{"kind": "List", "items": [...]}`) for `get` of several objects and the
/// object itself for `get KIND NAME`; both are accepted, and so is a typed list (`ServiceList`) as the
/// API server returns it.
package struct KubernetesDocument: Hashable, Sendable {
    /// Where the text came from, as errors name it: a path, or `<stdin>`.
    package var source: String
    /// The JSON text exactly as kubectl printed it.
    package var text: String

    /// Wraps the text of one file of kubectl output.
    package init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

extension KubernetesDocument {
    /// Decodes the file's objects, in the order kubectl printed them.
    /// - Throws: `CrosslinkError` (malformed-file) naming the file and, when known, the object and field.
    func objects() throws -> [KubernetesObject] {
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        switch trimmed.first {
        case "{": break
        case "[":
            throw CrosslinkError(
                .malformedFile, "\(source): a JSON array, not a Kubernetes object; expected what 'kubectl get … -o json' prints (a List or one object)")
        case nil: throw CrosslinkError(.malformedFile, "\(source): empty; expected what 'kubectl get … -o json' prints")
        default: throw CrosslinkError(.malformedFile, "\(source): not JSON; expected what 'kubectl get … -o json' prints")
        }
        let data = Data(trimmed.utf8)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw CrosslinkError(.malformedFile, "\(source): not valid JSON")
        }
        guard let kind = header.kind else {
            throw CrosslinkError(.malformedFile, "\(source): no 'kind'; not a Kubernetes object (expected what 'kubectl get … -o json' prints)")
        }
        if kind == "Status" {
            // kubectl prints the API server's error as a Status object when asked for JSON.
            let message = header.message.map { ": \($0)" } ?? ""
            throw CrosslinkError(.malformedFile, "\(source): a Status (an error the API server returned), not objects\(message)")
        }
        do {
            guard header.hasItems else {
                var object = try JSONDecoder().decode(KubernetesObject.self, from: data)
                object.source = source
                return [object]
            }
            let decoder = JSONDecoder()
            // The API server's typed lists (`ServiceList`) leave kind and apiVersion out of their items.
            let itemKind = kind != "List" && kind.hasSuffix("List") ? String(kind.dropLast(4)) : nil
            if let itemKind, let key = CodingUserInfoKey.listItemType {
                decoder.userInfo[key] = ListItemType(kind: itemKind, apiVersion: header.apiVersion)
            }
            let list = try decoder.decode(ObjectList.self, from: data)
            return list.items.enumerated().map { position, item in
                var object = item
                object.source = source
                object.position = position
                return object
            }
        } catch let error as DecodingError {
            let itemKind = kind != "List" && kind.hasSuffix("List") ? String(kind.dropLast(4)) : nil
            let headers = (header.items ?? []).map { item in
                var item = item
                if item.kind == nil { item.kind = itemKind }
                return item
            }
            throw CrosslinkError(.malformedFile, message(for: error, isList: header.hasItems, headers: headers))
        }
    }

    private func message(for error: DecodingError, isList: Bool, headers: [Header]) -> String {
        let path: [any CodingKey]
        let detail: String
        switch error {
        case .typeMismatch(let type, let context):
            (path, detail) = (context.codingPath, "is not \(describe(type))")
        case .valueNotFound(_, let context):
            (path, detail) = (context.codingPath, "is null")
        case .keyNotFound(let key, let context):
            (path, detail) = (context.codingPath + [key], "is missing")
        case .dataCorrupted(let context):
            (path, detail) = (context.codingPath, "is not valid")
        @unknown default:
            return "\(source): not what 'kubectl get … -o json' prints"
        }
        var rest = path[...]
        var place = source
        if isList {
            // The path starts with `items`, then the position in the list.
            rest = rest.dropFirst()
            if let position = rest.first?.intValue {
                rest = rest.dropFirst()
                let header = position < headers.count ? headers[position] : Header()
                place = header.identity(in: source, position: position)
            }
        } else if let header = try? JSONDecoder().decode(Header.self, from: Data(text.utf8)) {
            place = header.identity(in: source, position: nil)
        }
        var field = ""
        for key in rest {
            if let index = key.intValue { field += "[\(index)]" } else { field += field.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return field.isEmpty ? "\(place): \(detail)" : "\(place): field \(field.quoted) \(detail)"
    }

    private func describe(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "a whole number" }
        if type == NumberOrName.self { return "a port number or name" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object of strings" }
        return "an object"
    }
}

/// The `items` of a List; each item decodes as far as its kind needs.
private struct ObjectList: Decodable {
    var items: [KubernetesObject]
}

/// What every object and the file itself say about themselves, read leniently: it names objects in
/// errors even when the rest of the object is malformed.
private struct Header: Decodable {
    var kind: String?
    var apiVersion: String?
    var name: String?
    var namespace: String?
    var message: String?
    var hasItems = false
    var items: [Header]?

    private enum Keys: String, CodingKey { case kind, apiVersion, metadata, message, items }
    private enum MetadataKeys: String, CodingKey { case name, namespace }

    init() {}

    init(from decoder: any Decoder) throws {
        // Only the file itself must be a JSON object; anything else is read as far as it goes.
        let container = try decoder.container(keyedBy: Keys.self)
        kind = try? container.decodeIfPresent(String.self, forKey: .kind)
        apiVersion = try? container.decodeIfPresent(String.self, forKey: .apiVersion)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        if let metadata = try? container.nestedContainer(keyedBy: MetadataKeys.self, forKey: .metadata) {
            name = try? metadata.decodeIfPresent(String.self, forKey: .name)
            namespace = try? metadata.decodeIfPresent(String.self, forKey: .namespace)
        }
        hasItems = container.contains(.items)
        if var list = try? container.nestedUnkeyedContainer(forKey: .items) {
            var headers: [Header] = []
            while !list.isAtEnd {
                headers.append((try? list.decode(Header.self)) ?? Header())
                // A failed decode does not advance the container; skip the element explicitly.
                if headers.count > list.currentIndex { _ = try? list.decode(Skipped.self) }
            }
            items = headers
        }
    }

    func identity(in source: String, position: Int?) -> String {
        KubernetesObject.identity(source: source, kind: kind, namespace: namespace, name: name, position: position)
    }
}

/// Any JSON value, decoded to nothing: lets a list walk past an element it cannot read.
private struct Skipped: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// The kind and apiVersion a typed list's items have without saying so.
struct ListItemType: Sendable {
    var kind: String
    var apiVersion: String?
}

extension CodingUserInfoKey {
    static let listItemType = CodingUserInfoKey(rawValue: "crosslink.listItemType")
}
