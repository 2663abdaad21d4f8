-- crosslink schema 1: the estate (spec §1). One table per entity; list fields in child tables.
-- Closed value sets are CHECKed here too, so a database edited by hand cannot hold nonsense.
-- Unordered pairs are stored sorted (a < b).

CREATE TABLE vnet (
    name   TEXT NOT NULL PRIMARY KEY,
    region TEXT NOT NULL
) STRICT;

CREATE TABLE vnet_address_prefix (
    vnet     TEXT NOT NULL REFERENCES vnet(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    cidr     TEXT NOT NULL,
    PRIMARY KEY (vnet, position)
) STRICT;

CREATE TABLE cluster (
    name                   TEXT NOT NULL PRIMARY KEY,
    vnet                   TEXT NOT NULL REFERENCES vnet(name),
    region                 TEXT NOT NULL,
    node_subnet            TEXT NOT NULL,
    network_plugin         TEXT NOT NULL CHECK (network_plugin IN ('azure-cni', 'azure-cni-overlay', 'kubenet')),
    pod_cidr               TEXT NOT NULL,
    service_cidr           TEXT NOT NULL,
    cluster_domain         TEXT NOT NULL,
    egress                 TEXT NOT NULL CHECK (egress IN ('internet', 'none')),
    globalnet_cidr         TEXT,
    mesh_id                TEXT,
    mesh_network           TEXT,
    mesh_trust_root        TEXT,
    mesh_east_west_gateway TEXT,
    CHECK ((mesh_id IS NULL) = (mesh_network IS NULL) AND (mesh_id IS NULL) = (mesh_trust_root IS NULL))
) STRICT;
CREATE INDEX cluster_by_vnet ON cluster(vnet);

CREATE TABLE cluster_isolated_namespace (
    cluster   TEXT NOT NULL REFERENCES cluster(name) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    namespace TEXT NOT NULL,
    PRIMARY KEY (cluster, position),
    UNIQUE (cluster, namespace)
) STRICT;

CREATE TABLE cluster_node_pool (
    cluster  TEXT NOT NULL REFERENCES cluster(name) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (cluster, position),
    UNIQUE (cluster, name)
) STRICT;

CREATE TABLE service (
    cluster          TEXT NOT NULL REFERENCES cluster(name),
    namespace        TEXT NOT NULL,
    name             TEXT NOT NULL,
    exposure         TEXT NOT NULL CHECK (exposure IN ('cluster-ip', 'internal-lb', 'public-lb')),
    load_balancer_ip TEXT,
    PRIMARY KEY (cluster, namespace, name)
) STRICT;

CREATE TABLE service_port (
    cluster      TEXT NOT NULL,
    namespace    TEXT NOT NULL,
    service      TEXT NOT NULL,
    position     INTEGER NOT NULL,
    name         TEXT,
    port         INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    target_port  INTEGER NOT NULL CHECK (target_port BETWEEN 1 AND 65535),
    protocol     TEXT NOT NULL CHECK (protocol IN ('TCP', 'UDP', 'SCTP')),
    app_protocol TEXT,
    PRIMARY KEY (cluster, namespace, service, position),
    FOREIGN KEY (cluster, namespace, service) REFERENCES service(cluster, namespace, name) ON DELETE CASCADE
) STRICT;

CREATE TABLE peering (
    vnet_a          TEXT NOT NULL REFERENCES vnet(name),
    vnet_b          TEXT NOT NULL REFERENCES vnet(name),
    state           TEXT NOT NULL CHECK (state IN ('connected', 'initiated', 'disconnected')),
    gateway_transit TEXT REFERENCES vnet(name),
    PRIMARY KEY (vnet_a, vnet_b),
    CHECK (vnet_a < vnet_b),
    CHECK (gateway_transit IS NULL OR gateway_transit IN (vnet_a, vnet_b))
) STRICT;
CREATE INDEX peering_by_vnet_b ON peering(vnet_b);

CREATE TABLE vpn_gateway (
    name      TEXT NOT NULL PRIMARY KEY,
    vnet      TEXT NOT NULL UNIQUE REFERENCES vnet(name),
    public_ip TEXT,
    bgp_asn   INTEGER CHECK (bgp_asn BETWEEN 1 AND 4294967295)
) STRICT;

CREATE TABLE vpn_connection (
    gateway_a TEXT NOT NULL REFERENCES vpn_gateway(name),
    gateway_b TEXT NOT NULL REFERENCES vpn_gateway(name),
    state     TEXT NOT NULL CHECK (state IN ('connected', 'connecting', 'notconnected')),
    bgp       INTEGER NOT NULL CHECK (bgp IN (0, 1)),
    PRIMARY KEY (gateway_a, gateway_b),
    CHECK (gateway_a < gateway_b)
) STRICT;
CREATE INDEX vpn_connection_by_gateway_b ON vpn_connection(gateway_b);

CREATE TABLE tunnel (
    cluster_a    TEXT NOT NULL REFERENCES cluster(name),
    cluster_b    TEXT NOT NULL REFERENCES cluster(name),
    cable_driver TEXT NOT NULL CHECK (cable_driver IN ('libreswan', 'wireguard', 'vxlan')),
    endpoint     TEXT NOT NULL CHECK (endpoint IN ('public', 'private')),
    state        TEXT NOT NULL CHECK (state IN ('connected', 'connecting', 'error')),
    PRIMARY KEY (cluster_a, cluster_b),
    CHECK (cluster_a < cluster_b)
) STRICT;
CREATE INDEX tunnel_by_cluster_b ON tunnel(cluster_b);

CREATE TABLE mesh_link (
    cluster_a TEXT NOT NULL REFERENCES cluster(name),
    cluster_b TEXT NOT NULL REFERENCES cluster(name),
    PRIMARY KEY (cluster_a, cluster_b),
    CHECK (cluster_a < cluster_b)
) STRICT;
CREATE INDEX mesh_link_by_cluster_b ON mesh_link(cluster_b);

CREATE TABLE ingress (
    cluster    TEXT NOT NULL,
    namespace  TEXT NOT NULL,
    service    TEXT NOT NULL,
    host       TEXT NOT NULL,
    port       INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    tls        INTEGER NOT NULL CHECK (tls IN (0, 1)),
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    address    TEXT,
    class_name TEXT,
    PRIMARY KEY (cluster, namespace, service),
    FOREIGN KEY (cluster, namespace, service) REFERENCES service(cluster, namespace, name)
) STRICT;

-- consumer_namespace '' means the whole consumer cluster (NULL cannot take part in a primary key).
CREATE TABLE service_import (
    consumer_cluster   TEXT NOT NULL REFERENCES cluster(name),
    consumer_namespace TEXT NOT NULL,
    service_cluster    TEXT NOT NULL,
    service_namespace  TEXT NOT NULL,
    service_name       TEXT NOT NULL,
    port               INTEGER CHECK (port BETWEEN 1 AND 65535),
    via                TEXT NOT NULL CHECK (via IN ('auto', 'local', 'mesh', 'tunnel', 'network', 'ingress')),
    PRIMARY KEY (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name),
    FOREIGN KEY (service_cluster, service_namespace, service_name) REFERENCES service(cluster, namespace, name)
) STRICT;
CREATE INDEX service_import_by_service ON service_import(service_cluster, service_namespace, service_name);
