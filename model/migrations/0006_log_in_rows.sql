-- This device's own changes are no longer copied into the change log as they are made:
-- the rows they change hold them. Each field's clock (clk) already names the change that
-- wrote its value; a change of this device that no segment in the shared folder holds yet
-- also names, in its clock, the writer of the value the other replicas hold (its "base"),
-- and lseq is the highest sequence number this device wrote into the row, so that an
-- export finds the rows it must read. An export builds the entries from the rows (one per
-- change still in place) and seals them into a segment. See README "How sync works".
--
-- A person's edit is then one statement on one row, as it would be without sync: the
-- separate log row cost every write one more statement and one more page (README
-- "Benchmarks"). The change log keeps the changes of other devices, as applied here.

ALTER TABLE settings ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attachments ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assets ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pacts ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_assets ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_parties ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_sections ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_support ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_indicators ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_reports ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_report_values ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_transitions ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_versions ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_signatures ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pact_templates ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN lseq INTEGER NOT NULL DEFAULT 0;

-- The device's numbering: reserved is the highest sequence number taken (numbers are
-- taken by blocks, so that an edit writes no row here; a process that finds the block
-- moved on by another takes the next block), sealed the highest held by a segment. hlc is
-- the newest clock seen, kept across restarts. device names whose numbers these are: the
-- store claims them at open, and a new identity starts again from zero.
CREATE TABLE log_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    device   TEXT    NOT NULL DEFAULT '',
    reserved INTEGER NOT NULL DEFAULT 0,
    sealed   INTEGER NOT NULL DEFAULT 0,
    hlc      TEXT    NOT NULL DEFAULT ''
);
INSERT INTO log_state(id, hlc) VALUES (1, coalesce((SELECT value FROM meta WHERE key = 'hlc'), ''));
DELETE FROM meta WHERE key = 'hlc';

-- Segments sealed but not yet written to the shared folder (it was out of reach): their
-- exact bytes, written as soon as it is back.
CREATE TABLE sync_outbox (
    segment INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    data    BLOB NOT NULL
);
