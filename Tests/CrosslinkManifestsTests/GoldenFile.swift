import Foundation
import Testing

/// Compares text with a file under Golden/, byte for byte. Set CROSSLINK_RECORD_GOLDEN=1 to
/// re-record on purpose; the files are found next to this source, so Package.swift needs no resources.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CROSSLINK_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(name); re-record with CROSSLINK_RECORD_GOLDEN=1 if intended", sourceLocation: sourceLocation)
    }
}
