import CrosslinkTestSupport
import Foundation
import Testing

/// Issue 15 item 8: completions offer the closed value sets and the stored names.
@Suite struct CompletionValueTests {
    static let closedSets: [(flag: String, values: [String])] = [
        ("--network-plugin", ["azure-cni", "azure-cni-overlay", "kubenet"]),
        ("--exposure", ["cluster-ip", "internal-lb", "public-lb"]),
        ("--egress", ["internet", "none"]),
        ("--state", ["initiated", "disconnected", "notconnected", "connecting", "error"]),
        ("--via", ["auto", "local", "mesh", "tunnel", "network", "ingress"]),
        ("--output", ["table", "json", "yaml"]),
    ]

    @Test("every shell's script completes the closed value sets", arguments: ["bash", "zsh", "fish"])
    func closedValues(shell: String) throws {
        let script = try CrosslinkProcess.run(["--generate-completion-script", shell]).stdout
        for (flag, values) in Self.closedSets {
            for value in values {
                #expect(script.contains(value), "\(shell): \(flag) value \(value)")
            }
        }
        // The values are offered as a list for the flag, not merely mentioned in help text.
        let list =
            switch shell {
            case "bash": #"'azure-cni'$'\n''azure-cni-overlay'$'\n''kubenet'"#
            case "zsh": "('azure-cni' 'azure-cni-overlay' 'kubenet')"
            default: "-rfka 'azure-cni azure-cni-overlay kubenet'"
            }
        #expect(script.contains(list), "\(shell)")
    }

    @Test("every shell's script asks crosslink itself for stored names", arguments: ["bash", "zsh", "fish"])
    func customCalls(shell: String) throws {
        let script = try CrosslinkProcess.run(["--generate-completion-script", shell]).stdout
        #expect(script.contains("---completion vnet remove -- positional@0"), "\(shell)")
        #expect(script.contains("---completion cluster add -- --vnet"), "\(shell)")
    }

    /// Runs what the shell script runs when TAB is pressed after `words` (the last one being completed).
    static func complete(_ command: [String], argument: String, words: [String], in directory: URL, environment: [String: String] = [:]) throws
        -> CrosslinkProcess.Result
    {
        let last = words.count - 1
        return try CrosslinkProcess.run(
            ["---completion"] + command + ["--", argument, String(last), String(words[last].count)] + words, in: directory, environment: environment)
    }

    @Test("stored names come from the --db on the line, filtered by what is typed")
    func storedNames() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let elsewhere = try TemporaryDirectory.make()
        let vnets = try Self.complete(
            ["vnet", "remove"], argument: "positional@0", words: ["crosslink", "vnet", "remove", "--db", cli.database, ""], in: elsewhere)
        #expect(vnets.status == 0)
        #expect(vnets.stdout == "vnet-edge\nvnet-hub\nvnet-neu\nvnet-spoke-a\nvnet-spoke-b\n", "\(vnets.stdout)")
        let typed = try Self.complete(
            ["cluster", "show"], argument: "positional@0", words: ["crosslink", "cluster", "show", "--db=\(cli.database)", "aks-w"], in: elsewhere)
        #expect(typed.stdout == "aks-weu\n", "\(typed.stdout)")
        let services = try Self.complete(
            ["import", "add"], argument: "positional@1", words: ["crosslink", "import", "add", "--db", cli.database, "aks-weu", "aks-neu/"],
            in: elsewhere)
        #expect(services.stdout == "aks-neu/orders/orders-api\naks-neu/payments/payments-api\n", "\(services.stdout)")
        let option = try Self.complete(
            ["cluster", "add"], argument: "--vnet", words: ["crosslink", "cluster", "add", "c", "--db", cli.database, "--vnet", "vnet-n"], in: elsewhere)
        #expect(option.stdout == "vnet-neu\n", "\(option.stdout)")
    }

    @Test("without --db the completion reads CROSSLINK_DB, else ./crosslink.db, as the command would")
    func defaultDatabase() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let words = ["crosslink", "cluster", "remove", "aks-n"]
        let fromDirectory = try Self.complete(["cluster", "remove"], argument: "positional@0", words: words, in: cli.directory)
        #expect(fromDirectory.stdout == "aks-neu\n", "\(fromDirectory.stdout)")
        let elsewhere = try TemporaryDirectory.make()
        let fromEnvironment = try Self.complete(
            ["cluster", "remove"], argument: "positional@0", words: words, in: elsewhere, environment: ["CROSSLINK_DB": cli.database])
        #expect(fromEnvironment.stdout == "aks-neu\n", "\(fromEnvironment.stdout)")
    }

    @Test("completing against a database that does not exist offers nothing and creates nothing")
    func neverCreates() throws {
        let directory = try TemporaryDirectory.make()
        let result = try Self.complete(
            ["vnet", "show"], argument: "positional@0", words: ["crosslink", "vnet", "show", "--db", "missing.db", ""], in: directory)
        #expect(result.status == 0 && result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && result.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
