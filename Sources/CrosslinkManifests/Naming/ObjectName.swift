import CrosslinkCore

/// Derives Kubernetes object names that are always valid and never shared by two identities (§7.16).
///
/// Names are DNS-1123 labels (at most 63 characters, lowercase letters, digits and `-`), which are
/// also valid DNS-1123 subdomains and safe as file names. The plain form `crosslink-<parts joined by
/// ->` is kept only when it says exactly which parts it came from; otherwise the name ends in an
/// 8-digit FNV-1a hash of the full identity, so distinct inputs keep distinct names.
package enum ObjectName {
    /// The longest name produced: a DNS-1123 label, so the name also works where labels are required.
    package static let maximumLength = 63

    /// The width of the hash suffix, in hex digits.
    static let hashDigits = 8

    /// `crosslink-<parts joined by ->`, made valid; e.g. `crosslink-backend-service`.
    package static func derive(_ parts: String...) -> String {
        derive(parts)
    }

    /// `crosslink-<parts joined by ->`, made valid and unique to `parts`.
    ///
    /// The plain join is kept when it is already a valid label, no longer than 63 characters, can be
    /// split back into `parts` (no part but the last holds a `-` and none is empty: `aks-neu` +
    /// `payments` and `aks` + `neu-payments` both join to `aks-neu-payments`), and does not itself end
    /// like a hash suffix. Anything else is cleaned, cut and given the hash of the identity, so a
    /// plain name can never equal a hashed one.
    package static func derive(_ parts: [String]) -> String {
        let original = (["crosslink"] + parts).joined(separator: "-")
        let cleaned = sanitized(original)
        let isSplittable = parts.allSatisfy { !$0.isEmpty } && parts.dropLast().allSatisfy { !$0.contains("-") }
        if isSplittable, cleaned == original, cleaned.utf8.count <= maximumLength, !endsLikeHash(cleaned) {
            return cleaned
        }
        // A splittable join is the identity itself (hashing it keeps existing names); otherwise the
        // parts are hashed with a separator no name holds. Hash the original, never the cleaned
        // text: `a.b` and `a-b` clean alike but must differ.
        let identity = isSplittable ? original : (["crosslink"] + parts).joined(separator: "\u{1F}")
        let suffix = "-" + FNV1a.hash(identity).hexadecimal(digits: hashDigits)
        var prefix = String(cleaned.prefix(maximumLength - suffix.count))
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return prefix + suffix
    }

    /// Whether `name` ends in `-` and 8 hex digits, the shape of a hash suffix.
    static func endsLikeHash(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars.suffix(hashDigits + 1))
        guard scalars.count == hashDigits + 1, scalars[0] == "-" else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    /// Lowercases, turns anything outside `[a-z0-9]` into `-`, collapses runs of `-` and trims them.
    static func sanitized(_ text: String) -> String {
        var result = ""
        var lastWasDash = true  // drops leading dashes
        for scalar in text.lowercased().unicodeScalars {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAlphanumeric {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result += "-"
                lastWasDash = true
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "x" : result
    }
}
