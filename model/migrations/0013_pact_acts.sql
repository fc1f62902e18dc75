-- The acts of a pact's procedure (issue 21): the protocol of the proposal, the working
-- group's minutes, opinions, the officer's determination, the executive's resolution, the
-- publication on the notice board…, each with its number, date and issuer, so that the
-- agreement's premises cite them. A file of an act is an attachment owned by its row
-- (owner_table 'pact_acts'); a pact's own files are attachments owned by the pact.
CREATE TABLE pact_acts (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT    NOT NULL DEFAULT '',
    kind     TEXT    NOT NULL DEFAULT '',
    number   TEXT    NOT NULL DEFAULT '',
    date     TEXT    NOT NULL DEFAULT '',
    issuer   TEXT    NOT NULL DEFAULT '',
    clk      TEXT    NOT NULL DEFAULT '',
    lseq     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_acts_pact ON pact_acts(pact_id);
