-- crosslink schema 12: route answers carry each rejected path's closeness and fix (spec §9.3).
-- Stored rejections gain `met`, `unmet` and `fix` fields (older rows decode without them), and every
-- answer's fingerprint covers them, so the next reconcile recomputes everything once.
UPDATE reconcile_state SET full_needed = 1;
DELETE FROM dirty_import;
