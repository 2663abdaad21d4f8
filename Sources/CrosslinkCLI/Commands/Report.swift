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

    /// Temp file in the same directory, flushed, then renamed: a reader never sees half a page. A
    /// failure is one line naming the file and the system's reason, and leaves no temporary behind.
    static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).crosslink-\(ProcessInfo.processInfo.processIdentifier).tmp"
        ).path
        func failure() -> CrosslinkError { CrosslinkError(.io, "cannot write \(path.quoted): \(String(cString: strerror(errno)))") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure() }
        var written = false
        defer {
            close(descriptor)
            if !written { unlink(temporary) }
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw failure() }
            bytes = bytes.dropFirst(count)
        }
        guard fsync(descriptor) == 0, rename(temporary, path) == 0 else { throw failure() }
        written = true
    }
}
