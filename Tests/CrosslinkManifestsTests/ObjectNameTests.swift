import CrosslinkCore
import CrosslinkManifests
import CrosslinkTestSupport
import Testing

/// Spec §7.16: two different objects of one kind in one namespace of one cluster never share a name.
@Suite struct ObjectNameTests {
    @Test("parts that join to the same text get different names (issue 11, item 5)")
    func ambiguousJoins() {
        let first = ObjectName.derive("aks", "neu-payments", "payments-api")
        let second = ObjectName.derive("aks-neu", "payments", "payments-api")
        #expect(first != second)
        #expect(first.hasPrefix("crosslink-aks-neu-payments-payments-api-"))
        #expect(ObjectName.derive("a", "", "b") != ObjectName.derive("a", "b"))
        // Deterministic: the same identity, the same name, in every run.
        #expect(ObjectName.derive("aks", "neu-payments", "payments-api") == first)
    }

    @Test(
        "a join that splits back into its parts stays plain",
        arguments: [(["backend-service"], "crosslink-backend-service"), (["ingress", "api-example"], "crosslink-ingress-api-example")])
    func plainNames(parts: [String], expected: String) {
        #expect(ObjectName.derive(parts) == expected)
    }

    @Test("a plain name never looks like a hashed one")
    func hashShapedInput() throws {
        let hashed = ObjectName.derive("ingress", "api.example.com")
        let suffix = try #require(hashed.split(separator: "-").last)
        // Text that happens to end like a hash suffix is hashed itself, so it cannot equal `hashed`.
        let lookalike = ObjectName.derive("ingress", "api-example-com-\(suffix)")
        #expect(lookalike != hashed)
        #expect(lookalike.hasPrefix("crosslink-ingress-api-example-com-\(suffix)-"))
    }

    @Test("names that clean up alike, or are cut to length, stay distinct and valid")
    func cleanedAndCut() throws {
        #expect(ObjectName.derive("a.b") != ObjectName.derive("a-b"))
        let long = String(repeating: "x", count: 80)
        let names = [ObjectName.derive(long + "1"), ObjectName.derive(long + "2"), ObjectName.derive("aks", long, "b"), ObjectName.derive("aks-" + long, "b")]
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.utf8.count <= ObjectName.maximumLength)
            try NameRule.dns1123Label.check(name, field: "derived name")
        }
    }

    @Test("the issue's estate: every emitted object has its own kind, namespace, cluster and name")
    func issueEstate() {
        let mesh = MeshMembership(id: "mesh1", network: "net", trustRoot: "root")
        let topology = TopologyBuilder()
            .vnet("vnet", "10.0.0.0/8")
            .cluster("aks", in: "vnet", nodeSubnet: "10.1.0.0/16", mesh: mesh, isolated: ["neu-payments"])
            .cluster("aks-neu", in: "vnet", nodeSubnet: "10.2.0.0/16", mesh: mesh, isolated: ["payments"])
            .cluster("aks-c", in: "vnet", nodeSubnet: "10.3.0.0/16", mesh: mesh)
            .service("aks/neu-payments/payments-api")
            .service("aks-neu/payments/payments-api")
            .ingress("aks/neu-payments/payments-api", host: "pay.example.com")
            .ingress("aks-neu/payments/payments-api", host: "pay-example.com")
            .topology
        var answers: [RouteAnswer] = []
        for service in ["aks/neu-payments/payments-api", "aks-neu/payments/payments-api"] {
            for via in [PathKind.mesh, .tunnel, .ingress] {
                answers.append(Scenario.answer("aks-c/web", service, 80, via: via))
                answers.append(Scenario.answer("aks-c", service, 80, via: via))
            }
        }
        let documents = ManifestPlanner.documents(for: answers, in: topology)
        let identities = documents.map { "\($0.cluster)/\($0.namespace)/\($0.kind)/\($0.name)" }
        #expect(Set(identities).count == identities.count)
        #expect(Set(documents.map(\.relativePath)).count == documents.count)
        #expect(documents.filter { $0.kind == "ServiceEntry" }.count == 4)
    }
}
