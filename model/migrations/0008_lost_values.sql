-- A value this device wrote and had not sealed into a segment yet, overwritten here by a
-- concurrent change of another device that won by its clock. The row no longer holds it,
-- but the other laptops must still receive it, so that every replica records the same
-- conflict (DESIGN §4 "Remote changes"): the next export sends it with the change it
-- belonged to, and the seal forgets it. Local, never synced itself.
CREATE TABLE own_lost (
    seq         INTEGER NOT NULL, -- the change of this device that wrote the value
    hlc         TEXT    NOT NULL,
    tbl         TEXT    NOT NULL,
    row         TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    value       TEXT    NOT NULL, -- JSON
    base_device TEXT    NOT NULL DEFAULT '', -- the value it replaced (its base), if any
    base_seq    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (seq, tbl, row, field)
);

-- A conflict's kind: '' for two values of one field; 'removal' for a record removed on one
-- laptop while edited on another (field "deleted": the removal's side holds true, the
-- edit's side false, and names the newest edit the removal had not seen).
ALTER TABLE sync_conflicts ADD COLUMN kind TEXT NOT NULL DEFAULT '';
