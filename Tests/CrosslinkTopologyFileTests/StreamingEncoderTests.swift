import CrosslinkCore
import CrosslinkGenerator
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

/// The streaming YAML writer must give Yams' bytes exactly: `export` and `generate` files are kept and
/// compared by users, and the round-trip tests pin their format.
@Suite struct StreamingEncoderTests {
    @Test(
        "export streams the bytes Yams writes for generated estates",
        arguments: [(1, 1, false), (7, 3, false), (120, 1, false), (60, 9, true), (130, 4, true)])
    func generatedEstates(clusters: Int, seed: UInt64, firewalls: Bool) throws {
        var generator = try EstateGenerator(clusters: clusters, seed: seed)
        generator.trafficControls = firewalls
        let topology = generator.topology()
        let streamed = try TopologyEncoder.encode(topology)
        #expect(streamed == (try TopologyEncoder.structuredValue(topology).yamlThroughYams()))
        var json = ""
        TopologyEncoder.encodeJSON(topology, to: &json)
        #expect(json == TopologyEncoder.structuredValue(topology).json() + "\n")
    }

    @Test("export streams the bytes Yams writes for the shipped examples", arguments: ["cluster-gen", "multi-cluster", "corrections", "firewall-hub"])
    func examples(name: String) throws {
        let url = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/\(name).yaml")
        var topology = try TopologyDecoder.decode(try String(contentsOf: url, encoding: .utf8), source: url.path)
        topology.fillDefaultRegions()
        let streamed = try TopologyEncoder.encode(topology)
        #expect(streamed == (try TopologyEncoder.structuredValue(topology).yamlThroughYams()))
        #expect(streamed.count > 500)
    }

    /// Strings that YAML reads as something else, or that libyaml must quote, or cannot write plain or
    /// single-quoted (those the writer hands to Yams).
    static let awkward: [String] = [
        "", " ", "  ", "a ", " a", "yes", "No", "ON", "off", "y", "n", "Y", "True", "FALSE", "~", "null", "Null", "NULL", "nul",
        "1", "-1", "+1", "0", "007", "1_000", "0b101", "0o17", "0x1F", "0xg", "1:20", "1:20.5", "1.0", "1.", ".5", "1e3", "1E+3",
        "1.2.3", "10.0.0.1", "10.0.0.0/8", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "<<", "=",
        ".inf", "-.Inf", ".NaN", ".nan.", "---", "...", "--", "-", "- a", "-a", "a-", ":", ":a", ": a", "a:", "a:b", "a: b", "a :b",
        "?", "?a", "? a", "a?", "#", "#a", "a#b", "a #b", "a# b", ",", ",a", "a,b", "[", "a[", "]", "{", "}", "{x}", "*", "*a",
        "&a", "!", "!x", "|", ">", "'", "'q'", "it's", "\"", "a\"b", "%", "@", "`", "a'b'c", "a  b", "tab\there", "line\nbreak",
        "trailing\n", "\nleading", "cr\rhere", "é", "日本", "naïve-name", "\u{2028}", "\u{7F}", "\u{1}", "emoji 🙂", "a\u{85}b",
        "\u{FEFF}bom", String(repeating: "k", count: 129), "internet", "none", "tcp", "TCP", "connected", "aks-1", "mesh-0",
    ]

    @Test("every awkward string, in every position, is written as Yams writes it")
    func awkwardStrings() throws {
        for text in Self.awkward {
            for value in Self.placements(of: text) {
                #expect(try value.yaml() == value.yamlThroughYams(), "\(text.debugDescription) in \(value)")
            }
        }
    }

    @Test("random strings in random shapes are written as Yams writes them")
    func randomValues() throws {
        var random = SplitMix64(seed: 13)
        let pieces = Array("ab yYnNtTeE019._:-+#,?[]{}*&!|>'\"%@`~<=\t\n/éx") + ["🙂", "\u{2028}", "\u{7F}"]
        for _ in 0..<400 {
            let text = String((0..<random.below(7)).map { _ in pieces[random.below(pieces.count)] })
            for value in Self.placements(of: text) {
                #expect(try value.yaml() == value.yamlThroughYams(), "\(text.debugDescription) in \(value)")
            }
        }
    }

    @Test("lists streamed item by item give the bytes of the whole list, in YAML and JSON")
    func streamedLists() throws {
        let lists: [[StructuredValue]] =
            [[], [.string("a")], [.string("a"), .string("yes")], [.string("a"), .int(1)], [.null, .bool(false), .list([])]]
            + Self.awkward.prefix(40).map { text in Self.placements(of: text) }
        for items in lists {
            var yaml = ""
            var writer = YAMLBlockWriter()
            try writer.writeList(count: items.count, item: { items[$0] }, to: &yaml)
            #expect(yaml == (items.isEmpty ? "[]\n" : try StructuredValue.list(items).yamlThroughYams()))
            var json = ""
            StructuredValue.writeJSONList(count: items.count, item: { items[$0] }, to: &json)
            #expect(json == StructuredValue.list(items).json())
        }
    }

    /// `text` as a key and a value of the root, in list items, in flow pairs and nested objects.
    static func placements(of text: String) -> [StructuredValue] {
        let string = StructuredValue.string(text)
        let object = StructuredValue.object([.init("name", string), .init(text, .int(1))])
        return [
            .object([.init(text, string)]),
            .object([.init("k", .list([string]))]),
            .object([.init(text, .list([string, .int(2)]))]),
            .object([.init("k", .list([string, .string("b")])), .init("n", .null), .init("e", .list([]))]),
            .list([string]),
            .list([string, string]),
            .list([object, .object([.init("inner", object), .init("pair", .list([.string("a"), string])), .init("x", .bool(true))])]),
            .object([.init("items", .list([object, .object([.init("deep", .list([object]))])]))]),
            .list([.list([string, .int(1)])]),
            .object([]), .list([]), string,
        ]
    }
}
