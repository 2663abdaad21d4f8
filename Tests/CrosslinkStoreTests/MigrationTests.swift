import CrosslinkCore
import CrosslinkGenerator
import CrosslinkStore
import CrosslinkTestSupport
import Foundation
import Testing

@Suite struct MigrationTests {
    @Test("every file in migrations/ is embedded in Package.swift and registered in Migration.all")
    func everyMigrationRegistered() throws {
        let root = CrosslinkProcess.repositoryRoot
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("migrations").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        let package = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let registry = try String(contentsOf: root.appendingPathComponent("Sources/CrosslinkStore/Schema/Migration.swift"), encoding: .utf8)
        // Numbers only grow; a gap is a number reserved for work in flight (the migrator applies any missing one).
        let numbers = files.compactMap { Int($0.prefix(4)) }
        #expect(numbers.count == files.count && numbers == numbers.sorted() && Set(numbers).count == numbers.count)
        for file in files {
            #expect(package.contains("Migrations/\(file)"), "\(file) is not embedded in Package.swift")
            #expect(registry.contains("\"\(file.dropLast(4))\""), "\(file) is not listed in Migration.all")
        }
    }

    @Test("a database from a newer crosslink is refused and not modified")
    func newerSchema() throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("new.db").path
        _ = try Store(path: path)
        try sqlite(path, "INSERT INTO crosslink_migration (identifier, name) VALUES (9999, '9999_future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try Store(path: path)
        } throws: { error in
            (error as? CrosslinkError)?.message.contains("newer than this crosslink knows") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a database at schema 1 is migrated forward with its data kept")
    func oldDatabase() throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("old.db").path
        let schema = try String(contentsOf: CrosslinkProcess.repositoryRoot.appendingPathComponent("migrations/0001_initial.sql"), encoding: .utf8)
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("CREATE TABLE crosslink_migration (identifier INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT")
            c.executescript(sys.argv[2])
            c.execute("INSERT INTO crosslink_migration VALUES (1, '0001_initial')")
            c.execute("INSERT INTO vnet VALUES ('vnet-old', 'westeurope')")
            c.execute("INSERT INTO vnet_address_prefix VALUES ('vnet-old', 0, '10.7.0.0/16')")
            c.commit()
            """
        try python(script, [path, schema])
        let store = try Store(path: path)
        #expect(try store.loadTopology().vnets["vnet-old"]?.addressSpace.map(\.description) == ["10.7.0.0/16"])
        #expect(try store.loadRoutes().generation == 0)
    }

    @Test("a database at schema 5 with an estate and routes is rebuilt by schema 6 with every row kept")
    func leanTablesKeepData() throws {
        let directory = try TemporaryDirectory.make()
        let currentPath = directory.appendingPathComponent("current.db").path
        let oldPath = directory.appendingPathComponent("old.db").path
        let current = try Store(path: currentPath)
        try current.update { $0 = try EstateGenerator(clusters: 30, servicesPerCluster: 4, importsPerCluster: 5, seed: 3).topology() }
        _ = try current.reconcile()
        // Build a schema-5 database from the old migration files and copy every row into it.
        let root = CrosslinkProcess.repositoryRoot.appendingPathComponent("migrations")
        let oldSchema = try (1...5).map { number in
            let file = try FileManager.default.contentsOfDirectory(atPath: root.path).first { $0.hasPrefix(String(format: "%04d_", number)) }
            return try String(contentsOf: root.appendingPathComponent(file ?? ""), encoding: .utf8)
        }.joined(separator: "\n")
        let script = """
            import sqlite3, sys
            old, new = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
            old.execute("CREATE TABLE crosslink_migration (identifier INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT")
            old.executescript(sys.argv[3])
            old.executemany("INSERT INTO crosslink_migration VALUES (?, ?)", new.execute("SELECT * FROM crosslink_migration WHERE identifier <= 5"))
            old.execute("DELETE FROM reconcile_state")
            for table in ["vnet", "vnet_address_prefix", "cluster", "cluster_isolated_namespace", "cluster_node_pool", "service",
                          "service_port", "peering", "vpn_gateway", "vpn_connection", "tunnel", "mesh_link", "ingress",
                          "service_import", "route", "reconcile_state", "dirty_import"]:
                # Only the columns schema 5 had: later migrations add some.
                columns = ", ".join(row[1] for row in old.execute("PRAGMA table_info(" + table + ")"))
                rows = new.execute("SELECT " + columns + " FROM " + table).fetchall()
                if rows:
                    old.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, columns, ", ".join("?" * len(rows[0]))), rows)
            old.commit()
            """
        try python(script, [oldPath, currentPath, oldSchema])
        let migrated = try Store(path: oldPath)
        #expect(try migrated.loadTopology() == current.loadTopology())
        let (generation, answers) = try migrated.loadRoutes()
        #expect(generation == 1)
        #expect(answers == (try current.loadRoutes().answers))
        #expect(!answers.isEmpty)
    }

    @Test("a database at schema 7 with peerings and gateways gains schema 11 with every row kept and the new defaults")
    func trafficControlsKeepData() throws {
        let directory = try TemporaryDirectory.make()
        let currentPath = directory.appendingPathComponent("current.db").path
        let oldPath = directory.appendingPathComponent("old.db").path
        let current = try Store(path: currentPath)
        let estate = try EstateGenerator(clusters: 30, servicesPerCluster: 2, importsPerCluster: 3, seed: 5).topology()
        #expect(!estate.peerings.isEmpty && !estate.vpnGateways.isEmpty)
        try current.update { $0 = estate }
        // A schema-7 database built from the migration files that precede 0011, with every row copied in.
        #expect(try copyIntoOldSchema(upTo: 7, from: currentPath, to: oldPath) == 7)
        let migrated = try Store(path: oldPath)
        let loaded = try migrated.loadTopology()
        #expect(loaded == estate)
        #expect(loaded.peerings.values.allSatisfy { !$0.allowForwardedTraffic } && loaded.vpnGateways.values.allSatisfy { $0.subnet == nil })
        // The new tables take §8 objects after the migration.
        let hub = try #require(estate.vnets.values.sorted { $0.name < $1.name }.first)
        let prefix = try #require(hub.addressSpace.first)
        try migrated.update { topology in
            topology.firewalls["fw"] = Firewall(name: "fw", vnet: hub.name, privateIP: prefix.network, rules: [FirewallRule(name: "all")])
            topology.routeTables["rt"] = RouteTable(name: "rt", vnet: hub.name, routes: [UserRoute(prefix: prefix, nextHop: .none)])
        }
        #expect(try migrated.loadTopology().firewalls["fw"]?.rules.map(\.name) == ["all"])
        #expect(try migrated.loadTopology().routeTables["rt"]?.routes.first?.nextHop == NextHopType.none)
    }

    @Test("a database at schema 7 with ingresses is re-keyed by schema 8: every ingress kept, a second host per service then accepted")
    func ingressByHostKeepsData() throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("seven.db").path
        let root = CrosslinkProcess.repositoryRoot.appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".sql") }.sorted()
        let schema7 = try files.prefix(7).map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let script = """
            import sys, sqlite3
            c = sqlite3.connect(sys.argv[1])
            c.execute("CREATE TABLE crosslink_migration (identifier INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT")
            c.executescript(sys.argv[2])
            for i, name in enumerate(sys.argv[3:]):
                c.execute("INSERT INTO crosslink_migration VALUES (?, ?)", (i + 1, name))
            c.execute("INSERT INTO vnet VALUES ('v', 'westeurope')")
            c.execute("INSERT INTO vnet_address_prefix VALUES ('v', 0, '10.1.0.0/16')")
            c.execute("INSERT INTO cluster (name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain, egress) VALUES ('k', 'v', 'westeurope', '10.1.0.0/20', 'azure-cni', '10.1.0.0/20', '172.16.0.0/16', 'cluster.local', 'internet')")
            c.execute("INSERT INTO service VALUES ('k', 'web', 'shop', 'cluster-ip', NULL)")
            c.execute("INSERT INTO service_port VALUES ('k', 'web', 'shop', 0, 'http', 80, 8080, 'TCP', NULL)")
            c.execute("INSERT INTO service_port VALUES ('k', 'web', 'shop', 1, 'admin', 9000, 9000, 'TCP', NULL)")
            c.execute("INSERT INTO ingress VALUES ('k', 'web', 'shop', 'shop.example.com', 443, 1, 'internal', '10.1.0.9', 'nginx')")
            c.commit()
            """
        try python(script, [path, schema7] + files.prefix(7).map { String($0.dropLast(4)) })
        let store = try Store(path: path)
        let ingresses = try store.loadTopology().ingresses
        let service = ServiceID(cluster: "k", namespace: "web", name: "shop")
        let kept = Ingress(
            service: service, host: "shop.example.com", port: 443, tls: true, visibility: .internal,
            address: IPv4Address("10.1.0.9"), className: "nginx")
        #expect(ingresses == [kept.id: kept])
        let admin = Ingress(service: service, host: "admin.example.com", servicePort: .name("admin"))
        try store.update { $0.ingresses[admin.id] = admin }
        #expect(try store.loadTopology().ingresses == [kept.id: kept, admin.id: admin])
    }

    @Test("schema 9 gives the services of an older database externalTrafficPolicy Cluster, and keeps every field")
    func externalTrafficPolicyDefault() throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("old.db").path
        // Every migration before 0009, then an estate written with that schema's columns.
        let root = CrosslinkProcess.repositoryRoot.appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".sql") }.sorted()
        let older = files.filter { (Int($0.prefix(4)) ?? 0) < 9 }
        let schema = try older.map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("CREATE TABLE crosslink_migration (identifier INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT")
            c.executescript(sys.argv[2])
            for name in sys.argv[3:]:
                c.execute("INSERT INTO crosslink_migration VALUES (?, ?)", (int(name[:4]), name[:-4]))
            c.execute("INSERT INTO vnet VALUES ('v', 'westeurope')")
            c.execute("INSERT INTO vnet_address_prefix VALUES ('v', 0, '10.1.0.0/16')")
            c.execute("INSERT INTO cluster (name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain, egress)"
                      " VALUES ('a', 'v', 'westeurope', '10.1.0.0/20', 'azure-cni', '10.1.0.0/20', '10.0.0.0/16', 'cluster.local', 'internet')")
            c.execute("INSERT INTO service (cluster, namespace, name, exposure, load_balancer_ip) VALUES ('a', 'ns', 'lb', 'internal-lb', '10.1.0.50')")
            c.execute("INSERT INTO service (cluster, namespace, name, exposure) VALUES ('a', 'ns', 'web', 'cluster-ip')")
            for service in ['lb', 'web']:
                c.execute("INSERT INTO service_port (cluster, namespace, service, position, name, port, target_port, protocol)"
                          " VALUES ('a', 'ns', ?, 0, 'http', 80, 8080, 'TCP')", (service,))
            c.commit()
            """
        try python(script, [path, schema] + older)
        let store = try Store(path: path)
        let services = try store.loadTopology().services
        #expect(services.count == 2)
        #expect(services.values.allSatisfy { $0.externalTrafficPolicy == .cluster })
        let lb = try #require(services[ServiceID(cluster: "a", namespace: "ns", name: "lb")])
        #expect(lb.exposure == .internalLB && lb.loadBalancerIP?.description == "10.1.0.50")
        #expect(lb.ports == [ServicePort(name: "http", port: 80, targetPort: 8080)])
        // The new column takes Local, and refuses anything else.
        try store.update { $0.services[lb.id]?.externalTrafficPolicy = .local }
        #expect(try Store(path: path).loadTopology().services[lb.id]?.externalTrafficPolicy == .local)
        let refused = try IndependentSQLite.python(
            "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute(\"UPDATE service SET external_traffic_policy = 'local'\")", [path])
        #expect(refused.status != 0, "the CHECK constraint refuses a value outside Cluster | Local")
    }

    @Test("schema 13 gives the load balancers, east-west gateways and VNet prefixes of an older database integer addresses, found by index")
    func integerAddresses() throws {
        let directory = try TemporaryDirectory.make()
        let currentPath = directory.appendingPathComponent("current.db").path
        let oldPath = directory.appendingPathComponent("old.db").path
        let current = try Store(path: currentPath)
        let estate = try EstateGenerator(clusters: 40, servicesPerCluster: 3, importsPerCluster: 3, seed: 7).topology()
        #expect(estate.services.values.contains { $0.loadBalancerIP != nil } && estate.clusters.values.contains { $0.mesh?.eastWestGateway != nil })
        try current.update { $0 = estate }
        // A schema-12 database built from the migration files before 0013, with every row copied in.
        try copyIntoOldSchema(upTo: 12, from: currentPath, to: oldPath)
        let migrated = try Store(path: oldPath)
        #expect(try migrated.loadTopology() == estate)
        // Every integer equals the address parsed by Python; each range query is an index search.
        let check = """
            import ipaddress, sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            def value(text): return int(ipaddress.ip_network(text).network_address) if "/" in text else int(ipaddress.ip_address(text))
            for table, text, number in [("service", "load_balancer_ip", "load_balancer_address"),
                                        ("cluster", "mesh_east_west_gateway", "east_west_gateway_address"),
                                        ("vnet_address_prefix", "cidr", "first_address")]:
                rows = c.execute("SELECT %s, %s FROM %s WHERE %s IS NOT NULL" % (text, number, table, text)).fetchall()
                print(table, len(rows), all(value(a) == b for a, b in rows))
            for query in ["SELECT name FROM cluster WHERE east_west_gateway_address BETWEEN 1 AND 2 AND mesh_east_west_gateway IS NOT NULL",
                          "SELECT cluster FROM service WHERE load_balancer_address BETWEEN 1 AND 2 AND load_balancer_ip IS NOT NULL",
                          "SELECT vnet FROM vnet_address_prefix WHERE first_address BETWEEN 1 AND 2"]:
                print(" ".join(row[-1] for row in c.execute("EXPLAIN QUERY PLAN " + query)))
            """
        let lines = try IndependentSQLite.python(check, [oldPath]).output.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        for line in lines.prefix(3) {
            #expect(line.hasSuffix(" True") && !line.contains(" 0 "), "\(line)")
        }
        #expect(lines.dropFirst(3).map { $0.contains("USING INDEX") && $0.contains("_address") } == [true, true, true], "\(lines)")
        // A write after the migration keeps them: the columns are computed from the text.
        let service = try #require(estate.services.values.filter { $0.loadBalancerIP != nil }.min { $0.id < $1.id })
        let moved = try #require(IPv4Address("10.200.1.2"))
        try migrated.update { $0.services[service.id]?.loadBalancerIP = moved }
        let after = try IndependentSQLite.python(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT load_balancer_address FROM service WHERE cluster = ? AND namespace = ? AND name = ?', sys.argv[2:]).fetchone()[0])",
            [oldPath, service.id.cluster, service.id.namespace, service.id.name])
        #expect(after.output == "\(moved.value)\n")
    }

    @Test("an SQLite database that is not crosslink's is refused")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("other.db").path
        try sqlite(path, "CREATE TABLE notes (body TEXT)")
        #expect(throws: CrosslinkError.self) { try Store(path: path) }
    }

    /// Builds a database at schema `version` in `oldPath` from the migration files up to it, and copies
    /// every row of the estate tables from the current database at `currentPath` into it (the stored
    /// routes are left out). Returns how many migration files it ran.
    @discardableResult
    private func copyIntoOldSchema(upTo version: Int, from currentPath: String, to oldPath: String) throws -> Int {
        let root = CrosslinkProcess.repositoryRoot.appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".sql") && Int($0.prefix(4)) ?? 99 <= version }.sorted()
        let oldSchema = try files.map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let copy = """
            import sqlite3, sys
            old, new, version = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2]), int(sys.argv[4])
            old.execute("CREATE TABLE crosslink_migration (identifier INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL) STRICT")
            old.executescript(sys.argv[3])
            old.executemany("INSERT INTO crosslink_migration VALUES (?, ?)", new.execute("SELECT * FROM crosslink_migration WHERE identifier <= ?", (version,)))
            old.execute("DELETE FROM reconcile_state")
            for table in ["vnet", "vnet_address_prefix", "cluster", "cluster_isolated_namespace", "cluster_node_pool", "service",
                          "service_port", "peering", "vpn_gateway", "vpn_connection", "tunnel", "mesh_link", "ingress",
                          "service_import", "reconcile_state"]:
                columns = ", ".join(row[1] for row in old.execute("PRAGMA table_info(" + table + ")"))
                rows = new.execute("SELECT " + columns + " FROM " + table).fetchall()
                if rows:
                    old.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, columns, ", ".join("?" * len(rows[0]))), rows)
            old.commit()
            """
        try python(copy, [oldPath, currentPath, oldSchema, String(version)])
        return files.count
    }

    /// Runs SQL through Python's sqlite3 module: a second, independent SQLite client.
    private func sqlite(_ path: String, _ sql: String) throws {
        try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", [path, sql])
    }

    private func python(_ script: String, _ arguments: [String]) throws {
        #expect(try IndependentSQLite.python(script, arguments).status == 0)
    }
}
