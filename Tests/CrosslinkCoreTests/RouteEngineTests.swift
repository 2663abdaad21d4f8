import CrosslinkCore
import CrosslinkTestSupport
import Testing

@Suite struct RouteEngineTests {
    typealias F = RouteFixtures

    @Test("local: the short name from the service's namespace, the FQDN from elsewhere")
    func local() throws {
        let same = try F.answer(F.base, from: "aks-b/backend")
        #expect(same.via == .local && same.address == "api" && same.hops == ["aks-b"])
        let other = try F.answer(F.base, from: "aks-b/frontend")
        #expect(other.address == "api.backend.svc.cluster.local")
        let custom = F.base.cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", clusterDomain: "corp.internal")
        #expect(try F.answer(custom, from: "aks-b").address == "api.backend.svc.corp.internal")
    }

    @Test("local is listed only when pinned across clusters")
    func localPinned() throws {
        #expect(try F.answer(F.base).rejection(.local) == nil)
        let pinned = try F.answer(F.base, via: .pinned(.local))
        #expect(pinned.via == nil && pinned.rejection(.local)?.code == .notSameCluster)
    }

    @Test("auto prefers mesh over tunnel over network over ingress, and lists the failures")
    func preference() throws {
        let everything = F.base
            .cluster("aks-a", in: "vnet-a", nodeSubnet: "10.1.0.0/20", serviceCIDR: "10.100.0.0/16", mesh: F.mesh)
            .cluster("aks-b", in: "vnet-b", nodeSubnet: "10.2.0.0/20", serviceCIDR: "10.101.0.0/16", mesh: F.mesh)
            .meshLink("aks-a", "aks-b").tunnel("aks-a", "aks-b")
            .service("aks-b/backend/api", ports: [ServicePort(name: "http", port: 80, appProtocol: "http")], exposure: .internalLB, loadBalancerIP: "10.2.0.9")
            .ingress("aks-b/backend/api", host: "api.example.com")
        #expect(try F.answer(everything).via == .mesh)
        #expect(try F.answer(everything).rejected.isEmpty)
        #expect(try F.answer(everything, via: .pinned(.ingress)).via == .ingress)
        #expect(try F.answer(everything, via: .pinned(.network)).address == "10.2.0.9")
        let noMesh = everything.meshLink("aks-a", "aks-far")
        #expect(try F.answer(noMesh).via == .mesh)
        let tunnelOnly = F.base.tunnel("aks-a", "aks-b")
        let answer = try F.answer(tunnelOnly)
        #expect(answer.via == .tunnel)
        #expect(answer.rejected.map(\.via) == [.mesh, .network, .ingress])
    }

    @Test("an unroutable answer lists every kind with a reason, and has no hops")
    func unroutable() throws {
        let answer = try F.answer(F.base, from: "aks-far/app")
        #expect(answer.via == nil && answer.address == nil && answer.hops.isEmpty)
        #expect(answer.rejected.map(\.via) == [.mesh, .tunnel, .network, .ingress])
        #expect(answer.rejected.allSatisfy { !$0.reason.message.isEmpty })
    }

    @Test("a pinned kind is the only one considered")
    func pinned() throws {
        let answer = try F.answer(F.base.tunnel("aks-a", "aks-b"), via: .pinned(.network))
        #expect(answer.via == nil && answer.rejected.map(\.via) == [.network])
    }

    @Test("the default port is the first; a port the service lacks is an error; unknown names are errors")
    func ports() throws {
        #expect(try F.answer(F.base.tunnel("aks-a", "aks-b")).servicePort == 80)
        #expect(throws: CrosslinkError.self) { try F.answer(F.base, port: 81) }
        #expect(throws: CrosslinkError.self) { try F.answer(F.base, from: "ghost") }
        #expect(throws: CrosslinkError.self) { try F.answer(F.base, to: "aks-b/backend/ghost") }
    }

