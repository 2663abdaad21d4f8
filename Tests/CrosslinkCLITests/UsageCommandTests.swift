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

    @Test(
        "show and remove name their key one argument at a time, so the usage line says how many",
        arguments: [
            (["vnet", "remove"], "<name> [--cascade]"), (["cluster", "show"], "<name>"), (["peering", "remove"], "<first> <second> [--cascade]"),
            (["tunnel", "show"], "<first> <second>"), (["service", "remove"], "<service> [--cascade]"),
            (["import", "remove"], "<consumer> <service> [--cascade]"), (["ingress", "remove"], "<service> [--host <host>]"),
        ])
    func keyUsage(command: [String], usage: String) throws {
        let help = try CrosslinkProcess.run(command + ["--help"]).stdout
        let line = help.split(separator: "\n").first { $0.hasPrefix("USAGE:") }.map(String.init) ?? ""
        #expect(line.contains(usage) && !line.contains("..."), "\(line)")
    }

    @Test("vnet remove with two names is a usage mistake that removes nothing")
    func removeTakesOneName() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let before = try cli.run(["vnet", "list", "-o", "json"]).stdout
        let result = try cli.run(["vnet", "remove", "vnet-a", "vnet-b", "--cascade"])
        #expect(result.status == 2 && result.stderr.contains("Unexpected argument 'vnet-b'"))
        #expect(try cli.run(["vnet", "list", "-o", "json"]).stdout == before)
        let missing = try cli.run(["vnet", "remove"])
        #expect(missing.status == 2 && missing.stderr.contains("Missing expected argument '<name>'"))
    }

    @Test(
        "options that must be given are required in the usage line, not refused after parsing",
        arguments: [
            (["vnet", "add"], "--address-space <cidr> ..."), (["service", "add"], "--ports <port> ..."),
            (["import", "kubernetes"], "--file <file> ..."),
        ])
    func requiredOptions(command: [String], option: String) throws {
        let help = try CrosslinkProcess.run(command + ["--help"]).stdout
        let line = help.split(separator: "\n").first { $0.hasPrefix("USAGE:") }.map(String.init) ?? ""
        #expect(line.contains(" \(option)") && !line.contains("[\(option)"), "\(line)")
    }

    @Test("vnet add without --address-space is a usage mistake (exit 2) and creates no database")
    func missingRequiredOption() throws {
        let cli = try CrosslinkProcess()
        let result = try cli.run(["vnet", "add", "v", "--region", "westeurope"])
        #expect(result.status == 2 && result.stderr.hasPrefix("Error: Missing expected argument '--address-space <cidr> ...'"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test(
        "a mistyped subcommand names the closest one, at the top and in groups",
        arguments: [
            (["clustr", "list"], "unknown command 'clustr'; did you mean 'cluster'?"),
            (["vnet", "lsit"], "unknown command 'lsit'; did you mean 'list'?"),
            (["import", "kubernets", "-f", "x"], "unknown command 'kubernets'; did you mean 'kubernetes'?"),
            (["route", "chek", "a", "a/b/c"], "unknown command 'chek'; did you mean 'check'?"),
            (["recon"], "unknown command 'recon'; did you mean 'reconcile'?"),
            (["vnet", "frobnicate"], "unknown command 'frobnicate'; see 'crosslink vnet --help'"),
        ])
    func didYouMean(arguments: [String], message: String) throws {
        let cli = try CrosslinkProcess()
        let result = try cli.run(arguments)
        #expect(result.status == 2 && result.stdout.isEmpty && result.stderr == "error: \(message)\n")
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("--db before a mistyped subcommand still gets the suggestion")
    func didYouMeanAfterGlobalOption() throws {
        let result = try CrosslinkProcess.run(["--db", "/nonexistent/x.db", "vnet", "lst"])
        #expect(result.status == 2 && result.stderr == "error: unknown command 'lst'; did you mean 'list'?\n")
    }
}
