import CrosslinkCore
import CrosslinkManifests
import Testing

@Suite struct ManifestGoldenTests {
    @Test("each path kind's manifests match the golden file", arguments: Scenario.cases.map(\.name))
    func pathCase(name: String) throws {
        let answers = try #require(Scenario.cases.first { $0.name == name }).answers
        let documents = ManifestPlanner.documents(for: answers, in: Scenario.topology)
        try GoldenFile.check(ManifestRenderer.yamlStream(documents), against: "\(name).yaml")
    }

    @Test("every route at once, merged per object")
    func everything() throws {
        let documents = ManifestPlanner.documents(for: Scenario.allAnswers, in: Scenario.topology)
        try GoldenFile.check(ManifestRenderer.yamlStream(documents), against: "all.yaml")
    }
}
