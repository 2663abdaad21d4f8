-- crosslink schema 4: incremental reconcile. Every change to the estate records the imports whose
-- answers it can affect; a reconcile recomputes only those. `full_needed` asks for a full reconcile
-- (a new database, or a change that can affect everything, such as a VNet's address space).
ALTER TABLE reconcile_state ADD COLUMN full_needed INTEGER NOT NULL DEFAULT 1 CHECK (full_needed IN (0, 1));

CREATE TABLE dirty_import (
    consumer_cluster   TEXT NOT NULL,
    consumer_namespace TEXT NOT NULL,
    service_cluster    TEXT NOT NULL,
    service_namespace  TEXT NOT NULL,
    service_name       TEXT NOT NULL,
    PRIMARY KEY (consumer_cluster, consumer_namespace, service_cluster, service_namespace, service_name)
) STRICT, WITHOUT ROWID;
