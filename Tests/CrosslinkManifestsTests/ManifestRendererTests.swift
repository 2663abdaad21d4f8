import CrosslinkCore
import CrosslinkManifests
import Testing
import Yams

@Suite struct ManifestRendererTests {
    static let hostile = [
        "plain",
        "quote\" and 'single'",
        "line one\nkind: Secret\nstringData: {a: b}",
        "colon: value # comment",
        "- list item",
        "---",
        "true",
        "y",
        "0x1F",
        "~",
        "&anchor *alias !tag %directive @at `tick`",
        "tab\tand \\ backslash \u{7} bell",
        "ünïcødé ✓",
        "",
        " leading and trailing ",
    ]

    @Test("user text in names and annotations reads back as exactly itself", arguments: hostile)
    func noInjection(text: String) throws {
        let metadata = ObjectMetadata(
            name: text, namespace: text, labels: ["crosslink.io/x": text], annotations: [text: text, "crosslink.io/imports": text])
        let document = ManifestDocument(cluster: "aks-a", object: .serviceExport(ServiceExport(metadata: metadata)))
        let yaml = ManifestRenderer.yaml(document)
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(Set(loaded.keys) == ["apiVersion", "kind", "metadata"])
        #expect(loaded["kind"] as? String == "ServiceExport")
        let meta = try #require(loaded["metadata"] as? [String: Any])
        #expect(Set(meta.keys) == ["name", "namespace", "labels", "annotations"])
        #expect(meta["name"] as? String == text)
        #expect(meta["namespace"] as? String == text)
        #expect((meta["labels"] as? [String: Any])?["crosslink.io/x"] as? String == text)
        let annotations = try #require(meta["annotations"] as? [String: Any])
        #expect(annotations.count == (text == "crosslink.io/imports" ? 1 : 2))
        #expect(annotations[text] as? String == text)
        // One document: nothing in the text can open another.
        #expect(try Array(Yams.load_all(yaml: yaml)).count == 1)
    }

    @Test("a stream is documents separated by ---, in the order given")
    func stream() throws {
        let documents = ManifestPlanner.documents(for: Scenario.allAnswers, in: Scenario.topology)
        let stream = ManifestRenderer.yamlStream(documents)
        let loaded = try Array(Yams.load_all(yaml: stream))
        #expect(loaded.count == documents.count)
        #expect(ManifestRenderer.yamlStream([]) == "")
        #expect(stream == documents.map { "---\n" + ManifestRenderer.yaml($0) }.joined())
    }
}
