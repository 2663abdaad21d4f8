import ArgumentParser
import CrosslinkCore

/// A word where a command group expects one of its subcommands (`crosslink clustr list`), found before
/// ArgumentParser reports it as a run of "unexpected arguments", so the message can name the group's
/// closest subcommand.
struct UnknownSubcommand: Error, Equatable {
    var word: String
    /// The command path of the group, e.g. "crosslink vnet".
    var group: String
    var suggestion: String?

    var message: String {
        if let suggestion { return "unknown command \(word.quotedExcerpt); did you mean \(suggestion.quoted)?" }
        return "unknown command \(word.quotedExcerpt); see '\(group) --help'"
    }

    /// The first word that names no subcommand of the group it follows, if any. Stops at the first
    /// option or at a command without subcommands: from there on the words are that command's to parse.
    static func find(in arguments: [String]) -> UnknownSubcommand? {
        var command: ParsableCommand.Type = Crosslink.self
        var path = ["crosslink"]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            // ArgumentParser adds `help` to the root.
            if path.count == 1 && word == "help" { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { $0._commandName } + (path.count == 1 ? ["help"] : [])
            return UnknownSubcommand(word: word, group: path.joined(separator: " "), suggestion: closestName(to: word, among: names))
        }
        return nil
    }
}
