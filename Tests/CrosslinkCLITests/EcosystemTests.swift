import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct EcosystemTests {
    @Test("generate is deterministic for a seed and its output applies cleanly")
    func generate() throws {
        let first = try CrosslinkProcess.run(["generate", "--clusters", "30", "--seed", "9"]).stdout
        #expect(first == (try CrosslinkProcess.run(["generate", "--clusters", "30", "--seed", "9"]).stdout))
        #expect(first != (try CrosslinkProcess.run(["generate", "--clusters", "30", "--seed", "10"]).stdout))
        let cli = try CrosslinkProcess()
        #expect(try cli.run(["apply", "-f", "-"], stdin: first).status == 0)
        #expect(try CrosslinkProcess.run(["generate", "--clusters", "0"]).status == 1)
    }
}
