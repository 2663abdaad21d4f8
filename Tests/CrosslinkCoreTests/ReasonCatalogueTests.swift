import CrosslinkCore
import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct ReasonCatalogueTests {
    @Test("every reason code is unique and documented in docs/routability.md")
    func documented() throws {
        let codes = ReasonCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        let docs = try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("docs/routability.md"), encoding: .utf8)
        for code in codes { #expect(docs.contains("| `\(code)` |"), "\(code) is missing from docs/routability.md") }
    }

    @Test("every code is declared as `case name = \"Name\"`, so the tests can find its uses by case name")
    func rawValuesMatchCaseNames() throws {
        let source = try String(
            contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("Sources/CrosslinkCore/Routing/ReasonCode.swift"), encoding: .utf8)
        for code in ReasonCode.allCases {
            let declaration = "case \(Self.caseName(of: code)) = \"\(code.rawValue)\""
            #expect(source.contains(declaration), "ReasonCode.swift does not declare \(declaration)")
        }
    }

    /// `VPNNotConnected` → `vpnNotConnected`, `GRPCNeedsTLS` → `grpcNeedsTLS`: the leading capitals
    /// are lowercased, except the one that starts the next word.
    static func caseName(of code: ReasonCode) -> String {
        let characters = Array(code.rawValue)
        var leading = characters.prefix { $0.isUppercase }.count
        if leading > 1 && leading < characters.count { leading -= 1 }
        return String(characters.prefix(leading)).lowercased() + String(characters.dropFirst(leading))
    }
}
