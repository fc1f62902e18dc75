-- Social procurement (DESIGN §6): calls with their lots, criteria, bids and the scores
-- each evaluator gave. A call's criteria and weights are frozen when it opens: the
-- snapshot and its hash are kept in the call's row. Synced like every other record.
CREATE TABLE procurement_calls (
    id            TEXT PRIMARY KEY,
    deleted       INTEGER NOT NULL DEFAULT 0,
    ref           TEXT    NOT NULL DEFAULT '',
    title         TEXT    NOT NULL DEFAULT '',
    description   TEXT    NOT NULL DEFAULT '',
    budget        REAL    NOT NULL DEFAULT 0,
    currency      TEXT    NOT NULL DEFAULT '',
    procedure     TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT '',
    aggregation   TEXT    NOT NULL DEFAULT '',
    social_min    REAL    NOT NULL DEFAULT 0,
    opened_on     TEXT    NOT NULL DEFAULT '',
    frozen        TEXT    NOT NULL DEFAULT '',
    frozen_hash   TEXT    NOT NULL DEFAULT '',
    awarded_bid   TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    clk           TEXT    NOT NULL DEFAULT '',
    lseq          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX procurement_calls_ref ON procurement_calls(ref);

CREATE TABLE procurement_lots (
    id        TEXT PRIMARY KEY,
    deleted   INTEGER NOT NULL DEFAULT 0,
    call_id   TEXT    NOT NULL DEFAULT '' REFERENCES procurement_calls(id) DEFERRABLE INITIALLY DEFERRED,
    position  INTEGER NOT NULL DEFAULT 0,
    name      TEXT    NOT NULL DEFAULT '',
    clk       TEXT    NOT NULL DEFAULT '',
    lseq      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX procurement_lots_call ON procurement_lots(call_id);

CREATE TABLE procurement_criteria (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    call_id      TEXT    NOT NULL DEFAULT '' REFERENCES procurement_calls(id) DEFERRABLE INITIALLY DEFERRED,
    position     INTEGER NOT NULL DEFAULT 0,
    key          TEXT    NOT NULL DEFAULT '',
    title        TEXT    NOT NULL DEFAULT '',
    kind         TEXT    NOT NULL DEFAULT '',
    weight       REAL    NOT NULL DEFAULT 0,
    social_value INTEGER NOT NULL DEFAULT 0,
    formula      TEXT    NOT NULL DEFAULT '',
    param        REAL    NOT NULL DEFAULT 0,
    unit         TEXT    NOT NULL DEFAULT '',
    proxy        REAL    NOT NULL DEFAULT 0,
    citation     TEXT    NOT NULL DEFAULT '',
    descriptors  TEXT    NOT NULL DEFAULT '',
    clk          TEXT    NOT NULL DEFAULT '',
    lseq         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX procurement_criteria_call ON procurement_criteria(call_id);

CREATE TABLE procurement_bids (
    id                 TEXT PRIMARY KEY,
    deleted            INTEGER NOT NULL DEFAULT 0,
    call_id            TEXT    NOT NULL DEFAULT '' REFERENCES procurement_calls(id) DEFERRABLE INITIALLY DEFERRED,
    bidder             TEXT    NOT NULL DEFAULT '',
    bidder_type        TEXT    NOT NULL DEFAULT '',
    social_economy     INTEGER NOT NULL DEFAULT 0,
    local              INTEGER NOT NULL DEFAULT 0,
    disadvantaged_pct  REAL    NOT NULL DEFAULT 0,
    evidence           TEXT    NOT NULL DEFAULT '',
    lot                TEXT    NOT NULL DEFAULT '',
    price              REAL    NOT NULL DEFAULT 0,
    submitted_at       TEXT    NOT NULL DEFAULT '',
    quantities         TEXT    NOT NULL DEFAULT '',
    gates              TEXT    NOT NULL DEFAULT '',
    notes              TEXT    NOT NULL DEFAULT '',
    clk                TEXT    NOT NULL DEFAULT '',
    lseq               INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX procurement_bids_call ON procurement_bids(call_id);

CREATE TABLE procurement_scores (
    id             TEXT PRIMARY KEY,
    deleted        INTEGER NOT NULL DEFAULT 0,
    call_id        TEXT    NOT NULL DEFAULT '' REFERENCES procurement_calls(id) DEFERRABLE INITIALLY DEFERRED,
    bid_id         TEXT    NOT NULL DEFAULT '' REFERENCES procurement_bids(id) DEFERRABLE INITIALLY DEFERRED,
    criterion      TEXT    NOT NULL DEFAULT '',
    evaluator      TEXT    NOT NULL DEFAULT '',
    score          REAL    NOT NULL DEFAULT 0,
    justification  TEXT    NOT NULL DEFAULT '',
    clk            TEXT    NOT NULL DEFAULT '',
    lseq           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX procurement_scores_call ON procurement_scores(call_id);
