import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct EcosystemTests {
    @Test("completion scripts are generated for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let result = try CrosslinkProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0 && result.stdout.contains("crosslink") && result.stdout.contains("reconcile"))
    }

    @Test("the binary works as a kubectl plugin named kubectl-crosslink")
    func kubectlPlugin() throws {
        let cli = try CrosslinkProcess()
        let plugin = cli.directory.appendingPathComponent("kubectl-crosslink")
        try FileManager.default.createSymbolicLink(at: plugin, withDestinationURL: CrosslinkProcess.binary)
        let process = Process()
        process.executableURL = plugin
        process.arguments = ["vnet", "add", "v1", "--region", "westeurope", "--address-space", "10.0.0.0/16", "--db", cli.database]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try cli.run(["vnet", "list"]).stdout.contains("v1"))
    }

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
