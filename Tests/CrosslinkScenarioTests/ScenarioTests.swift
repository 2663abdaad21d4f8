import CrosslinkCore
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing
import Yams

/// Runs every table-driven scenario in Tests/Scenarios (see its README).
@Suite struct ScenarioTests {
    struct Expectations: Decodable {
        var kind: String
        var checks: [Check]?
        /// The topology must be refused at registration with a message containing this text.
        var refused: String?
    }

    struct Check: Decodable {
        var consumer: String
        var service: String
        var port: Int?
        var via: String?
        var expect: Expected
    }

    struct Expected: Decodable {
        var routable: Bool
        var path: String?
        var address: String?
        var port: Int?
        var hops: [String]?
        var rejected: [String: String]?
        var reasons: [String: String]?
    }

    static let directory = CrosslinkProcess.repositoryRoot.appendingPathComponent("Tests/Scenarios")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("there are scenarios to run")
    func present() { #expect(Self.files.count >= 5) }

    @Test("scenario", arguments: files)
    func scenario(file: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        let parts = text.components(separatedBy: "\n---\n")
        try #require(parts.count == 2, "\(file): expected a topology and an Expectations document")
        // The first document is a topology, or `topologyFile: PATH` naming one relative to the repository.
        var source = parts[0]
        if let line = source.split(separator: "\n").first(where: { $0.hasPrefix("topologyFile:") }) {
            let path = line.dropFirst("topologyFile:".count).trimmingCharacters(in: .whitespaces)
            source = try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        }
        var topology = try TopologyDecoder.decode(source, source: file)
        topology.fillDefaultRegions()
        let expectations = try YAMLDecoder().decode(Expectations.self, from: parts[1])
        try #require(expectations.kind == "Expectations")
        if let refused = expectations.refused {
            do {
                try topology.validate()
                Issue.record("\(file): accepted, expected a refusal containing \(refused)")
            } catch let error as CrosslinkError {
                #expect(error.message.contains(refused), "\(file): refused with \(error.message)")
            }
            return
        }
        try topology.validate()
        let engine = RouteEngine(topology: topology)
        for check in expectations.checks ?? [] {
            let label = "\(file): \(check.consumer) -> \(check.service)\(check.port.map { ":\($0)" } ?? "")"
            let answer = try engine.answer(
                consumer: try Consumer.parse(check.consumer, field: "consumer"), service: try ServiceID.parse(check.service, field: "service"),
                port: check.port, via: try ImportVia.parse(check.via ?? "auto", field: "via"))
            let expected = check.expect
            #expect(answer.isRoutable == expected.routable, "\(label): routable \(answer.isRoutable), rejected \(answer.rejected)")
            if let path = expected.path { #expect(answer.via?.rawValue == path, "\(label): via \(String(describing: answer.via))") }
            if let address = expected.address { #expect(answer.address == address, "\(label)") }
            if let port = expected.port { #expect(answer.port == port, "\(label)") }
            if let hops = expected.hops { #expect(answer.hops == hops, "\(label): hops \(answer.hops)") }
            if let rejected = expected.rejected {
                let actual = Dictionary(uniqueKeysWithValues: answer.rejected.map { ($0.via.rawValue, $0.reason.code.rawValue) })
                #expect(actual == rejected, "\(label): rejected \(actual)")
            }
            for (kind, text) in expected.reasons ?? [:] {
                let message = answer.rejected.first { $0.via.rawValue == kind }?.reason.message ?? "(not rejected)"
                #expect(message.contains(text), "\(label): \(kind) reason was: \(message)")
            }
        }
    }
}
