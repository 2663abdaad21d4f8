import CrosslinkTestSupport
import Testing

extension CrosslinkProcess {
    /// Runs a command that must succeed: records an issue at the caller's line (with the command and
    /// its stderr) when it exits non-zero, and returns its standard output either way.
    func succeed(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, stdin: stdin)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }
}
