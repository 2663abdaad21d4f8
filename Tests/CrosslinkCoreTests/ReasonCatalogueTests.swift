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
        let source = try String(
            contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("Sources/CrosslinkCore/Routing/ReasonCode+Catalogue.swift"),
            encoding: .utf8)
        let declared = source.components(separatedBy: "public static let ").dropFirst().compactMap { $0.split(separator: " ").first }
            .filter { !$0.hasPrefix("catalogue") }
        #expect(declared.count == ReasonCode.catalogue.count)
    }
}
