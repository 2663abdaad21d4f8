-- crosslink schema 6: cheaper writes, same data.
--
-- 1. Closed value sets are CHECKed with `=` chains instead of `IN (...)`: SQLite evaluates an IN list
--    of three or more constants by building a temporary B-tree on every statement run, which cost
--    about 3 µs per inserted row (a third of an import's insert).
-- 2. Tables keyed by names are WITHOUT ROWID: the primary key is the table, one B-tree instead of a
--    table plus its key index. `route` keeps its rowid: its reason texts make rows too long for that.
--
-- Each table is rebuilt the way SQLite documents (create new, copy, drop old, rename); the migrator
-- runs this with foreign-key enforcement off and checks every foreign key before committing.

CREATE TABLE new_vnet (
    name   TEXT NOT NULL PRIMARY KEY,
    region TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO new_vnet SELECT name, region FROM vnet;
DROP TABLE vnet;
ALTER TABLE new_vnet RENAME TO vnet;

CREATE TABLE new_vnet_address_prefix (
    vnet     TEXT NOT NULL REFERENCES vnet(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    cidr     TEXT NOT NULL,
    PRIMARY KEY (vnet, position)
) STRICT, WITHOUT ROWID;
INSERT INTO new_vnet_address_prefix SELECT vnet, position, cidr FROM vnet_address_prefix;
DROP TABLE vnet_address_prefix;
ALTER TABLE new_vnet_address_prefix RENAME TO vnet_address_prefix;
CREATE INDEX vnet_address_prefix_by_cidr ON vnet_address_prefix(cidr);

CREATE TABLE new_cluster (
    name                   TEXT NOT NULL PRIMARY KEY,
    vnet                   TEXT NOT NULL REFERENCES vnet(name),
    region                 TEXT NOT NULL,
    node_subnet            TEXT NOT NULL,
    network_plugin         TEXT NOT NULL CHECK (network_plugin = 'azure-cni' OR network_plugin = 'azure-cni-overlay' OR network_plugin = 'kubenet'),
    pod_cidr               TEXT NOT NULL,
    service_cidr           TEXT NOT NULL,
    cluster_domain         TEXT NOT NULL,
    egress                 TEXT NOT NULL CHECK (egress = 'internet' OR egress = 'none'),
    globalnet_cidr         TEXT,
    mesh_id                TEXT,
    mesh_network           TEXT,
    mesh_trust_root        TEXT,
    mesh_east_west_gateway TEXT,
    CHECK ((mesh_id IS NULL) = (mesh_network IS NULL) AND (mesh_id IS NULL) = (mesh_trust_root IS NULL))
) STRICT, WITHOUT ROWID;
INSERT INTO new_cluster SELECT name, vnet, region, node_subnet, network_plugin, pod_cidr, service_cidr, cluster_domain,
    egress, globalnet_cidr, mesh_id, mesh_network, mesh_trust_root, mesh_east_west_gateway FROM cluster;
DROP TABLE cluster;
ALTER TABLE new_cluster RENAME TO cluster;
CREATE INDEX cluster_by_vnet ON cluster(vnet);

CREATE TABLE new_cluster_isolated_namespace (
    cluster   TEXT NOT NULL REFERENCES cluster(name) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    namespace TEXT NOT NULL,
    PRIMARY KEY (cluster, position),
    UNIQUE (cluster, namespace)
) STRICT, WITHOUT ROWID;
INSERT INTO new_cluster_isolated_namespace SELECT cluster, position, namespace FROM cluster_isolated_namespace;
DROP TABLE cluster_isolated_namespace;
ALTER TABLE new_cluster_isolated_namespace RENAME TO cluster_isolated_namespace;

CREATE TABLE new_cluster_node_pool (
    cluster  TEXT NOT NULL REFERENCES cluster(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (cluster, position),
    UNIQUE (cluster, name)
) STRICT, WITHOUT ROWID;
INSERT INTO new_cluster_node_pool SELECT cluster, position, name FROM cluster_node_pool;
DROP TABLE cluster_node_pool;
ALTER TABLE new_cluster_node_pool RENAME TO cluster_node_pool;

CREATE TABLE new_service (
    cluster          TEXT NOT NULL REFERENCES cluster(name),
    namespace        TEXT NOT NULL,
    name             TEXT NOT NULL,
    exposure         TEXT NOT NULL CHECK (exposure = 'cluster-ip' OR exposure = 'internal-lb' OR exposure = 'public-lb'),
    load_balancer_ip TEXT,
    PRIMARY KEY (cluster, namespace, name)
) STRICT, WITHOUT ROWID;
INSERT INTO new_service SELECT cluster, namespace, name, exposure, load_balancer_ip FROM service;
DROP TABLE service;
ALTER TABLE new_service RENAME TO service;

CREATE TABLE new_service_port (
    cluster      TEXT NOT NULL,
    namespace    TEXT NOT NULL,
    service      TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT,
    port         INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    target_port  INTEGER NOT NULL CHECK (target_port BETWEEN 1 AND 65535),
    protocol     TEXT NOT NULL CHECK (protocol = 'TCP' OR protocol = 'UDP' OR protocol = 'SCTP'),
    app_protocol TEXT,
    PRIMARY KEY (cluster, namespace, service, position),
    FOREIGN KEY (cluster, namespace, service) REFERENCES service(cluster, namespace, name) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
INSERT INTO new_service_port SELECT cluster, namespace, service, position, name, port, target_port, protocol, app_protocol FROM service_port;
DROP TABLE service_port;
ALTER TABLE new_service_port RENAME TO service_port;

CREATE TABLE new_peering (
    vnet_a          TEXT NOT NULL REFERENCES vnet(name),
    vnet_b          TEXT NOT NULL REFERENCES vnet(name),
    state           TEXT NOT NULL CHECK (state = 'connected' OR state = 'initiated' OR state = 'disconnected'),
    gateway_transit TEXT REFERENCES vnet(name),
    PRIMARY KEY (vnet_a, vnet_b),
    CHECK (vnet_a < vnet_b),
    CHECK (gateway_transit IS NULL OR gateway_transit = vnet_a OR gateway_transit = vnet_b)
) STRICT, WITHOUT ROWID;
INSERT INTO new_peering SELECT vnet_a, vnet_b, state, gateway_transit FROM peering;
DROP TABLE peering;
ALTER TABLE new_peering RENAME TO peering;
CREATE INDEX peering_by_vnet_b ON peering(vnet_b);

CREATE TABLE new_vpn_gateway (
    name      TEXT NOT NULL PRIMARY KEY,
    vnet      TEXT NOT NULL UNIQUE REFERENCES vnet(name),
    public_ip TEXT,
    bgp_asn   INTEGER CHECK (bgp_asn BETWEEN 1 AND 4294967295)
) STRICT, WITHOUT ROWID;
INSERT INTO new_vpn_gateway SELECT name, vnet, public_ip, bgp_asn FROM vpn_gateway;
DROP TABLE vpn_gateway;
ALTER TABLE new_vpn_gateway RENAME TO vpn_gateway;

CREATE TABLE new_vpn_connection (
    gateway_a TEXT NOT NULL REFERENCES vpn_gateway(name),
    gateway_b TEXT NOT NULL REFERENCES vpn_gateway(name),
    state     TEXT NOT NULL CHECK (state = 'connected' OR state = 'connecting' OR state = 'notconnected'),
    bgp       INTEGER NOT NULL CHECK (bgp = 0 OR bgp = 1),
    PRIMARY KEY (gateway_a, gateway_b),
    CHECK (gateway_a < gateway_b)
) STRICT, WITHOUT ROWID;
INSERT INTO new_vpn_connection SELECT gateway_a, gateway_b, state, bgp FROM vpn_connection;
DROP TABLE vpn_connection;
ALTER TABLE new_vpn_connection RENAME TO vpn_connection;
CREATE INDEX vpn_connection_by_gateway_b ON vpn_connection(gateway_b);

CREATE TABLE new_tunnel (
    cluster_a    TEXT NOT NULL REFERENCES cluster(name),
    cluster_b    TEXT NOT NULL REFERENCES cluster(name),
    cable_driver TEXT NOT NULL CHECK (cable_driver = 'libreswan' OR cable_driver = 'wireguard' OR cable_driver = 'vxlan'),
    endpoint     TEXT NOT NULL CHECK (endpoint = 'public' OR endpoint = 'private'),
    state        TEXT NOT NULL CHECK (state = 'connected' OR state = 'connecting' OR state = 'error'),
    PRIMARY KEY (cluster_a, cluster_b),
    CHECK (cluster_a < cluster_b)
) STRICT, WITHOUT ROWID;
INSERT INTO new_tunnel SELECT cluster_a, cluster_b, cable_driver, endpoint, state FROM tunnel;
DROP TABLE tunnel;
ALTER TABLE new_tunnel RENAME TO tunnel;
CREATE INDEX tunnel_by_cluster_b ON tunnel(cluster_b);

CREATE TABLE new_mesh_link (
    cluster_a TEXT NOT NULL REFERENCES cluster(name),
    cluster_b TEXT NOT NULL REFERENCES cluster(name),
    PRIMARY KEY (cluster_a, cluster_b),
    CHECK (cluster_a < cluster_b)
) STRICT, WITHOUT ROWID;
INSERT INTO new_mesh_link SELECT cluster_a, cluster_b FROM mesh_link;
DROP TABLE mesh_link;
ALTER TABLE new_mesh_link RENAME TO mesh_link;
CREATE INDEX mesh_link_by_cluster_b ON mesh_link(cluster_b);

CREATE TABLE new_ingress (
    cluster    TEXT NOT NULL,
    namespace  TEXT NOT NULL,
    service    TEXT NOT NULL,
    host       TEXT NOT NULL,
    port       INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls        INTEGER NOT NULL CHECK (tls = 0 OR tls = 1),
    visibility TEXT NOT NULL CHECK (visibility = 'public' OR visibility = 'internal'),
    address    TEXT,
    class_name TEXT,
    PRIMARY KEY (cluster, namespace, service),
    FOREIGN KEY (cluster, namespace, service) REFERENCES service(cluster, namespace, name)
) STRICT, WITHOUT ROWID;
INSERT INTO new_ingress SELECT cluster, namespace, service, host, port, tls, visibility, address, class_name FROM ingress;
DROP TABLE ingress;
ALTER TABLE new_ingress RENAME TO ingress;

CREATE TABLE new_service_import (
    consumer_cluster   TEXT NOT NULL REFERENCES cluster(name),
    consumer_namespace TEXT NOT NULL,
    service_cluster    TEXT NOT NULL,
    service_namespace  TEXT NOT NULL,
    service_name       TEXT NOT NULL,
    port               INTEGER CHECK (port BETWEEN 1 AND 65535),
    via                TEXT NOT NULL CHECK (via = 'auto' OR via = 'local' OR via = 'mesh' OR via = 'tunnel' OR via = 'network' OR via = 'ingress'),
    PRIMARY KEY (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name),
    FOREIGN KEY (service_cluster, service_namespace, service_name) REFERENCES service(cluster, namespace, name)
) STRICT, WITHOUT ROWID;
INSERT INTO new_service_import SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, port, via
    FROM service_import;
DROP TABLE service_import;
ALTER TABLE new_service_import RENAME TO service_import;
CREATE INDEX service_import_by_service ON service_import(service_cluster, service_namespace, service_name);

CREATE TABLE new_route (
    consumer_cluster   TEXT NOT NULL,
    consumer_namespace TEXT NOT NULL,
    service_cluster    TEXT NOT NULL,
    service_namespace  TEXT NOT NULL,
    service_name       TEXT NOT NULL,
    service_port       INTEGER NOT NULL CHECK (service_port BETWEEN 1 AND 65535),
    port               INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    via                TEXT CHECK (via = 'local' OR via = 'mesh' OR via = 'tunnel' OR via = 'network' OR via = 'ingress'),
    address            TEXT,
    hops               TEXT NOT NULL,
    rejected           TEXT NOT NULL,
    generation         INTEGER NOT NULL,
    fingerprint        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port),
    CHECK ((via IS NULL) = (address IS NULL))
) STRICT;
INSERT INTO new_route SELECT consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name,
    service_port, port, via, address, hops, rejected, generation, fingerprint FROM route;
DROP TABLE route;
ALTER TABLE new_route RENAME TO route;
