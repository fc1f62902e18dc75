-- The agreement as a legal office signs it (issue 20): the grammar of the parties (gender,
-- plural), their VAT number and the source of the representative's powers; sections with
-- their own title and the mark of the clauses approved specifically (Art. 1341 c.c.); the
-- title of a section per language beside its text; the correction of a signature record;
-- and the workspace's list of sections per kind of pact, in order.
ALTER TABLE pact_parties ADD COLUMN vat TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_parties ADD COLUMN powers TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_parties ADD COLUMN gender TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_parties ADD COLUMN plural INTEGER NOT NULL DEFAULT 0;

ALTER TABLE pact_sections ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_sections ADD COLUMN onerous INTEGER NOT NULL DEFAULT 0;

ALTER TABLE pact_templates ADD COLUMN title TEXT NOT NULL DEFAULT '';

ALTER TABLE pact_signatures ADD COLUMN corrects TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_signatures ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE pact_signatures ADD COLUMN actor TEXT NOT NULL DEFAULT '';

-- A row per section of the workspace's list for one kind of pact; its id is
-- "clause-<kind>-<key>", so that two laptops adding the same section converge. A kind
-- without rows uses the built-in list.
CREATE TABLE pact_clauses (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    kind     TEXT    NOT NULL DEFAULT '',
    key      TEXT    NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    onerous  INTEGER NOT NULL DEFAULT 0,
    clk      TEXT    NOT NULL DEFAULT '',
    lseq     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_clauses_kind ON pact_clauses(kind);
