-- crosslink schema 12: `routes --cluster X` reads the stored answers of the imports consumed by X (the
-- primary key's prefix) and of those served from X, found through this index instead of a scan of
-- every route. Small: the route table keeps its rowid, so an entry is the cluster name and a rowid.
CREATE INDEX route_by_service_cluster ON route(service_cluster);

-- `routes` now prints stored answers. Rows stored before closeness and fixes existed hold three fields
-- per rejection line (two tabs) instead of six (five tabs): if any is left, the next reconcile is a
-- full one, and until then `routes` answers from the estate, as it did when those rows were written.
UPDATE reconcile_state SET full_needed = 1
WHERE EXISTS (
    SELECT 1 FROM route
    WHERE rejected <> ''
      AND length(rejected) - length(replace(rejected, char(9), '')) < 5 * (1 + length(rejected) - length(replace(rejected, char(10), '')))
);
