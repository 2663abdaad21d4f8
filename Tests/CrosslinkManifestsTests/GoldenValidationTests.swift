import CrosslinkManifests
import Foundation
import Testing

/// Runs scripts/validate-golden-manifests.sh, which checks the golden files against the real
/// upstream schemas with ../shared/tools/validate-manifests (and skips when that is absent).
@Suite struct GoldenValidationTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(
        "golden manifests pass the upstream schemas",
        .enabled(if: FileManager.default.isExecutableFile(atPath: repository.appendingPathComponent("../shared/tools/validate-manifests").path)))
    func validate() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.repository.appendingPathComponent("scripts/validate-golden-manifests.sh").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test("the golden files hold every kind crosslink emits, so the schema check covers each")
    func everyKindCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(at: GoldenFile.directory, includingPropertiesForKeys: nil)
        let text = try files.filter { $0.pathExtension == "yaml" }.map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        let kinds = [ServiceExport.kind, ServiceEntry.kind, NetworkPolicy.kind, Namespace.kind, StubService.kind]
        for kind in kinds {
            #expect(text.contains("\nkind: \(kind)\n"), "no golden file holds a \(kind)")
        }
    }
}
