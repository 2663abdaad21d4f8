import CrosslinkCore
import CrosslinkGenerator
import CrosslinkManifests
import CrosslinkStore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs every measurement for one estate size.
struct Benchmark {
    let clusters: Int
    let options: Options

    func run() throws -> BenchmarkRow {
        let directory = scratchDirectory()
        defer { removeTree(directory) }
        var generator = try EstateGenerator(
            clusters: clusters, servicesPerCluster: options.servicesPerCluster, importsPerCluster: options.importsPerCluster, seed: 1)
        generator.trafficControls = options.firewalls
        let estate = generator.topology()
        var row = BenchmarkRow(clusters: clusters, services: estate.services.count, imports: estate.imports.count)

        // 1. apply vs raw insert, each into a fresh database.
        var applyTimes: [Double] = [], rawTimes: [Double] = []
        for repetition in 0..<options.repetitions {
            let path = "\(directory)/apply-\(repetition).db"
            let store = try Store(path: path)
            applyTimes.append(try time { try store.update { $0 = estate } })
            row.rows = try store.rowCount()
            rawTimes.append(try RawSQLiteBaseline.insert(rows: row.rows, path: "\(directory)/raw-\(repetition).db"))
        }
        row.applySeconds = median(applyTimes)
        row.rawInsertSeconds = median(rawTimes)

        guard
            options.phases.contains("reconcile") || options.phases.contains("incremental") || options.phases.contains("check")
                || options.phases.contains("manifests")
        else { return row }
        // 2. full reconcile vs the raw floor (scan the input rows, insert one row per result).
        let path = "\(directory)/apply-0.db"
        let store = try Store(path: path)
        var reconcileTimes: [Double] = [], floorTimes: [Double] = []
        for _ in 0..<options.repetitions {
            try store.clearRoutes()
            reconcileTimes.append(
                try time {
                    row.routes = try store.reconcile(full: true).recomputed
                })
            floorTimes.append(try RawSQLiteBaseline.scanAndInsert(path: path, results: row.routes).seconds)
        }
        row.reconcileSeconds = median(reconcileTimes)
        row.reconcileFloorSeconds = median(floorTimes)
        // The memory a user sees: `crosslink reconcile --full` as its own process, measured by
        // /usr/bin/time (a child spawned from this large process would report this one's pages too).
        row.reconcileProcessRSSMiB = peakRSSOfProcess([options.binary, "reconcile", "--full", "--db", path], scratch: directory)

        guard options.phases.contains("incremental") || options.phases.contains("check") || options.phases.contains("manifests") else {
            row.peakRSSMiB = peakResidentMiB()
            return row
        }
        // 3. incremental reconcile after one change.
        let peering = estate.peerings.keys.sorted()[estate.peerings.count / 2]
        try store.update { $0.peerings[peering]?.state = .disconnected }
        var record: ReconcileRecord?
        row.incrementalPeeringSeconds = try time { record = try store.reconcile() }
        row.incrementalPeeringRecomputed = record?.recomputed ?? 0
        row.incrementalPeeringRows = record?.rowsWritten ?? 0
        let newService = ServiceID(cluster: EstateGenerator.clusterName(0), namespace: "ns-new", name: "svc-new")
        try store.update { topology in
            topology.services[newService] = Service(id: newService, ports: [ServicePort(name: "http", port: 80)])
            let id = ImportID(consumer: Consumer(cluster: EstateGenerator.clusterName(1 % clusters), namespace: "app-new"), service: newService)
            topology.imports[id] = ServiceImport(id: id)
        }
        row.incrementalServiceSeconds = try time { record = try store.reconcile() }
        row.incrementalServiceRecomputed = record?.recomputed ?? 0
        row.incrementalServiceRows = record?.rowsWritten ?? 0

        // 4. route check: in-process (open, load, answer) and as a cold process.
        let sample = estate.imports.keys.sorted().prefix(50)
        var checks: [Double] = []
        for id in sample {
            checks.append(
                try time {
                    // What `route check` does: open, load the routing slice, answer.
                    let topology = try Store(path: path).loadTopology(scope: .routing(consumer: id.consumer.cluster, service: id.service))
                    _ = try RouteEngine(topology: topology).answer(consumer: id.consumer, service: id.service, port: nil, via: .auto)
                } * 1000)
        }
        row.checkP50Milliseconds = median(checks)
        row.checkP99Milliseconds = percentile(checks, 0.99)
        if let first = sample.first {
            var cold: [Double] = []
            for _ in 0..<options.repetitions {
                cold.append(
                    time {
                        runProcess([options.binary, "route", "check", first.consumer.description, first.service.description, "--db", path])
                    } * 1000)
            }
            row.coldCheckMilliseconds = median(cold)
        }

        // 5. manifest emission.
        let topology = try store.loadTopology()
        let answers = try RouteEngine(topology: topology).allImportAnswers()
        var documents: [ManifestDocument] = []
        var manifestTimes: [Double] = []
        for _ in 0..<options.repetitions {
            manifestTimes.append(
                time {
                    documents = ManifestPlanner.documents(for: answers, in: topology)
                    _ = ManifestRenderer.yamlStream(documents)
                })
        }
        row.manifestDocuments = documents.count
        row.manifestSeconds = median(manifestTimes)
        row.peakRSSMiB = peakResidentMiB()
        return row
    }
}

/// The peak RSS in MiB of a command run under /usr/bin/time, or 0 when that tool is missing.
func peakRSSOfProcess(_ arguments: [String], scratch: String) -> Double {
    let report = "\(scratch)/rss.txt"
    guard access("/usr/bin/time", X_OK) == 0 else { return 0 }
    runProcess(["/usr/bin/time", "-f", "%M", "-o", report] + arguments)
    guard let file = fopen(report, "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 64)
    guard fgets(&line, Int32(line.count), file) != nil else { return 0 }
    return (Double(String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).filter(\.isNumber)) ?? 0) / 1024
}

/// Runs a command to completion with its standard output sent to `output` (discarded by default) and its
/// errors discarded; returns its exit status (-1 when it could not start).
@discardableResult
func runProcess(_ arguments: [String], output: String = "/dev/null") -> Int32 {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    defer { posix_spawn_file_actions_destroy(&actions) }
    guard posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    // WIFEXITED / WEXITSTATUS, which Swift does not import.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
}
