import CrosslinkCore
import CrosslinkGenerator
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

/// Seeded random testing of the parsers: whatever the input, they return a value or throw a
/// `CrosslinkError`; they never crash or hang. Deterministic per seed, so a failure replays.
@Suite struct FuzzTests {
    typealias Generator = SplitMix64

    static let seedText: String = {
        let url = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// Bytes YAML and our grammar care about, plus a few hostile ones.
    static let interesting: [UInt8] = Array(":-[]{},&*!|>'\"#%@`\n\t /.0123456789abcxyz\u{0}".utf8) + [0xFF, 0xC3]

    @Test("mutated topology files never crash the decoder", arguments: 0..<8)
    func topologyMutations(seed: Int) {
        var random = Generator(seed: UInt64(seed) &* 7919 &+ 1)
        var bytes = Array(Self.seedText.utf8)
        var outcomes = (decoded: 0, refused: 0)
        for _ in 0..<150 {
            var mutated = bytes
            for _ in 0..<(1 + random.below(6)) {
                let position = random.below(mutated.count)
                switch random.below(4) {
                case 0: mutated[position] = Self.interesting[random.below(Self.interesting.count)]
                case 1: mutated.remove(at: position)
                case 2: mutated.insert(Self.interesting[random.below(Self.interesting.count)], at: position)
                default:
                    // Duplicate or drop a whole line.
                    let end = mutated[position...].firstIndex(of: 10) ?? mutated.count
                    let start = mutated[..<position].lastIndex(of: 10).map { $0 + 1 } ?? 0
                    if random.below(2) == 0 { mutated.removeSubrange(start..<end) } else { mutated.insert(contentsOf: mutated[start..<end] + [10], at: start) }
                }
            }
            let text = String(decoding: mutated, as: UTF8.self)
            do {
                var topology = try TopologyDecoder.decode(text, source: "fuzz")
                topology.fillDefaultRegions()
                _ = try? topology.validate()
                outcomes.decoded += 1
            } catch let error as CrosslinkError {
                #expect(!error.message.contains("\n"))
                outcomes.refused += 1
            } catch {
                Issue.record("not a CrosslinkError: \(error)")
            }
            if random.below(10) == 0 { bytes = mutated }  // wander away from the seed now and then
        }
        #expect(outcomes.decoded + outcomes.refused == 150)
    }

    @Test("random strings never crash the CIDR, address and name parsers", arguments: 0..<4)
    func scalarParsers(seed: Int) throws {
        var random = Generator(seed: UInt64(seed) &+ 99)
        let alphabet = Array("0123456789./:-abcXYZ \u{0}\n٣".unicodeScalars)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<random.below(24) { text.unicodeScalars.append(alphabet[random.below(alphabet.count)]) }
            if let cidr = try? CIDR.parse(text, field: "f") {
                // Whatever parses prints back canonically and re-parses to itself.
                #expect(try CIDR.parse(cidr.description, field: "f") == cidr)
                #expect(cidr.description == text)
            }
            _ = IPv4Address(text)
            _ = try? NameRule.dns1123Label.check(text, field: "f")
            _ = try? ServiceID.parse(text, field: "f")
            _ = try? Consumer.parse(text, field: "f")
        }
    }

    @Test("every canonical CIDR round-trips", arguments: 0..<2)
    func cidrRoundTrip(seed: Int) throws {
        var random = Generator(seed: UInt64(seed) &+ 5)
        for _ in 0..<5_000 {
            let prefix = random.below(33)
            let cidr = CIDR(containing: IPv4Address(value: UInt32(truncatingIfNeeded: random.next())), prefixLength: prefix)
            let parsed = try CIDR.parse(cidr.description, field: "f")
            #expect(parsed == cidr && parsed.contains(cidr.network) && parsed.contains(cidr.broadcast))
            #expect(parsed.overlaps(cidr) && cidr.intersection(parsed) == cidr)
        }
    }
}
