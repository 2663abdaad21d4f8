/// Kubernetes name rules: DNS-1123 labels for vnets, clusters, namespaces and gateways, DNS-1035
/// labels for services (which must also start with a letter).
package enum NameRule: Sendable {
    case dns1123Label
    case dns1035Label

    /// Throws unless `name` follows the rule; the message names the field and the rule.
    ///
    /// `field` is only worked out for the message: a whole estate is checked on every write.
    package func check(_ name: String, field: @autoclosure () -> String) throws {
        let valid = name.utf8.withContiguousStorageIfAvailable(isValid) ?? isValid(Array(name.utf8))
        guard valid else {
            let rule =
                self == .dns1123Label
                ? "a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit"
                : "a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit"
            throw CrosslinkError.invalid("\(field()) \(name.quotedExcerpt) is not \(rule)")
        }
    }
}

extension NameRule {
    /// One pass over the bytes: a whole estate's names are checked on every write.
    private func isValid<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        func isAlnum(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) }
        guard isAlnum(first), isAlnum(last), self == .dns1123Label || first >= 97 else { return false }
        for byte in bytes where !isAlnum(byte) && byte != 45 { return false }
        return true
    }
}

/// Checks a DNS host name (RFC 1123): dot-separated labels, optionally a leading `*.` wildcard.
package func checkHostName(_ host: String, field: @autoclosure () -> String) throws {
    var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if labels.first == "*", labels.count > 1 { labels.removeFirst() }
    let valid =
        host.utf8.count <= 253 && !labels.isEmpty
        && labels.allSatisfy { label in
            (try? NameRule.dns1123Label.check(label, field: "")) != nil
        }
    guard valid else {
        throw CrosslinkError.invalid("\(field()) \(host.quotedExcerpt) is not a DNS host name (lowercase labels separated by dots)")
    }
}

/// Checks a DNS-1123 subdomain, as Kubernetes names most objects (an IngressClass, spec §7.10): at most
/// 253 characters, dot-separated parts of lowercase letters, digits and '-' that start and end with a
/// letter or digit (`webapprouting.kubernetes.azure.com`).
package func checkSubdomain(_ name: String, field: @autoclosure () -> String) throws {
    func isAlnum(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) }
    let parts = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    let valid =
        name.utf8.count <= 253
        && parts.allSatisfy { part in
            guard let first = part.first, let last = part.last else { return false }
            return isAlnum(first) && isAlnum(last) && part.allSatisfy { isAlnum($0) || $0 == 45 }
        }
    guard valid else {
        throw CrosslinkError.invalid(
            "\(field()) \(name.quoted) is not a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' or '.', each dot-separated part starting and ending with a letter or digit"
        )
    }
}
