import CrosslinkCore
import Foundation

/// One object of kubectl output, decoded as far as its kind needs, with the place it came from.
struct KubernetesObject: Decodable {
    /// What crosslink reads of the object; kinds and versions it does not read are `other`.
    enum Body {
        case namespace
        case service(ServiceObject)
        case ingress(IngressObject)
        case networkPolicy(NetworkPolicyObject)
        case other
    }

    var kind: String?
    var apiVersion: String?
    var metadata: ObjectMetadata?
    var body: Body
    /// The file it came from and its zero-based position in the file's List (nil: the file's one object).
    var source = ""
    var position: Int?

    private enum Keys: String, CodingKey { case kind, apiVersion, metadata }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let listItem = CodingUserInfoKey.listItemType.flatMap { decoder.userInfo[$0] as? ListItemType }
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? listItem?.kind
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? listItem?.apiVersion
        metadata = try container.decodeIfPresent(ObjectMetadata.self, forKey: .metadata)
        // Only the kinds and versions crosslink reads are decoded further: an old Ingress
        // (extensions/v1beta1) has another shape and is skipped with a note instead.
        switch (kind, apiVersion) {
        case ("Namespace", "v1"): body = .namespace
        case ("Service", "v1"): body = .service(try ServiceObject(from: decoder))
        case ("Ingress", "networking.k8s.io/v1"): body = .ingress(try IngressObject(from: decoder))
        case ("NetworkPolicy", "networking.k8s.io/v1"): body = .networkPolicy(try NetworkPolicyObject(from: decoder))
        default: body = .other
        }
    }

    var name: String? { metadata?.name }
    var namespace: String? { metadata?.namespace }
    var annotations: [String: String] { metadata?.annotations ?? [:] }

    /// `<file>: Service 'shop/cart'`, as errors and notes name the object.
    var place: String {
        Self.identity(source: source, kind: kind, namespace: namespace, name: name, position: position)
    }

    /// `<file>: Kind 'namespace/name'`; an object without a name is `Kind #N`, its position in the file.
    static func identity(source: String, kind: String?, namespace: String?, name: String?, position: Int?) -> String {
        let noun = kind ?? "object"
        if let name, !name.isEmpty {
            let key = namespace.map { "\($0)/\(name)" } ?? name
            return "\(source): \(noun) \(key.quoted)"
        }
        return "\(source): \(noun) #\((position ?? 0) + 1)"
    }

    /// The value of a required field, or an error naming the file, the object and the field.
    func require<Value>(_ value: Value?, _ field: String) throws -> Value {
        let missing = CrosslinkError(.malformedFile, "\(place): missing required field \(field.quoted)")
        guard let value else { throw missing }
        if let text = value as? String, text.isEmpty { throw missing }
        return value
    }
}
