-- Trust against a hostile shared folder (DESIGN §5 "Trust", "Self-repair").
--
-- A sealed segment's bytes stay here after they were written to the folder (written = 1),
-- so that each sync can check this device's segments in the folder against what it sealed
-- and rewrite any that were deleted, cut or damaged there. Segments written before this
-- migration were forgotten once written and cannot be repaired.
-- seen is the file's size and modification time when it was last found whole in the
-- folder: a sync reads back only the files whose stamp changed (and every file now and then).
ALTER TABLE sync_outbox ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_outbox ADD COLUMN seen TEXT NOT NULL DEFAULT '';

