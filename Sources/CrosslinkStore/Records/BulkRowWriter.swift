import CrosslinkCore

/// Writes the rows of services and imports, the bulk of an estate (a first apply of 10,000 clusters
/// writes 2.2M of them), through statements prepared once per write and bound column by column.
///
/// Same SQL and values as the generic path in `Store.write` had; held and bound in place rather than
/// looked up by SQL text and given an array per row: docs/benchmarks.md, "Apply floor (issue 13,
/// fifth session)".
struct BulkRowWriter {
    private let service: SQLiteStatement
    private let servicePort: SQLiteStatement
    private let deletePorts: SQLiteStatement
    private let serviceImport: SQLiteStatement

    init(connection: SQLiteConnection) throws {
        service = try connection.statement(
            """
            INSERT INTO service (cluster, namespace, name, exposure, load_balancer_ip, external_traffic_policy)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (cluster, namespace, name) DO UPDATE SET exposure = excluded.exposure,
                load_balancer_ip = excluded.load_balancer_ip, external_traffic_policy = excluded.external_traffic_policy
            """)
        servicePort = try connection.statement(
            """
            INSERT INTO service_port (cluster, namespace, service, position, name, port, target_port, protocol, app_protocol)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        deletePorts = try connection.statement("DELETE FROM service_port WHERE cluster = ? AND namespace = ? AND service = ?")
        serviceImport = try connection.statement(
            """
            INSERT INTO service_import (consumer_cluster, consumer_namespace, service_cluster, service_namespace,
                service_name, port, via)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
            DO UPDATE SET port = excluded.port, via = excluded.via
            """)
    }

    /// Inserts or updates a service and its ports; a new service has no ports to clear.
    func save(_ value: Service, isNew: Bool) throws {
        try bind(value.id, to: service)
        try service.bind(.text(value.exposure.rawValue), at: 4)
        try service.bind(value.loadBalancerIP?.description.sqlite ?? .null, at: 5)
        try service.bind(.text(value.externalTrafficPolicy.rawValue), at: 6)
        try service.run()
        if !isNew {
            try bind(value.id, to: deletePorts)
            try deletePorts.run()
        }
        for (position, port) in value.ports.enumerated() {
            try bind(value.id, to: servicePort)
            try servicePort.bind(.integer(Int64(position)), at: 4)
            try servicePort.bind(port.name.sqlite, at: 5)
            try servicePort.bind(.integer(Int64(port.port)), at: 6)
            try servicePort.bind(.integer(Int64(port.targetPort)), at: 7)
            try servicePort.bind(.text(port.protocol.rawValue), at: 8)
            try servicePort.bind(port.appProtocol.sqlite, at: 9)
            try servicePort.run()
        }
    }

    /// Inserts or updates an import.
    func save(_ item: ServiceImport) throws {
        try serviceImport.bind(.text(item.id.consumer.cluster), at: 1)
        try serviceImport.bind(.text(item.id.consumer.namespace ?? ""), at: 2)
        try serviceImport.bind(.text(item.id.service.cluster), at: 3)
        try serviceImport.bind(.text(item.id.service.namespace), at: 4)
        try serviceImport.bind(.text(item.id.service.name), at: 5)
        try serviceImport.bind(item.port.map { .integer(Int64($0)) } ?? .null, at: 6)
        try serviceImport.bind(.text(item.via.description), at: 7)
        try serviceImport.run()
    }

    private func bind(_ id: ServiceID, to statement: SQLiteStatement) throws {
        try statement.bind(.text(id.cluster), at: 1)
        try statement.bind(.text(id.namespace), at: 2)
        try statement.bind(.text(id.name), at: 3)
    }
}
