import ArgumentParser

/// `crosslink version`: the same as `--version`, for people who type it as a subcommand (kubectl does).
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print crosslink's version.")

    func run() throws {
        emit(Crosslink.configuration.version + "\n")
    }
}
