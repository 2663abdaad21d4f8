import ArgumentParser
import CrosslinkCore
import CrosslinkTopologyFile

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what apply -f FILE would change, objects and routes, without writing anything.",
        discussion: """
            Lists the objects that would be created, updated (with the changed fields) and removed, and every \
            import whose verdict, path or address would change, before -> after with the reason. Exit 0 when no \
            routable import would become unroutable, 3 when some would (a CI gate), 1 on error. Same as apply --dry-run.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Topology file, or - for standard input.", valueName: "file"))
    var file: String
    @Flag(help: "Also plan removing stored objects the file does not name.")
    var prune = false

    func run() throws {
        try Self.run(file: file, prune: prune, global: global, format: output.output)
    }

    /// Shared with `apply --dry-run`.
    static func run(file: String, prune: Bool, global: GlobalOptions, format: OutputFormat) throws {
        let source = file == "-" ? "<stdin>" : file
        let topology = try TopologyDecoder.decode(try InputFile.read(file), source: source)
        let plan = try Planning.plan(topology, prune: prune, global: global)
        emit(try render(PlanReport(plan: plan, source: source), as: format))
        if plan.routes.breakingCount > 0 { throw ExitCode(3) }
    }
}

/// What `plan` and `apply --dry-run` print.
struct PlanReport: Renderable {
    var plan: TopologyPlan
    /// The file as the user named it.
    var source: String

    var structuredValue: StructuredValue { plan.structuredValue }

    func text(_ style: TextStyle) -> String { plan.text(source: source, style: style) }
}

extension TopologyPlan {
    var structuredValue: StructuredValue {
        .object([
            "objects": .list(
                objects.map { change in
                    .object([
                        "action": .string(change.action.rawValue), "kind": .string(change.reference.kind.rawValue),
                        "key": .string(change.reference.key),
                        "fields": change.action == .update ? .list(change.fields.map(\.structuredValue)) : nil,
                    ])
                }),
            "routes": .list(
                routes.changes.map { change in
                    let reason = change.after?.primaryRejection
                    return .object([
                        "route": .string(change.key.description),
                        "before": change.before.map(\.structuredValue) ?? .null,
                        "after": change.after.map(\.structuredValue) ?? .null,
                        "breaks": .bool(change.breaksRoute),
                        "reason": reason.map { .string("\($0.via.rawValue): \($0.reason.message)") },
                        "fix": reason?.reason.fix.map(StructuredValue.string),
                    ])
                }),
            "unchanged": .int(unchanged),
            "breaking": .int(routes.breakingCount),
        ])
    }

    /// The report for people: a summary, one line per object change, one per route change, wrapped to
    /// the style's width with the verdict words coloured.
    func text(source: String, style: TextStyle = .plain) -> String {
        let count = { (action: ObjectChange.Action) in objects.filter { $0.action == action }.count }
        var lines = [
            "plan for \(source): \(count(.create)) to create, \(count(.update)) to update, \(count(.remove)) to remove, \(unchanged) unchanged"
        ]
        for change in objects {
            switch change.action {
            case .create: lines.append("+ \(change.reference)")
            case .update: lines.append("~ \(change.reference): \(change.fields.map(\.text).joined(separator: "; "))")
            case .remove: lines.append("- \(change.reference)")
            }
        }
        let breaking = routes.breakingCount
        lines.append(
            routes.changes.isEmpty
                ? "routes: no import's verdict, path or address would change"
                : "routes: \(routes.changes.count) would change, \(breaking) routable \(breaking == 1 ? "import" : "imports") would become unroutable")
        lines = lines.map { $0.replacingControlCharacters() }
        // Route lines are made safe piece by piece: the colour codes around their verdicts must stay.
        for change in routes.changes {
            lines.append(
                "\(change.breaksRoute ? "!" : "~") \(change.key.description.replacingControlCharacters()): \(Self.describe(change.before, absent: "not imported", style)) -> \(Self.describe(change.after, absent: "no longer imported", style))"
            )
        }
        return (lines.joined(separator: "\n") + "\n").wrappingLines(width: style.width)
    }

    /// One side of a route change: where it goes, or why it goes nowhere (the primary reason and its
    /// fix), without control characters but for the verdict's colour.
    static func describe(_ answer: RouteAnswer?, absent: String, _ style: TextStyle = .plain) -> String {
        guard let answer else { return absent }
        if let via = answer.via, let address = answer.address {
            return style.verdict("routable", routable: true) + " via \(via.rawValue) at \(address):\(answer.port)".replacingControlCharacters()
        }
        return style.verdict("unroutable", routable: false)
            + " (\(answer.headlineReason ?? "no path")\(answer.headlineFix.map { "; fix: \($0)" } ?? ""))".replacingControlCharacters()
    }
}
