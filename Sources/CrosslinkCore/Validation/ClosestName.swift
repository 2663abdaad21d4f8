/// The name in `names` nearest to a mistyped `word`, for "did you mean" hints: within two edits (one
/// for words of up to three characters), else the only name that `word` begins (of three or more
/// characters); ties go to the earlier name.
package func closestName(to word: String, among names: some Sequence<String>) -> String? {
    // A pasted paragraph is no typo of a name.
    guard !word.isEmpty, word.utf8.count <= 64 else { return nil }
    let limit = word.count <= 3 ? 1 : 2
    var best: (name: String, distance: Int)?
    var extended: [String] = []
    for name in names {
        let distance = editDistance(word, name, limit: limit)
        if distance <= limit, distance < best?.distance ?? Int.max { best = (name, distance) }
        if extended.count < 2, name.hasPrefix(word) { extended.append(name) }
    }
    if let best { return best.name }
    return word.count >= 3 && extended.count == 1 ? extended[0] : nil
}

/// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`, the optimal string
/// alignment distance, so `lsit` is one edit from `list`; any answer above `limit` is `limit + 1`.
package func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    // Lengths further apart than the limit cannot come within it.
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty || b.isEmpty { return min(max(a.count, b.count), limit == .max ? .max : limit + 1) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
            current[j] = value
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return min(previous[b.count], limit == .max ? .max : limit + 1)
}
