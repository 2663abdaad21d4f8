import CrosslinkCore

/// A row of `service`: the service without its ports (`ServicePortRow`).
struct ServiceRow: TableRow {
    static let table = "service"
    static let columns = "cluster, namespace, name, exposure, load_balancer_ip, external_traffic_policy"
    var service: Service

    init(row: SQLiteRow) throws {
        service = Service(
            id: try row.serviceID(from: 0), ports: [], exposure: try row.requiredValue(3, "exposure"),
            loadBalancerIP: try row.optionalAddress(4, "load balancer IP"),
            externalTrafficPolicy: try row.requiredValue(5, "external traffic policy"))
    }
}

/// A row of `service_port`: one port of a service.
struct ServicePortRow: TableRow {
    static let table = "service_port"
    static let columns = "cluster, namespace, service, name, port, target_port, protocol, app_protocol"
    var service: ServiceID
    var port: ServicePort

    init(row: SQLiteRow) throws {
        service = try row.serviceID(from: 0)
        port = ServicePort(
            name: row.text(3), port: try row.requiredInt(4), targetPort: try row.requiredInt(5),
            protocol: try row.requiredValue(6, "port protocol"), appProtocol: row.text(7))
    }
}

extension SQLiteRow {
    /// Columns `first`…`first + 2`: a service's cluster, namespace and name.
    func serviceID(from first: Int32) throws -> ServiceID {
        ServiceID(cluster: try requiredText(first), namespace: try requiredText(first + 1), name: try requiredText(first + 2))
    }
}
