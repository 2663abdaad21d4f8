/// Kubernetes name rules: DNS-1123 labels for vnets, clusters, namespaces and gateways, DNS-1035
/// labels for services (which must also start with a letter).
public enum NameRule: Sendable {
    case dns1123Label
    case dns1035Label

    /// Throws unless `name` follows the rule; the message names the field and the rule.
    ///
    /// `field` is only worked out for the message: a whole estate is checked on every write.
    public func check(_ name: String, field: @autoclosure () -> String) throws {
        let bytes = name.utf8
        let isLower: (UInt8) -> Bool = { $0 >= 97 && $0 <= 122 }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        let isAlnum: (UInt8) -> Bool = { isLower($0) || isDigit($0) }
        var valid = false
        if let first = bytes.first, let last = bytes.last, bytes.count <= 63 {
            valid =
                bytes.allSatisfy { isAlnum($0) || $0 == 45 } && isAlnum(first) && isAlnum(last)
                && (self == .dns1123Label || isLower(first))
        }
        guard valid else {
            let rule =
                self == .dns1123Label
                ? "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit"
                : "a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit"
            throw CrosslinkError.invalid("\(field()) \(name.quoted) is not \(rule)")
        }
    }
}

/// Checks a DNS host name (RFC 1123): dot-separated labels, optionally a leading `*.` wildcard.
public func checkHostName(_ host: String, field: @autoclosure () -> String) throws {
    var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if labels.first == "*", labels.count > 1 { labels.removeFirst() }
    let valid =
        host.utf8.count <= 253 && !labels.isEmpty
        && labels.allSatisfy { label in
            (try? NameRule.dns1123Label.check(label, field: "")) != nil
        }
    guard valid else {
        throw CrosslinkError.invalid("\(field()) \(host.quoted) is not a DNS host name (lowercase labels separated by dots)")
    }
}
