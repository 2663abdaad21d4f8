-- crosslink schema 3: a fingerprint of each stored answer, so a reconcile compares old and new
-- answers without reading every reason text back (0 for rows written before this migration, which
-- then simply compare as changed once).
ALTER TABLE route ADD COLUMN fingerprint INTEGER NOT NULL DEFAULT 0;