    @Test("an import without a port expands to one answer per port; with a port to one")
    func expansion() throws {
        let builder = F.base.tunnel("aks-a", "aks-b").importing("aks-b/backend/api", into: "aks-a/frontend")
            .importing("aks-b/backend/api", into: "aks-far/app", port: 5432)
        let engine = RouteEngine(topology: builder.topology)
        let answers = try engine.allImportAnswers()
        #expect(
            answers.map(\.key.description) == [
                "aks-a/frontend -> aks-b/backend/api:53", "aks-a/frontend -> aks-b/backend/api:80",
                "aks-a/frontend -> aks-b/backend/api:5432", "aks-far/app -> aks-b/backend/api:5432",
            ])
        #expect(answers.first?.isRoutable == true)
    }

    @Test("answers are the same whatever order the snapshot was built in")
    func deterministic() throws {
        let a = try RouteEngine(topology: F.base.tunnel("aks-a", "aks-b").importing("aks-b/backend/api", into: "aks-a").topology).allImportAnswers()
        let b = try RouteEngine(topology: F.base.importing("aks-b/backend/api", into: "aks-a").tunnel("aks-b", "aks-a").topology).allImportAnswers()
        #expect(a == b)
    }
}

@Suite struct RouteFingerprintTests {
    typealias F = RouteFixtures

    /// The definition stored rows were fingerprinted with: FNV-1a over each field's string, 0x1F after
    /// each, spelled as one byte string hashed at once (the streaming fingerprint must agree with it).
    static func plainFingerprint(_ answer: RouteAnswer) -> UInt64 {
        var bytes: [UInt8] = []
        func mix(_ text: String) {
            bytes += Array(text.utf8) + [0x1F]
        }
        mix(answer.key.description)
        mix(String(answer.port))
        mix(answer.via?.rawValue ?? "-")
        mix(answer.address ?? "-")
        for hop in answer.hops { mix(hop) }
        mix("|")
        for rejection in answer.rejected {
            mix(rejection.via.rawValue)
            mix(rejection.reason.code.rawValue)
            mix(rejection.reason.message)
            mix(String(rejection.closeness.met))
            mix(String(rejection.closeness.unmet))
            mix(rejection.reason.fix ?? "-")
        }
        return FNV1a.hash(bytes)
    }

    @Test("every import's answers: an import naming a service the snapshot lacks is an error, not an import without answers")
    func allImportAnswersError() throws {
        var topology = F.base.importing("aks-b/backend/api", into: "aks-a", port: 80).topology
        let ghost = ImportID(consumer: Consumer(cluster: "aks-a"), service: ServiceID(cluster: "aks-b", namespace: "backend", name: "ghost"))
        topology.imports[ghost] = ServiceImport(id: ghost)
        #expect(throws: CrosslinkError.self) { try RouteEngine(topology: topology).allImportAnswers() }
    }

    @Test("fingerprints equal the plain definition, so stored rows stay comparable")
    func matchesPlainDefinition() throws {
        var answers = try RouteEngine(
            topology: F.base.tunnel("aks-a", "aks-b").importing("aks-b/backend/api", into: "aks-a")
                .importing("aks-b/backend/api", into: "aks-far", port: 80).importing("aks-b/backend/api", into: "aks-b").topology
        ).allImportAnswers()
        #expect(answers.count >= 3)
        let odd = RouteAnswer(
            consumer: Consumer(cluster: "aks-ü", namespace: "n"), service: ServiceID(cluster: "c", namespace: "", name: "s"),
            servicePort: 65535, port: 0, via: nil, address: nil, hops: [],
            rejected: [Rejection(via: .mesh, reason: RouteReason(.noMeshLink, "line one\nline two, a long message past the small-string size é"))])
        answers.append(odd)
        answers.append(
            RouteAnswer(
                consumer: Consumer(cluster: "a"), service: ServiceID(cluster: "b", namespace: "c", name: "d"), servicePort: 1, port: 10,
                via: .local, address: "d", hops: ["a"], rejected: []))
        for answer in answers {
            #expect(answer.fingerprint == Self.plainFingerprint(answer), "\(answer.key)")
        }
        #expect(Set(answers.map(\.fingerprint)).count == answers.count)
    }
}
