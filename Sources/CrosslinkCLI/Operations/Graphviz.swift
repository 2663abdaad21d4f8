import Foundation

/// Graphviz `dot`, run only when it is installed and never allowed to kill crosslink: a `dot` that
/// exits without reading its input must not end crosslink with SIGPIPE (issue #11, item 13).
enum Graphviz {
    enum Outcome {
        case rendered(svg: String)
        /// Why there is no Graphviz picture, for a one-line note.
        case unavailable(String)
    }

    /// The first executable `dot` in the directories of `PATH`.
    static func executable(searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for directory in (searchPath ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("dot")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }

    /// `dot -Tsvg` of `source`.
    static func render(_ source: String) -> Outcome {
        guard let dot = executable() else { return .unavailable("Graphviz 'dot' is not on the PATH") }
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice

        // A write into a pipe whose reader has gone must fail with EPIPE, not kill crosslink.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        do { try process.run() } catch { return .unavailable("Graphviz 'dot' could not be started") }

        // Feed the input on another thread while this one drains the output, so that neither pipe can
        // fill up and stall both processes.
        let writer = input.fileHandleForWriting
        let bytes = Array(source.utf8)
        let fed = DispatchSemaphore(value: 0)
        Thread {
            writeIgnoringErrors(bytes, to: writer.fileDescriptor)
            try? writer.close()
            fed.signal()
        }.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        fed.wait()

        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .unavailable("Graphviz 'dot' failed (exit status \(process.terminationStatus))")
        }
        let svg = String(decoding: data, as: UTF8.self)
        guard svg.contains("<svg"), svg.contains("</svg>") else { return .unavailable("Graphviz 'dot' printed no SVG") }
        return .rendered(svg: svg)
    }

    /// Writes all of `bytes` unless the reader goes away (EPIPE) or another error ends the write.
    private static func writeIgnoringErrors(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
