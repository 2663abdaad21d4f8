import CrosslinkTestSupport
import Foundation
import Testing

/// Issue 15 item 7: usage and help a newcomer trips over.
@Suite struct UsageCommandTests {
    @Test("version is a subcommand and prints what --version prints")
    func version() throws {
        let subcommand = try CrosslinkProcess.run(["version"])
        let flag = try CrosslinkProcess.run(["--version"])
        #expect(subcommand.status == 0 && !subcommand.stdout.isEmpty && subcommand.stdout == flag.stdout)
    }

    @Test("generate --clusters -5 states the range instead of a missing value")
    func negativeClusters() throws {
        let result = try CrosslinkProcess.run(["generate", "--clusters", "-5"])
        #expect(result.status == 1 && result.stderr == "error: --clusters -5 is out of range (1 to 16384)\n")
    }

    @Test("import remove --help does not talk of referrers; vnet remove --help does")
    func removeHelp() throws {
        #expect(!(try CrosslinkProcess.run(["import", "remove", "--help"]).stdout.contains("reference it")))
        #expect(try CrosslinkProcess.run(["vnet", "remove", "--help"]).stdout.contains("reference it"))
    }
}
