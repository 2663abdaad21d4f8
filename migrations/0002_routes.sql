-- crosslink schema 2: the reconciler's results.
-- One row per import and imported port, holding the latest answer; `generation` counts reconciles
-- that changed something, and each route row remembers the generation that last changed it.

CREATE TABLE reconcile_state (
    singleton  INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
    generation INTEGER NOT NULL CHECK (generation >= 0)
) STRICT;
INSERT INTO reconcile_state (singleton, generation) VALUES (1, 0);

-- hops: one hop per line; rejected: one "via<TAB>code<TAB>message" per line. Names are DNS labels,
-- so neither separator can occur inside a value.
CREATE TABLE route (
    consumer_cluster   TEXT NOT NULL,
    consumer_namespace TEXT NOT NULL,
    service_cluster    TEXT NOT NULL,
    service_namespace  TEXT NOT NULL,
    service_name       TEXT NOT NULL,
    service_port       INTEGER NOT NULL CHECK (service_port BETWEEN 1 AND 65535),
    port               INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    via                TEXT CHECK (via IN ('local', 'mesh', 'tunnel', 'network', 'ingress')),
    address            TEXT,
    hops               TEXT NOT NULL,
    rejected           TEXT NOT NULL,
    generation         INTEGER NOT NULL,
    PRIMARY KEY (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name, service_port),
    CHECK ((via IS NULL) = (address IS NULL))
) STRICT;
