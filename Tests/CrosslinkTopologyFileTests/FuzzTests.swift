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

    /// The file the mutations start from; a missing or moved example fails the test instead of
    /// fuzzing an empty string.
    static func seedText() throws -> String {
        let url = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Bytes YAML and our grammar care about, plus a few hostile ones.
    static let interesting: [UInt8] = Array(":-[]{},&*!|>'\"#%@`\n\t /.0123456789abcxyz\u{0}".utf8) + [0xFF, 0xC3]

    /// A decoding error names the file and where: `fuzz:LINE:` or `fuzz:LINE:COLUMN:`, except for a
    /// file with no document at all, which has no place to point at.
    static func hasPlace(_ message: String) -> Bool {
        if message.hasPrefix("fuzz: the file is empty") { return true }
        return message.range(of: #"^fuzz:[0-9]+(:[0-9]+)?: \S"#, options: .regularExpression) != nil
    }

    @Test("mutated topology files: each decodes to a topology that survives export, or is refused on one line with a place", arguments: 0..<8)
    func topologyMutations(seed: Int) throws {
        var random = Generator(seed: UInt64(seed) &* 7919 &+ 1)
        let seedText = try Self.seedText()
        try #require(seedText.utf8.count > 1_000 && seedText.contains("kind: Topology"), "the seed is not the example topology")
        var bytes = Array(seedText.utf8)
        var outcomes = (valid: 0, invalid: 0, refused: 0)
        for round in 0..<150 {
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
            let replay = "seed \(seed), round \(round)"
            var decodedThisRound = false
            do {
                let decoded = try TopologyDecoder.decode(text, source: "fuzz")
                decodedThisRound = true
                // Whatever decodes is a real snapshot: exporting it reads back as the same snapshot.
                let exported = try TopologyEncoder.encode(decoded)
                #expect(try TopologyDecoder.decode(exported, source: "export") == decoded, "\(replay): export does not read back")
                var topology = decoded
                topology.fillDefaultRegions()
                do {
                    try topology.validate()
                    outcomes.valid += 1
                } catch let error as CrosslinkError {
                    // Validation looks at the whole estate, so its one line names objects, not a place.
                    #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(replay): \(error.message)")
                    outcomes.invalid += 1
                }
            } catch let error as CrosslinkError {
                #expect(!error.message.contains("\n"), "\(replay): \(error.message)")
                #expect(Self.hasPlace(error.message), "\(replay): no place in \(error.message.prefix(200))")
                #expect(error.message.utf8.count < 1_000, "\(replay): \(error.message.utf8.count)-byte message")
                outcomes.refused += 1
            } catch {
                Issue.record("\(replay): not a CrosslinkError: \(error)")
            }
            // Wander away from the seed now and then, but only to a file that still decodes: from a broken
            // one every later mutation would be refused by the parser and the decoder never reached.
            let wander = random.below(3) == 0
            if wander && decodedThisRound { bytes = mutated }
        }
        print("fuzz seed \(seed): \(outcomes.valid) valid, \(outcomes.invalid) decoded but invalid, \(outcomes.refused) refused")
        // The mutations must reach both sides of the decoder, or the run tested nothing.
        #expect(outcomes.refused > 0 && outcomes.valid + outcomes.invalid > 0)
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
