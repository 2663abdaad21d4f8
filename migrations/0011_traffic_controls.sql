-- crosslink schema 11: route tables, firewalls and security groups (spec §8), a peering's
-- allowForwardedTraffic and a VPN gateway's GatewaySubnet. Rule and route lists are child tables
-- in their order; a rule's address, port and protocol lists are short and only ever read whole, so
-- each is one space-separated column (CIDRs, service tags, ports and protocols hold no spaces).

ALTER TABLE peering ADD COLUMN allow_forwarded_traffic INTEGER NOT NULL DEFAULT 0 CHECK (allow_forwarded_traffic = 0 OR allow_forwarded_traffic = 1);
ALTER TABLE vpn_gateway ADD COLUMN subnet TEXT;

CREATE TABLE route_table (
    name                     TEXT NOT NULL PRIMARY KEY,
    vnet                     TEXT NOT NULL REFERENCES vnet(name),
    propagate_gateway_routes INTEGER NOT NULL CHECK (propagate_gateway_routes = 0 OR propagate_gateway_routes = 1)
) STRICT, WITHOUT ROWID;
CREATE INDEX route_table_by_vnet ON route_table(vnet);

CREATE TABLE route_table_subnet (
    route_table TEXT NOT NULL REFERENCES route_table(name) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    cidr        TEXT NOT NULL,
    PRIMARY KEY (route_table, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE route_table_route (
    route_table TEXT NOT NULL REFERENCES route_table(name) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    prefix      TEXT NOT NULL,
    next_hop    TEXT NOT NULL CHECK (next_hop = 'virtual-appliance' OR next_hop = 'vnet-gateway' OR next_hop = 'vnet-local'
                                     OR next_hop = 'internet' OR next_hop = 'none'),
    next_hop_ip TEXT,
    PRIMARY KEY (route_table, position),
    CHECK ((next_hop = 'virtual-appliance') = (next_hop_ip IS NOT NULL))
) STRICT, WITHOUT ROWID;

CREATE TABLE firewall (
    name           TEXT NOT NULL PRIMARY KEY,
    vnet           TEXT NOT NULL REFERENCES vnet(name),
    private_ip     TEXT NOT NULL,
    default_action TEXT NOT NULL CHECK (default_action = 'allow' OR default_action = 'deny')
) STRICT, WITHOUT ROWID;
CREATE INDEX firewall_by_vnet ON firewall(vnet);

CREATE TABLE firewall_rule (
    firewall     TEXT NOT NULL REFERENCES firewall(name) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action = 'allow' OR action = 'deny'),
    sources      TEXT NOT NULL,
    destinations TEXT NOT NULL,
    ports        TEXT NOT NULL,
    protocols    TEXT NOT NULL,
    PRIMARY KEY (firewall, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE security_group (
    name TEXT NOT NULL PRIMARY KEY,
    vnet TEXT NOT NULL REFERENCES vnet(name)
) STRICT, WITHOUT ROWID;
CREATE INDEX security_group_by_vnet ON security_group(vnet);

CREATE TABLE security_group_subnet (
    security_group TEXT NOT NULL REFERENCES security_group(name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    cidr           TEXT NOT NULL,
    PRIMARY KEY (security_group, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE security_group_rule (
    security_group TEXT NOT NULL REFERENCES security_group(name) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    priority       INTEGER NOT NULL CHECK (priority BETWEEN 100 AND 4096),
    direction      TEXT NOT NULL CHECK (direction = 'inbound' OR direction = 'outbound'),
    access         TEXT NOT NULL CHECK (access = 'allow' OR access = 'deny'),
    protocol       TEXT NOT NULL CHECK (protocol = 'TCP' OR protocol = 'UDP' OR protocol = 'ICMP' OR protocol = '*'),
    sources        TEXT NOT NULL,
    destinations   TEXT NOT NULL,
    ports          TEXT NOT NULL,
    PRIMARY KEY (security_group, position)
) STRICT, WITHOUT ROWID;
