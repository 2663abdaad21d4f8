import CrosslinkCore

/// A row of `ingress`.
struct IngressRow: TableRow {
    static let table = "ingress"
    static let columns = """
        cluster, namespace, service, host, port, tls, visibility, address, class_name, service_port_number, service_port_name
        """
    var ingress: Ingress

    init(row: SQLiteRow) throws {
        ingress = Ingress(
            service: try row.serviceID(from: 0), host: try row.requiredText(3), port: try row.requiredInt(4), tls: try row.requiredFlag(5),
            visibility: try row.requiredValue(6, "ingress visibility"), address: try row.optionalAddress(7, "ingress address"),
            className: row.text(8), servicePort: row.integer(9).map { .number(Int($0)) } ?? row.text(10).map { .name($0) })
    }
}
