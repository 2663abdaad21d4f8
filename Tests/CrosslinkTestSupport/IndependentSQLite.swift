import Foundation

/// Python's sqlite3 module: a second SQLite client, independent of crosslink's, for tests that must
/// read or damage a database without going through the code under test.
package enum IndependentSQLite {
    /// Runs `script` with `python3 -c`, `arguments` as `sys.argv[1...]`.
    /// - Returns: the exit status and standard output (standard error is discarded).
    @discardableResult
    package static func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
