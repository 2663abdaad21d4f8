/// Derives Kubernetes object names that are always valid, whatever the text they come from.
///
/// Names are DNS-1123 labels (at most 63 characters, lowercase letters, digits and `-`), which are
/// also valid DNS-1123 subdomains and safe as file names. When the joined parts are too long or had
/// to be changed to fit, a short stable hash of the original text keeps distinct inputs distinct.
public enum ObjectName {
    /// The longest name produced: a DNS-1123 label, so the name also works where labels are required.
    public static let maximumLength = 63

    /// `crosslink-<parts joined by ->`, made valid; e.g. `crosslink-aks-b-backend-backend-service`.
    public static func derive(_ parts: String...) -> String {
        derive(parts)
    }

    /// `crosslink-<parts joined by ->`, made valid.
    public static func derive(_ parts: [String]) -> String {
        let original = (["crosslink"] + parts).joined(separator: "-")
        let cleaned = sanitized(original)
        if cleaned == original, cleaned.utf8.count <= maximumLength { return cleaned }
        // Hash the original, not the cleaned text: `a.b` and `a-b` clean alike but must differ.
        let suffix = "-" + FNV1a.hash(original).hexadecimal(digits: 8)
        var prefix = String(cleaned.prefix(maximumLength - suffix.count))
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return prefix + suffix
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
