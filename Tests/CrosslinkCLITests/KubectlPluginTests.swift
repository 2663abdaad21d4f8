import CrosslinkTestSupport
import Foundation
import Testing

/// kubectl runs `kubectl crosslink …` as the executable `kubectl-crosslink` found on PATH.
@Suite struct KubectlPluginTests {
    let cli: CrosslinkProcess
    let plugin: URL

    init() throws {
        cli = try CrosslinkProcess()
        let bin = cli.directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        plugin = bin.appendingPathComponent("kubectl-crosslink")
        try FileManager.default.createSymbolicLink(at: plugin, withDestinationURL: CrosslinkProcess.binary)
    }

    /// Runs the plugin name the way kubectl does: argv[0] is `kubectl-crosslink`.
    func runPlugin(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = plugin
        process.arguments = arguments + ["--db", cli.database]
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test("kubectl-crosslink behaves exactly like crosslink")
    func sameBehaviour() throws {
        let added = try runPlugin(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"])
        #expect(added.status == 0, "\(added.stderr)")
        let viaPlugin = try runPlugin(["vnet", "list"])
        #expect(viaPlugin.status == 0 && viaPlugin.stdout.contains("vnet-a"), "\(viaPlugin.stderr)")
        #expect(viaPlugin.stdout == (try cli.run(["vnet", "list"])).stdout)
        let bad = try runPlugin(["vnet", "show", "missing"])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("error: "))
    }
}
