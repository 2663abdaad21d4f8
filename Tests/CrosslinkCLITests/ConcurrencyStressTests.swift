import CrosslinkCore
import CrosslinkTestSupport
import CrosslinkTopologyFile
import Foundation
import Testing

/// Writers and readers from many processes at once on one database, each doing a fixed number of
/// operations: every write is acknowledged and lands, no "database is locked" reaches the user,
/// every read is a consistent snapshot. Prints the figures docs/reliability.md reports.
@Suite(.serialized) struct ConcurrencyStressTests {
    final class Tally: @unchecked Sendable {
        // Guarded by `lock`; the worker threads only append.
        private let lock = NSLock()
        private(set) var acknowledged: [String] = []
        private(set) var removed: [String] = []
        private(set) var failures: [String] = []
        private(set) var reads = 0
        private(set) var inconsistent: [String] = []

        func record(_ body: (Tally) -> Void) { lock.lock(); body(self); lock.unlock() }
        func acknowledge(_ name: String) { record { $0.acknowledged.append(name) } }
        func remove(_ name: String) { record { $0.removed.append(name) } }
        func fail(_ text: String) { record { $0.failures.append(text) } }
        func read(consistent: Bool, _ text: String) {
            record {
                $0.reads += 1; if !consistent { $0.inconsistent.append(text) }
            }
        }
    }

    /// Operations per writer: a third registrations, a third applies, a third removals.
    static let writesPerWriter = 30
    /// Rounds per reader: `export` for even readers, `route check` and `routes` for odd ones.
    static let roundsPerReader = 12

    @Test("8 writers and 4 readers, a fixed number of operations each: every write lands, nothing locked, snapshots consistent")
    func stress() throws {
        let cli = try CrosslinkProcess()
        let seed = CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/multi-cluster.yaml").path
        #expect(try cli.run(["apply", "-f", seed]).status == 0)
        let tally = Tally()
        let group = DispatchGroup()

        for writer in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                for index in 1...Self.writesPerWriter {
                    let name = "w\(writer)-\(index)"
                    let octet = (writer * 31 + index) % 250
                    do {
                        // Alternate: a registration, an apply of a small file, and a removal.
                        let result: CrosslinkProcess.Result
                        switch index % 3 {
                        case 0:
                            result = try cli.run(["vnet", "add", name, "--region", "westeurope", "--address-space", "172.\(16 + writer).\(octet).0/24"])
                        case 1:
                            let file =
                                "apiVersion: crosslink.io/v1alpha1\nkind: Topology\nvnets: [{name: \(name), region: westeurope, addressSpace: [172.\(16 + writer).\(octet).0/24]}]\n"
                            result = try cli.run(["apply", "-f", "-"], stdin: file)
                        default:
                            let previous = "w\(writer)-\(index - 1)"
                            result = try cli.run(["vnet", "remove", previous])
                            if result.status == 0 { tally.remove(previous) } else { tally.fail("\(previous): \(result.stderr)") }
                            continue
                        }
                        if result.status == 0 { tally.acknowledge(name) } else { tally.fail("\(name): \(result.stderr)") }
                    } catch {
                        tally.fail("\(name): \(error)")
                    }
                }
            }.start()
        }
        for reader in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                for _ in 0..<Self.roundsPerReader {
                    do {
                        if reader % 2 == 0 {
                            let export = try cli.run(["export"])
                            guard export.status == 0 else { tally.fail("export: \(export.stderr)"); continue }
                            // A consistent snapshot decodes and validates as a whole estate.
                            var topology = try TopologyDecoder.decode(export.stdout, source: "export")
                            topology.fillDefaultRegions()
                            let valid = (try? topology.validate()) != nil && topology.clusters.count == 4
                            tally.read(consistent: valid, export.stdout.prefix(80).description)
                        } else {
                            let check = try cli.run(["route", "check", "aks-batch/reporting", "aks-neu/orders/orders-api", "-o", "json"])
                            tally.read(consistent: check.status == 0 && check.stdout.contains("\"via\": \"tunnel\""), check.stderr)
                            let routes = try cli.run(["routes", "-o", "json"])
                            tally.read(consistent: routes.status == 0 && routes.stdout.hasPrefix("["), routes.stderr)
                        }
                    } catch {
                        tally.fail("reader: \(error)")
                    }
                }
            }.start()
        }
        group.wait()

        let stored = Set(
            try cli.run(["vnet", "list", "-o", "json"]).stdout
                .components(separatedBy: "\"name\": \"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
        let expected = Set(tally.acknowledged).subtracting(tally.removed)
        let lost = expected.subtracting(stored)
        let resurrected = Set(tally.removed).intersection(stored)
        print(
            "concurrency: \(tally.acknowledged.count + tally.removed.count) writes acknowledged, \(tally.reads) reads, \(tally.failures.count) failed, \(lost.count) lost, \(tally.inconsistent.count) inconsistent reads"
        )
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(3))")
        #expect(!tally.failures.contains { $0.contains("locked") })
        #expect(lost.isEmpty && resurrected.isEmpty)
        #expect(tally.inconsistent.isEmpty, "\(tally.inconsistent.prefix(2))")
        // Every operation was acknowledged: 2 of 3 of each writer's add a VNet, 1 of 3 remove the one before.
        #expect(tally.acknowledged.count == 8 * Self.writesPerWriter * 2 / 3 && tally.removed.count == 8 * Self.writesPerWriter / 3)
        #expect(expected.count == 8 * Self.writesPerWriter / 3 && stored.filter { $0.hasPrefix("w") } == expected)
        #expect(tally.reads == 2 * Self.roundsPerReader + 2 * 2 * Self.roundsPerReader)
        #expect(try integrityCheck(cli.database) == "ok")
    }
}
