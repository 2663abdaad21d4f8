import CrosslinkTestSupport
import Foundation
import Testing

/// Issue 15 item 9 through the binary: region names checked against Azure's list, overlapping VNets and
/// shared node subnets warned about (stderr only, exit codes and standard output unchanged).
@Suite struct AddressPlanCommandTests {
    static let header = "apiVersion: crosslink.io/v1alpha1\nkind: Topology\n"

    @Test("vnet add --region west-europe: one line naming westeurope, exit 1, no database created")
    func regionFlag() throws {
        let cli = try CrosslinkProcess()
        let result = try cli.run(["vnet", "add", "v", "--region", "west-europe", "--address-space", "10.1.0.0/16"])
        #expect(result.status == 1 && result.stderr == "error: vnet v: unknown region 'west-europe'; did you mean 'westeurope'?\n")
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("cluster add and set, vnet set: the region flag is checked the same way and nothing changes")
    func regionFlagsOnOtherCommands() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let before = try cli.run(["export"]).stdout
        let cases: [[String]] = [
            ["cluster", "add", "c", "--vnet", "vnet-weu", "--node-subnet", "10.10.64.0/20", "--network-plugin", "azure-cni", "--region", "northeurop"],
            ["cluster", "set", "aks-weu", "--region", "north-europe"],
            ["vnet", "set", "vnet-weu", "--region", "North Europe"],
        ]
        for arguments in cases {
            let result = try cli.run(arguments)
            #expect(
                result.status == 1 && result.stderr.hasSuffix("unknown region '\(arguments.last ?? "")'; did you mean 'northeurope'?\n"), "\(result.stderr)")
        }
        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test("apply of a file with a mistyped region: file:line:col, exit 1, the database unchanged")
    func regionInFile() throws {
        let cli = try CrosslinkProcess.withExample("multi-cluster")
        let before = try cli.run(["export"]).stdout
        let file = Self.header + "vnets:\n  - name: vnet-new\n    region: west-europe\n    addressSpace: [10.99.0.0/16]\n"
        let result = try cli.run(["apply", "-f", "-"], stdin: file)
        #expect(result.status == 1 && result.stderr == "error: <stdin>:5:13: vnet vnet-new: unknown region 'west-europe'; did you mean 'westeurope'?\n")
        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test("an overlapping VNet is accepted with one warning line; -o json and the exit code are as without it")
    func overlapWarns() throws {
        let cli = try CrosslinkProcess()
        #expect(try cli.run(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"]).stderr.isEmpty)
        let result = try cli.run(["vnet", "add", "vnet-b", "--region", "westeurope", "--address-space", "10.1.128.0/20"])
        #expect(result.status == 0 && result.stdout == "vnet vnet-b created\n")
        #expect(
            result.stderr
                == "warning: vnet vnet-b: address space 10.1.128.0/20 overlaps vnet vnet-a's 10.1.0.0/16; Azure allows it, but these two VNets can never be peered\n"
        )
        let list = try cli.run(["vnet", "list", "-o", "json"])
        #expect(list.status == 0 && list.stderr.isEmpty && list.stdout.contains("vnet-b"))
        // A write that does not touch either VNet stays quiet about their overlap.
        #expect(try cli.run(["vnet", "add", "vnet-c", "--region", "westeurope", "--address-space", "10.2.0.0/16"]).stderr.isEmpty)
        // Peering them later is what breaks, as the warning says.
        #expect(try cli.run(["peering", "add", "vnet-a", "vnet-b"]).status == 1)
    }

    @Test("two clusters on one node subnet: the second warns, both are stored")
    func sharedNodeSubnet() throws {
        let cli = try CrosslinkProcess()
        #expect(try cli.run(["vnet", "add", "vnet-a", "--region", "westeurope", "--address-space", "10.1.0.0/16"]).status == 0)
        let add = ["--vnet", "vnet-a", "--node-subnet", "10.1.0.0/20", "--network-plugin", "azure-cni-overlay"]
        #expect(try cli.run(["cluster", "add", "aks-1"] + add).stderr.isEmpty)
        let result = try cli.run(["cluster", "add", "aks-2"] + add)
        #expect(result.status == 0 && result.stdout == "cluster aks-2 created\n")
        #expect(result.stderr.hasPrefix("warning: cluster aks-2: shares node subnet 10.1.0.0/20 with cluster aks-1 in vnet vnet-a; AKS allows it"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let moved = try cli.run(["cluster", "set", "aks-2", "--node-subnet", "10.1.16.0/20"])
        #expect(moved.status == 0 && moved.stderr.isEmpty)
    }

    @Test("apply of many overlapping VNets prints ten warnings and a count of the rest, exit 0")
    func summarised() throws {
        let cli = try CrosslinkProcess()
        let vnets = (0..<25).map { "  - {name: vnet-\($0), region: westeurope, addressSpace: [10.0.0.0/16]}\n" }.joined()
        let result = try cli.run(["apply", "-f", "-"], stdin: Self.header + "vnets:\n" + vnets)
        #expect(result.status == 0 && result.stdout.hasPrefix("applied <stdin>: 25 created"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.prefix(10).allSatisfy { $0.hasPrefix("warning: vnet vnet-") })
        #expect(lines.last == "warning: … and 14 more like these")
        // Applying the same file again warns again: the file names them.
        #expect(try cli.run(["apply", "-f", "-"], stdin: Self.header + "vnets:\n" + vnets).stderr == result.stderr)
    }

    @Test("the shipped examples and a generated estate apply without warnings")
    func examplesAreQuiet() throws {
        for example in ["multi-cluster", "cluster-gen"] {
            let cli = try CrosslinkProcess()
            let result = try cli.run(["apply", "-f", CrosslinkProcess.repositoryRoot.appendingPathComponent("examples/\(example).yaml").path])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(example): \(result.stderr)")
        }
        let cli = try CrosslinkProcess()
        let estate = try cli.run(["generate", "--clusters", "120", "--firewalls"], useDatabase: false)
        #expect(estate.status == 0)
        let applied = try cli.run(["apply", "-f", "-"], stdin: estate.stdout)
        #expect(applied.status == 0 && applied.stderr.isEmpty, "\(applied.stderr)")
    }
}
