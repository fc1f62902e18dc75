-- Sync through a shared folder (DESIGN §5).

-- The devices of the workspace: synced, so that every replica knows who may write. A row is
-- written by an administrator device (enrolment is a change in the log); the founding device
-- enrols itself. status: requested, enrolled, rejected, retired.
CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    deleted     INTEGER NOT NULL DEFAULT 0,
    name        TEXT    NOT NULL DEFAULT '',
    public_key  TEXT    NOT NULL DEFAULT '',
    admin       INTEGER NOT NULL DEFAULT 0,
    enrolled_by TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT ''
);

-- Local: concurrent edits with different values, kept for a person to resolve. "local" is the
-- value this replica held, "incoming" the one that arrived; winner says which one is in place.
CREATE TABLE sync_conflicts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl             TEXT    NOT NULL,
    row             TEXT    NOT NULL,
    field           TEXT    NOT NULL,
    local_device    TEXT    NOT NULL,
    local_seq       INTEGER NOT NULL,
    local_hlc       TEXT    NOT NULL,
    local_value     TEXT    NOT NULL,
    incoming_device TEXT    NOT NULL,
    incoming_seq    INTEGER NOT NULL,
    incoming_hlc    TEXT    NOT NULL,
    incoming_value  TEXT    NOT NULL,
    winner          TEXT    NOT NULL,        -- local or incoming
    detected        TEXT    NOT NULL,
    resolved        TEXT    NOT NULL DEFAULT '', -- '' while open; mine, theirs, edited, superseded
    resolved_at     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sync_conflicts_field ON sync_conflicts(tbl, row, field);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved);

-- Local: segments that were read and applied (or found bad), with their hashes, for the
-- per-device chain and to detect replays and cloned identities.
CREATE TABLE sync_segments (
    device    TEXT    NOT NULL,
    segment   INTEGER NOT NULL,
    sha256    TEXT    NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    applied   TEXT    NOT NULL,
    PRIMARY KEY (device, segment)
) WITHOUT ROWID;

-- Local: segment files shown but not applied (bad signature, broken chain, unknown device,
-- other workspace, clone). Re-examined at every sync; a cleared cause releases the file.
CREATE TABLE sync_quarantine (
    name     TEXT PRIMARY KEY,
    device   TEXT NOT NULL,
    segment  INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    detail   TEXT NOT NULL,
    seen     TEXT NOT NULL
) WITHOUT ROWID;

-- Local: applied changes whose clock was far ahead of this laptop's wall clock.
CREATE TABLE sync_flags (
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    reason TEXT    NOT NULL,
    hlc    TEXT    NOT NULL,
    seen   TEXT    NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
