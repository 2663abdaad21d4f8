#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How text for people is laid out: the width long lines wrap to, and whether verdicts are coloured.
/// Decided once from standard output (see docs/model.md, "Tables and text output").
struct TextStyle: Equatable {
    /// Lines holding reasons, fixes and hops wrap at spaces to this many columns.
    var width: Int
    /// Whether verdict words carry ANSI colour.
    var usesColour: Bool

    /// The width of a pipe or file: fixed, so saved or compared output does not depend on the terminal
    /// it was made in.
    static let pipeWidth = 100
    /// Narrower than this, wrapping would put a word or two on each line.
    static let minimumWidth = 40
    /// A terminal that reports no size and no `$COLUMNS`.
    static let fallbackTerminalWidth = 80

    /// Plain text at the pipe width: what tests and files get.
    static let plain = TextStyle(width: pipeWidth, usesColour: false)

    /// The style for standard output as this process finds it.
    static var standardOutput: TextStyle {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        return TextStyle(
            width: width(isTerminal: isTerminal, windowColumns: isTerminal ? terminalColumns() : nil, environment: environment),
            usesColour: usesColour(isTerminal: isTerminal, environment: environment))
    }

    /// A terminal's width as the terminal reports it (`TIOCGWINSZ`), else `$COLUMNS`, else 80; a pipe
    /// or file gets 100 whatever the environment says.
    static func width(isTerminal: Bool, windowColumns: Int?, environment: [String: String]) -> Int {
        guard isTerminal else { return pipeWidth }
        let columns = windowColumns.flatMap { $0 > 0 ? $0 : nil } ?? environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        return max(minimumWidth, columns ?? fallbackTerminalWidth)
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything but the empty string
    /// (https://no-color.org).
    static func usesColour(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The two environment variables the style reads.
    private static var environment: [String: String] {
        var values: [String: String] = [:]
        for name in ["COLUMNS", "NO_COLOR"] { values[name] = getenv(name).map { String(cString: $0) } }
        return values
    }

    /// Columns of the terminal on standard output, or nil when it does not say.
    private static func terminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The colours a verdict can have: restrained, one per outcome.
    enum Colour: String {
        case green = "32", red = "31"
    }

    /// `text` in `colour` when this style uses colour, else unchanged.
    func painted(_ text: String, _ colour: Colour) -> String {
        usesColour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// A verdict word, green when routable and red when not.
    func verdict(_ text: String, routable: Bool) -> String {
        painted(text, routable ? .green : .red)
    }
}
