-- crosslink schema 8 (spec §7.8): an ingress is keyed by its service and its host, since a service
-- may sit behind several hosts, and it names one backend port of its service: a port number or a
-- port name, never both; neither means the service's first port (every ingress kept from schema 7).
CREATE TABLE new_ingress (
    cluster             TEXT NOT NULL,
    namespace           TEXT NOT NULL,
    service             TEXT NOT NULL,
    host                TEXT NOT NULL,
    port                INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls                 INTEGER NOT NULL CHECK (tls = 0 OR tls = 1),
    visibility          TEXT NOT NULL CHECK (visibility = 'public' OR visibility = 'internal'),
    address             TEXT,
    class_name          TEXT,
    service_port_number INTEGER CHECK (service_port_number BETWEEN 1 AND 65535),
    service_port_name   TEXT,
    PRIMARY KEY (cluster, namespace, service, host),
    FOREIGN KEY (cluster, namespace, service) REFERENCES service(cluster, namespace, name),
    CHECK (service_port_number IS NULL OR service_port_name IS NULL)
) STRICT, WITHOUT ROWID;
INSERT INTO new_ingress (cluster, namespace, service, host, port, tls, visibility, address, class_name)
    SELECT cluster, namespace, service, host, port, tls, visibility, address, class_name FROM ingress;
DROP TABLE ingress;
ALTER TABLE new_ingress RENAME TO ingress;
