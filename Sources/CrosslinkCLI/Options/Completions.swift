import ArgumentParser
import CrosslinkCore
import CrosslinkStore

/// What shell completion offers (docs/usage.md): a closed value set from its enum's cases, and stored
/// names by asking crosslink itself while the user presses TAB.
enum Completions {
    /// The spellings of a closed value set, e.g. `--network-plugin`.
    static func values<Value: ClosedValue>(_ type: Value.Type) -> CompletionKind {
        .list(type.allCases.map(\.rawValue))
    }

    /// `--via`: auto or one path kind.
    static var importVia: CompletionKind { .list(["auto"] + PathKind.allCases.map(\.rawValue)) }

    /// The names of stored objects of `kind` (a single-word key, or a service's cluster/namespace/name).
    static func stored(_ kind: EntityKind) -> CompletionKind {
        .custom { words, _, prefix in storedNames(of: kind, words: words, prefix: prefix) }
    }

    /// The names of `kind` that begin with `prefix`, sorted, from the database named by `--db` on the
    /// line being completed, else `CROSSLINK_DB`, else ./crosslink.db. Opened read-only: a missing
    /// file gives nothing and is not created; any error gives nothing (completion never prints errors).
    static func storedNames(of kind: EntityKind, words: [String], prefix: String) -> [String] {
        let path = GlobalOptions.databasePath(flag: databaseFlag(in: words))
        guard let store = try? Store(path: path, access: .readOnly), let entities = try? Registration.list(kind, store: store) else {
            return []
        }
        return entities.compactMap(\.completionKey).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The value of the last `--db PATH` or `--db=PATH` among the shell words, unquoted and with a
    /// leading `~/` expanded, as the shell would before running the command.
    static func databaseFlag(in words: [String]) -> String? {
        var value: String?
        for (index, word) in words.enumerated() {
            if word == "--db", index + 1 < words.count {
                value = words[index + 1]
            } else if word.hasPrefix("--db=") {
                value = String(word.dropFirst("--db=".count))
            }
        }
        guard var path = value, !path.isEmpty else { return nil }
        if path.count >= 2, let first = path.first, first == "'" || first == "\"", path.last == first {
            path = String(path.dropFirst().dropLast())
        }
        if path.hasPrefix("~/"), let home = GlobalOptions.environment("HOME") {
            path = home + path.dropFirst()
        }
        return path.isEmpty ? nil : path
    }
}

extension Entity {
    /// How the command line names this object when one word does: a name, or cluster/namespace/name.
    fileprivate var completionKey: String? {
        switch reference {
        case .vnet(let name), .cluster(let name), .vpnGateway(let name), .routeTable(let name), .firewall(let name), .securityGroup(let name):
            name
        case .service(let id): id.description
        default: nil
        }
    }
}
