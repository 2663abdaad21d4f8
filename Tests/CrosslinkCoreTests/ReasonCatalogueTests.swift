import CrosslinkCore
import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct ReasonCatalogueTests {
    @Test("every reason code is unique and documented in docs/routability.md")
    func documented() throws {
        let codes = ReasonCode.catalogue.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        let docs = try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("docs/routability.md"), encoding: .utf8)
        for code in codes { #expect(docs.contains("| `\(code)` |"), "\(code) is missing from docs/routability.md") }
    }

    @Test("every reason code the engine can give is in the catalogue")
    func complete() throws {
        // Codes are declared in ReasonCode+*.swift files (the catalogue's, and one per later group of rules).
        let directory = CrosslinkProcess.repositoryRoot.appendingPathComponent("Sources/CrosslinkCore/Routing")
        let source = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("ReasonCode+") }.sorted()
            .map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let declared = source.components(separatedBy: "public static let ").dropFirst().compactMap { $0.split(separator: " ").first }
            .filter { !$0.hasPrefix("catalogue") }
        #expect(declared.count == ReasonCode.catalogue.count)
    }
}
