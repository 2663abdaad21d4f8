import CrosslinkGenerator

#if canImport(Glibc)
    import Glibc
#endif

/// The figures of one everyday command run as a whole process: median wall time and the largest peak RSS.
struct EverydayFigure {
    var name: String
    var milliseconds = 0.0
    var peakRSSMiB = 0.0
    var failures = 0
}

/// The `everyday` phase (issue 13): what users feel on a large estate. The estate is made the way a
/// user makes it, by processes of the release binary (`generate`, `apply`, `reconcile`), then each
/// command is timed as its own process under /usr/bin/time, which also reports its peak RSS.
struct EverydayBenchmark {
    let clusters: Int
    let options: Options

    func run() -> [EverydayFigure] {
        let directory = scratchDirectory()
        defer { removeTree(directory) }
        let database = "\(directory)/everyday.db"
        let estate = "\(directory)/estate.yaml"
        let binary = options.binary
        runProcess([binary, "generate", "--clusters", String(clusters), "--seed", "1"], output: estate)
        runProcess([binary, "apply", "-f", estate, "--db", database])
        runProcess([binary, "reconcile", "--db", database])

        let middle = EstateGenerator.clusterName(clusters / 2)
        let reads: [(String, [String])] = [
            ("cluster show X", ["cluster", "show", middle]),
            ("cluster list", ["cluster", "list"]),
            ("import list -o json", ["import", "list", "-o", "json"]),
            ("routes --cluster X", ["routes", "--cluster", middle]),
            ("routes -o json", ["routes", "-o", "json"]),
            ("export", ["export"]),
            ("export -o json", ["export", "-o", "json"]),
        ]
        var figures = reads.map { name, arguments in measure(name, scratch: directory) { _ in [binary] + arguments + ["--db", database] } }
        // The estate file itself, as the user made it above (it needs no database).
        figures.append(measure("generate", scratch: directory) { _ in [binary, "generate", "--clusters", String(clusters), "--seed", "1"] })
        // Writes last, so the reads above see a reconciled estate. Each repetition adds a new object.
        let owner = EstateGenerator.clusterName(0), consumer = EstateGenerator.clusterName(1 % clusters)
        figures.insert(
            measure("service add", scratch: directory) { [binary, "service", "add", "\(owner)/bench/svc-\($0)", "--ports", "80", "--db", database] },
            at: 0)
        figures.insert(
            measure("import add", scratch: directory) { [binary, "import", "add", "\(consumer)/bench", "\(owner)/bench/svc-\($0)", "--db", database] },
            at: 1)
        // The imports just added are dirty: `routes` answers them and reads every other answer stored.
        figures.append(measure("routes --cluster X, changed", scratch: directory) { _ in [binary, "routes", "--cluster", owner, "--db", database] })
        figures.append(measure("routes -o json, changed", scratch: directory) { _ in [binary, "routes", "-o", "json", "--db", database] })
        return figures
    }

    private func measure(_ name: String, scratch: String, _ arguments: (Int) -> [String]) -> EverydayFigure {
        var figure = EverydayFigure(name: name)
        var times: [Double] = []
        for repetition in 0..<options.repetitions {
            var result: (status: Int32, rssMiB: Double) = (0, 0)
            times.append(time { result = timedProcess(arguments(repetition), scratch: scratch) } * 1000)
            figure.peakRSSMiB = max(figure.peakRSSMiB, result.rssMiB)
            if result.status != 0 { figure.failures += 1 }
        }
        figure.milliseconds = median(times)
        return figure
    }

    static func table(clusters: Int, _ figures: [EverydayFigure]) -> String {
        let lines = figures.map { figure in
            let name = figure.name.padding(toLength: 28)
            let failed = figure.failures > 0 ? "  (\(figure.failures) FAILED)" : ""
            return
                "everyday: \(name) \(format3((figure.milliseconds * 10).rounded() / 10)) ms  \(format3((figure.peakRSSMiB * 10).rounded() / 10)) MiB\(failed)"
        }
        return "== \(clusters) clusters, everyday commands (median wall time, peak RSS)\n" + lines.joined(separator: "\n")
    }

    static func json(clusters: Int, _ figures: [EverydayFigure]) -> String {
        let items = figures.map {
            "{\"command\": \"\($0.name)\", \"milliseconds\": \($0.milliseconds), \"peakRSSMiB\": \($0.peakRSSMiB), \"failures\": \($0.failures)}"
        }
        return "{\"clusters\": \(clusters), \"everyday\": [\(items.joined(separator: ", "))]}"
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String { count >= length ? self : self + String(repeating: " ", count: length - count) }
}

/// Runs a command under /usr/bin/time: its exit status and peak RSS in MiB (0 when that tool is missing).
func timedProcess(_ arguments: [String], scratch: String) -> (status: Int32, rssMiB: Double) {
    let report = "\(scratch)/rss.txt"
    guard access("/usr/bin/time", X_OK) == 0 else { return (runProcess(arguments), 0) }
    let status = runProcess(["/usr/bin/time", "-f", "%M", "-o", report] + arguments)
    guard let file = fopen(report, "r") else { return (status, 0) }
    defer { fclose(file) }
    // The last line: before it, /usr/bin/time writes "Command exited with non-zero status N".
    var line = [CChar](repeating: 0, count: 64), text = ""
    while fgets(&line, Int32(line.count), file) != nil {
        text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return (status, (Double(text.filter(\.isNumber)) ?? 0) / 1024)
}
