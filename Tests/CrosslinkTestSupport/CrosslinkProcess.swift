import Foundation

/// Runs the built `crosslink` binary the way a user would, for end-to-end tests.
package struct CrosslinkProcess: Sendable {
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The binary next to the test bundle (`.build/<config>/crosslink`).
    package static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("crosslink")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/crosslink")
    }

    /// The repository root, for examples and fixtures.
    package static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    package let database: String
    package let directory: URL

    /// A fresh temporary directory with a database path inside it (the file is created on first use).
    package init() throws {
        directory = try TemporaryDirectory.make()
        database = directory.appendingPathComponent("crosslink.db").path
    }

    /// A fresh database with one of the shipped examples applied (`multi-cluster`, `cluster-gen`).
    package static func withExample(_ name: String) throws -> CrosslinkProcess {
        let cli = try CrosslinkProcess()
        let result = try cli.run(["apply", "-f", repositoryRoot.appendingPathComponent("examples/\(name).yaml").path])
        guard result.status == 0 else { throw SetupFailure(message: "apply \(name): \(result.stderr)") }
        return cli
    }

    /// Runs `crosslink ARGUMENTS --db <temp db>` with optional standard input; `environment` entries
    /// replace the inherited ones of the same name (e.g. `PATH`).
    @discardableResult
    package func run(_ arguments: [String], stdin: String? = nil, useDatabase: Bool = true, environment: [String: String] = [:]) throws -> Result {
        try Self.run(arguments + (useDatabase ? ["--db", database] : []), stdin: stdin, in: directory, environment: environment)
    }

    package static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe(), error = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A test fixture that could not be set up.
package struct SetupFailure: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// Creates unique temporary directories for tests.
package enum TemporaryDirectory {
    package static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crosslink-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
