-- The last number this laptop gave out for each prefix of human references of a table
-- ("assets", "ASSET-" → 1234), written in the transaction that writes the row bearing it,
-- so that minting the next one reads one row instead of scanning and sorting every
-- reference. Local, never synced: a reference another laptop brought, or one a person
-- typed, is met and stepped over when the counter reaches it.
CREATE TABLE ref_counters (
    tbl    TEXT    NOT NULL,
    prefix TEXT    NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (tbl, prefix)
) WITHOUT ROWID;
