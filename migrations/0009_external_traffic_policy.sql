-- crosslink schema 9: a service's externalTrafficPolicy (spec §7.15), which decides the source address
-- a NetworkPolicy admits for the network path. Existing services get the Kubernetes default, Cluster.
-- SQLite adds a column with a constant default without rewriting the table, and checks the CHECK
-- constraint against the rows already there.
ALTER TABLE service ADD COLUMN external_traffic_policy TEXT NOT NULL DEFAULT 'Cluster'
    CHECK (external_traffic_policy = 'Cluster' OR external_traffic_policy = 'Local');
