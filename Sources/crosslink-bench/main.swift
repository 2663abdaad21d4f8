import CrosslinkCore
import CrosslinkGenerator
import CrosslinkManifests
import CrosslinkStore

#if canImport(Glibc)
    import Glibc
#endif

/// crosslink-bench: measures apply, reconcile (full and incremental), route check and manifest
/// emission at fleet scale, against raw SQLite floors measured in the same run. See docs/benchmarks.md.
///
///     swift run -c release crosslink-bench [--clusters 100,1000,10000] [--repeat 3] [--json FILE]
struct Options {
    var sizes = [100, 1_000]
    var repetitions = 3
    var servicesPerCluster = 50
    var importsPerCluster = 100
    var jsonPath: String?
    var binary = "./.build/release/crosslink"
    /// Which measurements to run (all by default): apply, reconcile, incremental, check, manifests, and
    /// everyday (the read and write commands users run, as whole processes; see EverydayBenchmark); writes
    /// (registration writes and `show`, asked for by name: see WritesBenchmark).
    var phases: Set<String> = ["apply", "reconcile", "incremental", "check", "manifests", "everyday"]
    /// Generate the landing-zone layer too (spec §8: hub firewalls, spoke route tables and NSGs).
    var firewalls = false
    /// An estate already applied and reconciled for the `writes` phase, which works on a copy of it.
    var databasePath: String?

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            func value() throws -> String {
                guard let next = iterator.next() else { throw CrosslinkError(.invalidValue, "\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--clusters": sizes = try value().split(separator: ",").map { Int($0) ?? 0 }
            case "--repeat": repetitions = max(1, Int(try value()) ?? 3)
            case "--services-per-cluster": servicesPerCluster = Int(try value()) ?? 50
            case "--imports-per-cluster": importsPerCluster = Int(try value()) ?? 100
            case "--json": jsonPath = try value()
            case "--binary": binary = try value()
            case "--phases": phases = Set(try value().split(separator: ",").map(String.init))
            case "--firewalls": firewalls = true
            case "--database": databasePath = try value()
            case "--help", "-h":
                print(
                    "usage: crosslink-bench [--clusters 100,1000,10000] [--repeat N] [--services-per-cluster N] [--imports-per-cluster N] [--json FILE] [--binary PATH] [--phases apply,reconcile,incremental,check,manifests,everyday,writes] [--firewalls] [--database FILE]"
                )
                exit(0)
            default: throw CrosslinkError(.invalidValue, "unknown argument \(argument)")
            }
        }
    }
}

do {
    let options = try Options(CommandLine.arguments)
    var rows: [BenchmarkRow] = []
    var everyday: [String] = []
    for size in options.sizes {
        if !options.phases.subtracting(["everyday", "writes"]).isEmpty {
            let row = try Benchmark(clusters: size, options: options).run()
            rows.append(row)
            print(row.table)
        }
        if options.phases.contains("everyday") {
            let figures = EverydayBenchmark(clusters: size, options: options).run()
            everyday.append(EverydayBenchmark.json(clusters: size, figures))
            print(EverydayBenchmark.table(clusters: size, figures))
        }
        if options.phases.contains("writes") {
            let figures = WritesBenchmark(clusters: size, options: options).run()
            everyday.append(EverydayBenchmark.json(clusters: size, figures))
            print(EverydayBenchmark.table(clusters: size, figures))
        }
    }
    if let path = options.jsonPath {
        let json = "[" + (rows.map(\.json) + everyday).joined(separator: ",\n ") + "]\n"
        guard let file = fopen(path, "w") else { throw CrosslinkError(.io, "cannot write \(path)") }
        fputs(json, file)
        fclose(file)
    }
    print(rows.map(\.summary).joined(separator: " | "))
} catch {
    print("crosslink-bench: \(error)")
    exit(1)
}
