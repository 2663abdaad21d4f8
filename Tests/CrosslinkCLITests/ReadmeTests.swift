import CrosslinkTestSupport
import Foundation
import Testing

/// Issue 15 item 5: the README's tour runs as written. The rule, applied to the lines indented by four
/// spaces in the section "## A short tour" (up to the next "## "):
/// - a leading "$ " prompt is dropped; `export NAME=VALUE` sets NAME for the commands after it;
/// - a line starting with `crosslink` (or `swift run crosslink`) is a command, run by `/bin/sh` in one
///   temporary directory holding a copy of `examples/`, with the built binary for `crosslink`; it must
///   exit 0, or 3 if the line ends with the comment `# exit 3`;
/// - the other lines under a "$ " command are its shown output: each, trimmed and without a trailing
///   `…`, must occur in its standard output after the previous one; a line that is only `…` elides;
/// - any other line (the install step, non-indented prose) is not run.
@Suite struct ReadmeTests {
    struct Step {
        var command: String
        var environment: [String: String]
        var expectedStatus: Int32
        var shownOutput: [String] = []
    }

    static func steps(in readme: String) -> [Step] {
        var steps: [Step] = []
        var environment: [String: String] = [:]
        var inTour = false
        var collectingOutput = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { inTour = line == "## A short tour"; collectingOutput = false; continue }
            guard inTour else { continue }
            guard line.hasPrefix("    ") else {
                if !line.isEmpty { collectingOutput = false }
                continue
            }
            var text = String(line.dropFirst(4))
            let prompted = text.hasPrefix("$ ")
            if prompted { text.removeFirst(2) }
            for prefix in ["swift run crosslink ", "crosslink "] where text.hasPrefix(prefix) {
                text = "crosslink " + text.dropFirst(prefix.count)
            }
            if text.hasPrefix("export "), let equals = text.firstIndex(of: "=") {
                environment[String(text[text.index(text.startIndex, offsetBy: 7)..<equals])] = String(text[text.index(after: equals)...])
                collectingOutput = false
            } else if text.hasPrefix("crosslink ") {
                let status: Int32 = text.hasSuffix("# exit 3") ? 3 : 0
                steps.append(Step(command: text, environment: environment, expectedStatus: status))
                collectingOutput = prompted
            } else if collectingOutput, !steps.isEmpty {
                var shown = text.trimmingCharacters(in: .whitespaces)
                if shown.hasSuffix("…") { shown = String(shown.dropLast()).trimmingCharacters(in: .whitespaces) }
                if !shown.isEmpty { steps[steps.count - 1].shownOutput.append(shown) }
            }
        }
        return steps
    }

    @Test("every command of the README's tour and hand registration runs and prints what is shown")
    func tourRunsAsWritten() throws {
        let root = CrosslinkProcess.repositoryRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let steps = Self.steps(in: readme)
        // The rule must keep finding the tour (4 tour commands, 8 hand-registration ones), or this test would pass vacuously.
        #expect(steps.count >= 12)
        #expect(steps.contains { $0.command.contains("import add") } && steps.contains { $0.shownOutput.count >= 5 })

        let directory = try TemporaryDirectory.make()
        try FileManager.default.copyItem(at: root.appendingPathComponent("examples"), to: directory.appendingPathComponent("examples"))
        let binary = "'" + CrosslinkProcess.binary.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        for step in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", binary + step.command.dropFirst("crosslink".count)]
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            environment["CROSSLINK_DB"] = nil
            process.environment = environment.merging(step.environment) { $1 }
            let output = Pipe(), error = Pipe()
            process.standardOutput = output
            process.standardError = error
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == step.expectedStatus, "\(step.command): exit \(process.terminationStatus): \(stderr)")
            var rest = stdout[...]
            for shown in step.shownOutput {
                guard let found = rest.range(of: shown) else {
                    Issue.record("\(step.command): the README shows \"\(shown)\" but the output (from there on) is:\n\(rest)")
                    break
                }
                rest = rest[found.upperBound...]
            }
        }
    }
}
