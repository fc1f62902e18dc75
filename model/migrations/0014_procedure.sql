-- The procedure as the regulation runs it (issue 21): observations and competing proposals
-- received during a complex pact's publication and their answers; the single interruption
-- of the answer term; and the pact a renewal continues.
CREATE TABLE pact_observations (
    id          TEXT PRIMARY KEY,
    deleted     INTEGER NOT NULL DEFAULT 0,
    pact_id     TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL DEFAULT '',
    author      TEXT    NOT NULL DEFAULT '',
    received_on TEXT    NOT NULL DEFAULT '',
    text        TEXT    NOT NULL DEFAULT '',
    answer      TEXT    NOT NULL DEFAULT '',
    answered_on TEXT    NOT NULL DEFAULT '',
    answered_by TEXT    NOT NULL DEFAULT '',
    actor       TEXT    NOT NULL DEFAULT '',
    clk         TEXT    NOT NULL DEFAULT '',
    lseq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_observations_pact ON pact_observations(pact_id);

CREATE TABLE pact_interruptions (
    id        TEXT PRIMARY KEY,
    deleted   INTEGER NOT NULL DEFAULT 0,
    pact_id   TEXT    NOT NULL DEFAULT '',
    from_date TEXT    NOT NULL DEFAULT '',
    days      INTEGER NOT NULL DEFAULT 0,
    reason    TEXT    NOT NULL DEFAULT '',
    actor     TEXT    NOT NULL DEFAULT '',
    clk       TEXT    NOT NULL DEFAULT '',
    lseq      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_interruptions_pact ON pact_interruptions(pact_id);

ALTER TABLE pacts ADD COLUMN renews TEXT NOT NULL DEFAULT '';
