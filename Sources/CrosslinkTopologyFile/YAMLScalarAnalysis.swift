/// libyaml's analysis of a scalar (yaml_emitter_analyze_scalar) for strings of printable ASCII,
/// plus what deciding Yams' resolver needs.
struct ScalarAnalysis {
    var isEmpty = false
    var flowPlainAllowed = true
    var blockPlainAllowed = true
    var hasQuote = false
    var withinResolverAlphabet = true
    var isDottedDigits = false

    /// nil when a byte is outside printable ASCII (0x20–0x7E).
    init?(_ text: String) {
        var text = text
        guard let analysis = text.withUTF8({ Self.analyse($0) }) else { return nil }
        self = analysis
    }

    private init() {}

    private static func analyse(_ bytes: UnsafeBufferPointer<UInt8>) -> ScalarAnalysis? {
        var analysis = ScalarAnalysis()
        let count = bytes.count
        if count == 0 {
            analysis.isEmpty = true
            return analysis
        }
        // "---" and "..." open a document marker.
        var flowIndicators = count >= 3 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: ".")) && bytes[0] == bytes[1] && bytes[1] == bytes[2]
        var blockIndicators = flowIndicators
        var dots = 0
        var onlyDigitsAndDots = true
        var previousIsSpace = true  // libyaml's preceded_by_whitespace starts true
        for position in 0..<count {
            let byte = bytes[position]
            guard byte >= 0x20 && byte <= 0x7E else { return nil }
            // The end of the string counts as whitespace.
            let followedBySpace = position + 1 == count || bytes[position + 1] == 0x20
            if position == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                    UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                    UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedBySpace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedBySpace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedBySpace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if previousIsSpace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }
            if byte == 0x20 && (position == 0 || position == count - 1) {
                // A leading or trailing space needs quotes.
                analysis.flowPlainAllowed = false
                analysis.blockPlainAllowed = false
            }
            if byte == UInt8(ascii: "'") { analysis.hasQuote = true }
            if !resolverAlphabet[Int(byte)] { analysis.withinResolverAlphabet = false }
            if byte == UInt8(ascii: ".") {
                dots += 1
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                onlyDigitsAndDots = false
            }
            previousIsSpace = byte == 0x20
        }
        if flowIndicators { analysis.flowPlainAllowed = false }
        if blockIndicators { analysis.blockPlainAllowed = false }
        analysis.isDottedDigits = onlyDigitsAndDots && dots >= 2
        return analysis
    }
}

/// Every character any rule of Yams' default resolver can match (Resolver.Rule: bool, int, float,
/// merge, null, timestamp, value), by ASCII code.
let resolverAlphabet: [Bool] = {
    var table = [Bool](repeating: false, count: 128)
    for byte in "0123456789+-_.:~<= abcdefABCDEFxoinINFTtZysYSOruRUlL".utf8 { table[Int(byte)] = true }
    return table
}()
