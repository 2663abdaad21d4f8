-- crosslink schema 13: addresses as integers, so "which load balancers, east-west gateways and VNet
-- prefixes lie inside this CIDR" is an index range scan instead of a scan of every row parsing text
-- (a peering write's route impact read 20,000 load-balancer addresses at 10,000 clusters).
--
-- Virtual generated columns: SQLite computes them from the stored text, so no write path changes and
-- existing rows need no update; only the indexes store them. The text is the canonical dotted quad
-- crosslink writes ("a.b.c.d", or "a.b.c.d/n" for a prefix, whose first address it gives): the
-- expression takes the integer prefix of the text after each of the first three dots.
-- Partial indexes: only rows with an address are indexed; queries repeat the `IS NOT NULL`.

ALTER TABLE service ADD COLUMN load_balancer_address INTEGER AS (
    ((CAST(load_balancer_ip AS INTEGER) * 256
        + CAST(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), instr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), instr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), '.') + 1), instr(substr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), instr(substr(load_balancer_ip, instr(load_balancer_ip, '.') + 1), '.') + 1), '.') + 1) AS INTEGER)
) VIRTUAL;
CREATE INDEX service_by_load_balancer_address ON service(load_balancer_address) WHERE load_balancer_ip IS NOT NULL;

ALTER TABLE cluster ADD COLUMN east_west_gateway_address INTEGER AS (
    ((CAST(mesh_east_west_gateway AS INTEGER) * 256
        + CAST(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), instr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), instr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), '.') + 1), instr(substr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), instr(substr(mesh_east_west_gateway, instr(mesh_east_west_gateway, '.') + 1), '.') + 1), '.') + 1) AS INTEGER)
) VIRTUAL;
CREATE INDEX cluster_by_east_west_gateway_address ON cluster(east_west_gateway_address) WHERE mesh_east_west_gateway IS NOT NULL;

-- A prefix's first address: the prefixes inside a CIDR are those whose first address lies in its range
-- (the prefixes around it are found by `cidr`, vnet_address_prefix_by_cidr).
ALTER TABLE vnet_address_prefix ADD COLUMN first_address INTEGER AS (
    ((CAST(cidr AS INTEGER) * 256
        + CAST(substr(cidr, instr(cidr, '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(cidr, instr(cidr, '.') + 1), instr(substr(cidr, instr(cidr, '.') + 1), '.') + 1) AS INTEGER)) * 256
        + CAST(substr(substr(substr(cidr, instr(cidr, '.') + 1), instr(substr(cidr, instr(cidr, '.') + 1), '.') + 1), instr(substr(substr(cidr, instr(cidr, '.') + 1), instr(substr(cidr, instr(cidr, '.') + 1), '.') + 1), '.') + 1) AS INTEGER)
) VIRTUAL;
CREATE INDEX vnet_address_prefix_by_first_address ON vnet_address_prefix(first_address);
