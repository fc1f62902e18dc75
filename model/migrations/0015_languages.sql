-- Languages (issue 22): a pact's own section text kept when the pact's language changed is
-- flagged with the language it was written in, to be translated; and the glossary of the
-- book's terms, a definition per term and language, editable by translators.
ALTER TABLE pact_sections ADD COLUMN translate TEXT NOT NULL DEFAULT '';

-- A row per term and language; its id is "glossary-<term>-<lang>", so that two laptops
-- editing the same definition converge. The built-in glossary fills what has no row.
CREATE TABLE glossary (
    id         TEXT PRIMARY KEY,
    deleted    INTEGER NOT NULL DEFAULT 0,
    term       TEXT    NOT NULL DEFAULT '',
    lang       TEXT    NOT NULL DEFAULT '',
    label      TEXT    NOT NULL DEFAULT '',
    definition TEXT    NOT NULL DEFAULT '',
    clk        TEXT    NOT NULL DEFAULT '',
    lseq       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX glossary_term ON glossary(term);
