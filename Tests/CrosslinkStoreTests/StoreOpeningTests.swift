import CrosslinkCore
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

/// How the store opens a file: paths only, read-only reads, nothing changed in a file that is not
/// crosslink's, private permissions (issue #11 items 4, 7, 10, 12). The race on a fresh file is
/// tested with processes, in DatabaseOpeningCommandTests.
@Suite struct StoreOpeningTests {
    let directory: URL
    init() throws { directory = try TemporaryDirectory.make() }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static let vnet = VNet(name: "vnet-a", region: "westeurope", addressSpace: [TopologyBuilder.cidr("10.1.0.0/16")])

    @Test("the empty path and :memory: are refused: they would acknowledge writes and keep nothing", arguments: ["", ":memory:"])
    func noTemporaryDatabases(_ name: String) throws {
        #expect {
            try Store(path: name)
        } throws: { error in
            (error as? CrosslinkError).map { $0.code == .invalidValue && !$0.message.contains("\n") } == true
        }
    }

    @Test("an SQLite URI is a file name: a write either lands in a file a new store reads back, or is refused")
    func uriIsAPath() throws {
        for uri in ["file:\(path("memory.db"))?mode=memory", "file:\(path("rwc.db"))?mode=rwc"] {
            do {
                try Store(path: uri).update { $0.vnets["vnet-a"] = Self.vnet }
            } catch {
                #expect(error is CrosslinkError)
                continue
            }
            #expect(try Store(path: uri, access: .readOnly).loadTopology().vnets.keys.sorted() == ["vnet-a"], "\(uri) kept nothing")
        }
        // The path inside the URI is not the file crosslink opened.
        #expect(!FileManager.default.fileExists(atPath: path("rwc.db")))
    }

    @Test("another application's SQLite file is refused with every byte unchanged and no journal left")
    func foreignFileUntouched() throws {
        let name = path("other.db")
        try python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE notes (body TEXT)'); c.execute(\"INSERT INTO notes VALUES ('x')\"); c.commit()",
            [name])
        let before = try Data(contentsOf: URL(fileURLWithPath: name))
        #expect(before[18] == 1 && before[19] == 1, "a rollback-journal file to begin with")
        for access in [Store.Access.readWrite, .readOnly] {
            #expect {
                try Store(path: name, access: access)
            } throws: { error in
                (error as? CrosslinkError)?.message.contains("not a crosslink one") == true
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: name)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["other.db"])
    }

    @Test("a database crosslink owns with mode 0644 is made 0600, by writers and readers alike")
    func tightensMode() throws {
        for access in [Store.Access.readWrite, .readOnly] {
            let name = path("loose-\(access).db")
            _ = try Store(path: name)
            #expect(chmod(name, 0o644) == 0)
            let store = try Store(path: name, access: access)
            #expect(store.warnings.isEmpty)
            #expect((try FileManager.default.attributesOfItem(atPath: name)[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test(
        "a 0644 database of another user is left as it is, with one warning line",
        .enabled(if: geteuid() == 0, "only root can hand a file to another user"))
    func warnsWhenNotOwner() throws {
        let name = path("theirs.db")
        _ = try Store(path: name)
        #expect(chmod(name, 0o644) == 0 && chown(name, 65534, 65534) == 0)
        let store = try Store(path: name, access: .readOnly)
        #expect(store.warnings.count == 1 && store.warnings.allSatisfy { $0.contains("0644") && !$0.contains("\n") })
        #expect((try FileManager.default.attributesOfItem(atPath: name)[.posixPermissions] as? Int) == 0o644)
    }

    @Test("reading never creates a database: a missing file is an error naming it, and no file appears")
    func readingMissingFile() throws {
        let name = path("missing.db")
        #expect {
            try Store(path: name, access: .readOnly)
        } throws: { error in
            (error as? CrosslinkError).map { $0.code == .notFound && $0.message.contains(name) } == true
        }
        #expect(!FileManager.default.fileExists(atPath: name))
    }

    @Test("a read-only store reads the estate and cannot write it (the connection is opened read-only)")
    func readOnlyConnection() throws {
        let name = path("estate.db")
        try Store(path: name).update { $0.vnets["vnet-a"] = Self.vnet }
        let reader = try Store(path: name, access: .readOnly)
        #expect(try reader.loadTopology().vnets.keys.sorted() == ["vnet-a"])
        // Root ignores file permissions, so this is what proves the open flags: SQLite itself refuses.
        #expect {
            try reader.update { $0.vnets["vnet-a"] = nil }
        } throws: { error in
            (error as? CrosslinkError)?.message.contains("readonly") == true
        }
        #expect(try Store(path: name).loadTopology().vnets.keys.sorted() == ["vnet-a"])
    }

    private func python(_ script: String, _ arguments: [String]) throws {
        #expect(try IndependentSQLite.python(script, arguments).status == 0)
    }
}
