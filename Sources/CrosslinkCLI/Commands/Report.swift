import ArgumentParser
import CrosslinkCore
import CrosslinkManifests
import CrosslinkReport
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML page: the estate picture, the routability matrix, the manifests.",
        discussion: """
            The picture is inline SVG rendered by Graphviz `dot` when it is on the PATH; without it (or when it \
            fails) crosslink draws the estate with its own simple layout and prints a note. The page fetches \
            nothing from the network.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Where to write the page.", valueName: "file")) var html: String

    func run() throws {
        let topology = try global.openStoreForReading().loadTopology()
        let answers = try RouteEngine(topology: topology).allImportAnswers()
        let graph = EstateGraph(topology: topology, answers: answers)
        let report = HTMLReport(
            topology: topology, answers: answers,
            documents: ManifestPlanner.documents(for: answers, in: topology), svg: Self.renderSVG(graph.dot()))
        try Self.writeAtomically(report.html(), to: html)
        emit("wrote \(html)\n")
    }

    /// Graphviz's SVG, or nil after a one-line note when Graphviz is missing or fails: the page then
    /// draws the estate with crosslink's built-in layout.
    static func renderSVG(_ dot: String) -> String? {
        switch Graphviz.render(dot) {
        case .rendered(let svg):
            return svg
        case .unavailable(let reason):
            writeAll("note: \(reason); the picture uses crosslink's built-in layout (install graphviz for Graphviz's)\n", to: 2)
            return nil
        }
    }

    /// Temp file in the same directory, then rename: a reader never sees half a page.
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).crosslink-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CrosslinkError(.io, String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CrosslinkError(.io, "cannot write \(path.quoted): \((error as? CrosslinkError)?.message ?? error.localizedDescription)")
        }
    }
}
