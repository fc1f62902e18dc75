-- Local-only key/value state: the hybrid logical clock, sync bookkeeping, UI memory.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The change log: one entry per changed field, from this device and every device whose
-- changes were applied here. (device, seq) identifies an entry everywhere.
CREATE TABLE changes (
    device      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    hlc         TEXT    NOT NULL,
    tbl         TEXT    NOT NULL,
    row         TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    prev_device TEXT    NOT NULL DEFAULT '',
    prev_seq    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;

-- The clock of the value currently stored in each field of each synced row.
CREATE TABLE clocks (
    tbl    TEXT    NOT NULL,
    row    TEXT    NOT NULL,
    field  TEXT    NOT NULL,
    hlc    TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (tbl, row, field)
) WITHOUT ROWID;

-- Workspace-wide settings (municipality name, legal basis, deadlines): synced, one row per
-- setting, the setting's name as id so that two laptops setting it converge on one row.
CREATE TABLE settings (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    value   TEXT    NOT NULL DEFAULT ''
);

-- Attachments (photos, scans) of any row; the bytes live in the content-addressed blob store.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    deleted     INTEGER NOT NULL DEFAULT 0,
    owner_table TEXT    NOT NULL DEFAULT '',
    owner_id    TEXT    NOT NULL DEFAULT '',
    sha256      TEXT    NOT NULL DEFAULT '',
    name        TEXT    NOT NULL DEFAULT '',
    mime        TEXT    NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    caption     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX attachments_owner ON attachments(owner_table, owner_id);
