import CrosslinkTestSupport
import Testing

@Suite struct CompletionScriptTests {
    @Test("completion scripts are generated for every shell", arguments: ["bash", "zsh", "fish"])
    func script(shell: String) throws {
        let result = try CrosslinkProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stdout.contains("crosslink"))
        // Subcommands are completed too, down to the newest ones.
        #expect(result.stdout.contains("azure"))
    }
}
