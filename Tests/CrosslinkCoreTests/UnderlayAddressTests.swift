import CrosslinkCore
import CrosslinkTestSupport
import Foundation
import Testing

/// Addresses a path needs to reach through the underlay, and the reason when none holds them.
@Suite struct UnderlayAddressTests {
    typealias F = RouteFixtures

    @Test("a private east-west gateway in no registered VNet: AddressNotInAnyVNet, naming the address and the fix")
    func addressNotInAnyVNet() throws {
        let gateway = MeshMembership(id: "m1", network: "net-2", trustRoot: "root", eastWestGateway: TopologyBuilder.address("192.168.50.10"))
        let topology = MeshRouteTests.meshed(F.mesh, gateway).topology
        try topology.validate()
        let answer = try F.answer(MeshRouteTests.meshed(F.mesh, gateway), via: .pinned(.mesh))
        let reason = try #require(answer.rejection(.mesh))
        #expect(answer.via == nil && reason.code == .addressNotInAnyVNet)
        #expect(reason.message.contains("aks-b's east-west gateway 192.168.50.10 is a private address in no registered VNet"), "\(reason.message)")
        #expect(reason.message.contains("register the VNet that holds it"))

        // Registering a VNet that holds the address (peered with the consumer's) makes the same path routable.
        let registered = MeshRouteTests.meshed(F.mesh, gateway).vnet("vnet-gw", "192.168.50.0/24").peering("vnet-a", "vnet-gw")
        #expect(try F.answer(registered, via: .pinned(.mesh)).via == .mesh)
    }

    @Test("every reason code in the catalogue is asserted by some test")
    func everyCodeTested() throws {
        let tests = CrosslinkProcess.repositoryRoot.appendingPathComponent("Tests")
        var text = ""
        for path in try FileManager.default.subpathsOfDirectory(atPath: tests.path) where path.hasSuffix(".swift") {
            text += try String(contentsOf: tests.appendingPathComponent(path), encoding: .utf8)
        }
        let names = ReasonCode.allCases.map(ReasonCatalogueTests.caseName(of:))
        for name in names {
            // `.name` followed by something that ends the identifier: a use, not a longer name.
            let used = text.range(of: "\\.\(name)\\b", options: .regularExpression) != nil
            #expect(used, "reason code \(name) is not asserted by any test")
        }
    }
}
