import ArgumentParser
import CrosslinkCore
import CrosslinkTopologyFile

struct RouteCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route", abstract: "Ask whether one service is routable from one consumer.",
        subcommands: [RouteCheck.self])
}

/// The path kinds `--via` accepts.
enum ViaChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, local, mesh, tunnel, network, ingress
}

struct RouteCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Answer for any consumer and service, imported or not.",
        discussion: "Exit code 0 routable, 3 unroutable, 1 error (bad input, unknown names), 2 usage.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("Who calls: cluster or cluster/namespace.", valueName: "consumer"), completion: Completions.stored(.cluster)) var consumer:
        String
    @Argument(help: ArgumentHelp("The service: cluster/namespace/service.", valueName: "service"), completion: Completions.stored(.service)) var service: String
    @Option(help: "The service port (default: its first port).") var port: Int?
    @Option(help: "Consider only this path kind.") var via: ViaChoice = .auto
    @Flag(help: "Also print every flow each path makes with the effective route at every hop, and the firewall and security-group decisions.")
    var explain = false

    func run() throws {
        let (answer, explanations) = try Routing.check(
            consumer: try Consumer.parse(consumer, field: "consumer"), service: try ServiceID.parse(service, field: "service"),
            port: port, via: try ImportVia.parse(via.rawValue, field: "--via"), explaining: explain, store: global.openStoreForReading())
        emit(try render(RouteCheckResult(answer: answer, explanations: explanations), as: output.output))
        if !answer.isRoutable { throw ExitCode(3) }
    }
}

/// `route check`'s answer, with `--explain`'s flows.
struct RouteCheckResult: Renderable {
    var answer: RouteAnswer
    var explanations: [PathExplanation]?

    var structuredValue: StructuredValue {
        guard let explanations, case .object(let fields) = answer.structuredValue else { return answer.structuredValue }
        return .object(fields + [StructuredValue.Field("explain", .list(explanations.map(\.structuredValue)))])
    }

    /// The report, every line wrapped to the width; the verdict word coloured.
    func text(_ style: TextStyle) -> String {
        let plain = answer.report(width: style.width) + (explanations.map(PathExplanation.report) ?? "")
        var lines = plain.wrappingLines(width: style.width).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 1 is the verdict; when the first line (the route) wraps, it is not, and nothing is coloured.
        for word in ["routable", "unroutable"] where lines.count > 1 && (lines[1] == word || lines[1].hasPrefix(word + " ")) {
            lines[1] = style.verdict(word, routable: word == "routable") + lines[1].dropFirst(word.count)
        }
        return lines.joined(separator: "\n")
    }
}

extension RouteAnswer {
    /// A few lines for people: verdict, address, hops, and every rejected alternative; an unroutable
    /// answer leads with its primary reason and that reason's fix. Hops wrap between hops, not inside one.
    func report(width: Int) -> String {
        var lines = ["\(consumer) -> \(service):\(servicePort)"]
        if let via, let address {
            lines.append("routable via \(via.rawValue): \(address):\(port)")
            lines += String.wrappedList(hops.map { $0.replacingControlCharacters() }, label: "hops:", separator: " -> ", width: width)
        } else {
            lines.append("unroutable")
        }
        func describe(_ rejection: Rejection) -> [String] {
            ["  \(rejection.via.rawValue): \(rejection.reason.message) [\(rejection.reason.code.rawValue)]"]
                + (rejection.reason.fix.map { ["    fix: \($0)"] } ?? [])
        }
        if let primary = primaryIndex {
            lines.append("why (closest path first):")
            lines += describe(rejected[primary])
            for (index, rejection) in rejected.enumerated() where index != primary { lines += describe(rejection) }
        } else if !rejected.isEmpty {
            lines.append("other paths:")
            for rejection in rejected { lines += describe(rejection) }
        }
        return lines.map { $0.replacingControlCharacters() }.joined(separator: "\n") + "\n"
    }
}
