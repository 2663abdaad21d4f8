import ArgumentParser
import CrosslinkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the `crosslink` command line and exits with the spec's codes: 0 success, 1 error (one line on
/// stderr), 2 usage mistake, 3 unroutable (`route check`).
package enum EntryPoint {
    package static func main() -> Never {
        let arguments = hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        if let unknown = UnknownSubcommand.find(in: arguments) {
            printError(unknown.message)
            exit(2)
        }
        do {
            var command = try Crosslink.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch let error as CrosslinkError {
            printError(error.message)
            exit(1)
        } catch {
            let code = Crosslink.exitCode(for: error)
            if code == .validationFailure {
                printError(Crosslink.fullMessage(for: error))
                exit(2)
            }
            Crosslink.exit(withError: error)
        }
    }

    /// Moves `--db PATH` written before the subcommand (`crosslink --db x.db vnet list`) to the end,
    /// where the leaf command that declares it will parse it. A command group (`crosslink --db x.db
    /// vnet`) declares no `--db` and only prints its help, so there the option is dropped.
    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        var rest: [String] = []
        var hoisted: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { rest += arguments[index...]; break }
            if argument == "--db", index + 1 < arguments.count {
                hoisted += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if argument.hasPrefix("--db=") { hoisted.append(argument) } else { rest.append(argument) }
            index += 1
        }
        guard !hoisted.isEmpty else { return arguments }
        guard namesLeafCommand(rest) else { return rest }
        if let terminator = rest.firstIndex(of: "--") { rest.insert(contentsOf: hoisted, at: terminator) } else { rest += hoisted }
        return rest
    }

    /// Whether the subcommand names at the start of `arguments` (options skipped) reach a command
    /// without subcommands.
    static func namesLeafCommand(_ arguments: [String]) -> Bool {
        var command: ParsableCommand.Type = Crosslink.self
        for argument in arguments.prefix(while: { $0 != "--" }) where !argument.hasPrefix("-") {
            let next = command.configuration.subcommands.first { candidate in
                candidate._commandName == argument || candidate.configuration.aliases.contains(argument)
            }
            guard let next else { break }
            command = next
        }
        return command.configuration.subcommands.isEmpty
    }

    static func printError(_ message: String) {
        let line = message.hasPrefix("Error:") ? message : "error: \(message)"
        writeAll(line.hasSuffix("\n") ? line : line + "\n", to: 2)
    }
}

/// Writes to standard output.
func emit(_ text: String) {
    writeAll(text, to: 1)
}

/// Writes every byte to a file descriptor, retrying short writes. A closed pipe (`| head`) ends
/// quietly; any other failure to write standard output (a full disk behind `> file`) is an error,
/// exit 1, so that a cut-short export never looks complete.
func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written < 0 && descriptor == 1 && errno != EPIPE {
                EntryPoint.printError("cannot write standard output: \(String(cString: strerror(errno)))")
                exit(1)
            }
            guard written > 0 else { return }
            offset += written
        }
    }
}
