-- crosslink schema 7: drop the index of imports by service. It served SQLite's per-row foreign-key
-- checks when a service was deleted; crosslink validates references itself before every write (see
-- docs/storage.md), and no query reads imports by service, so the index only cost a second B-tree
-- insert per import.
DROP INDEX service_import_by_service;
