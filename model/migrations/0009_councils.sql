-- Joint municipal/civil councils (DESIGN §6 "Councils"): the council and its rule, its
-- members, the records of how civil members were chosen, the officer terms that have been
-- assigned or have begun (later terms are computed from the council's settings), and its
-- meetings with their decisions. Synced like every other record: tombstones, clk, lseq.
CREATE TABLE councils (
    id             TEXT PRIMARY KEY,
    deleted        INTEGER NOT NULL DEFAULT 0,
    name           TEXT    NOT NULL DEFAULT '',
    level          TEXT    NOT NULL DEFAULT '',
    jurisdiction   TEXT    NOT NULL DEFAULT '',
    purpose        TEXT    NOT NULL DEFAULT '',
    seats_per_side INTEGER NOT NULL DEFAULT 0,
    seats          INTEGER NOT NULL DEFAULT 0,
    term_years     INTEGER NOT NULL DEFAULT 0,
    first_chair    TEXT    NOT NULL DEFAULT '',
    founded        TEXT    NOT NULL DEFAULT '',
    rule           TEXT    NOT NULL DEFAULT '',
    by_lot         INTEGER NOT NULL DEFAULT 0,
    quorum         TEXT    NOT NULL DEFAULT '',
    anchor_index   INTEGER NOT NULL DEFAULT 0,
    anchor_start   TEXT    NOT NULL DEFAULT '',
    anchor_chair   TEXT    NOT NULL DEFAULT '',
    notes          TEXT    NOT NULL DEFAULT '',
    clk            TEXT    NOT NULL DEFAULT '',
    lseq           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE council_members (
    id             TEXT PRIMARY KEY,
    deleted        INTEGER NOT NULL DEFAULT 0,
    council_id     TEXT    NOT NULL DEFAULT '' REFERENCES councils(id) DEFERRABLE INITIALLY DEFERRED,
    name           TEXT    NOT NULL DEFAULT '',
    side           TEXT    NOT NULL DEFAULT '',
    category       TEXT    NOT NULL DEFAULT '',
    org            TEXT    NOT NULL DEFAULT '',
    seat           INTEGER NOT NULL DEFAULT 0,
    designated     TEXT    NOT NULL DEFAULT '',
    mode           TEXT    NOT NULL DEFAULT '',
    selection_id   TEXT    NOT NULL DEFAULT '',
    ceased         TEXT    NOT NULL DEFAULT '',
    ceased_reason  TEXT    NOT NULL DEFAULT '',
    substitute_for TEXT    NOT NULL DEFAULT '',
    clk            TEXT    NOT NULL DEFAULT '',
    lseq           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_members_council ON council_members(council_id);

CREATE TABLE council_selections (
    id            TEXT PRIMARY KEY,
    deleted       INTEGER NOT NULL DEFAULT 0,
    council_id    TEXT    NOT NULL DEFAULT '' REFERENCES councils(id) DEFERRABLE INITIALLY DEFERRED,
    date          TEXT    NOT NULL DEFAULT '',
    method        TEXT    NOT NULL DEFAULT '',
    seats         INTEGER NOT NULL DEFAULT 0,
    organisations TEXT    NOT NULL DEFAULT '',
    candidates    TEXT    NOT NULL DEFAULT '',
    votes         TEXT    NOT NULL DEFAULT '',
    result        TEXT    NOT NULL DEFAULT '',
    seed          TEXT    NOT NULL DEFAULT '',
    record        TEXT    NOT NULL DEFAULT '',
    minutes_id    TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    clk           TEXT    NOT NULL DEFAULT '',
    lseq          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_selections_council ON council_selections(council_id);

CREATE TABLE council_terms (
    id              TEXT PRIMARY KEY,
    deleted         INTEGER NOT NULL DEFAULT 0,
    council_id      TEXT    NOT NULL DEFAULT '' REFERENCES councils(id) DEFERRABLE INITIALLY DEFERRED,
    term_index      INTEGER NOT NULL DEFAULT 0,
    start           TEXT    NOT NULL DEFAULT '',
    end             TEXT    NOT NULL DEFAULT '',
    chair_side      TEXT    NOT NULL DEFAULT '',
    chair           TEXT    NOT NULL DEFAULT '',
    vice_chair      TEXT    NOT NULL DEFAULT '',
    clk             TEXT    NOT NULL DEFAULT '',
    lseq            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_terms_council ON council_terms(council_id);

CREATE TABLE council_meetings (
    id         TEXT PRIMARY KEY,
    deleted    INTEGER NOT NULL DEFAULT 0,
    council_id TEXT    NOT NULL DEFAULT '' REFERENCES councils(id) DEFERRABLE INITIALLY DEFERRED,
    date       TEXT    NOT NULL DEFAULT '',
    agenda     TEXT    NOT NULL DEFAULT '',
    present    TEXT    NOT NULL DEFAULT '',
    notes      TEXT    NOT NULL DEFAULT '',
    clk        TEXT    NOT NULL DEFAULT '',
    lseq       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_meetings_council ON council_meetings(council_id);

CREATE TABLE council_decisions (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    meeting_id       TEXT    NOT NULL DEFAULT '' REFERENCES council_meetings(id) DEFERRABLE INITIALLY DEFERRED,
    position         INTEGER NOT NULL DEFAULT 0,
    text             TEXT    NOT NULL DEFAULT '',
    gov_for          INTEGER NOT NULL DEFAULT 0,
    gov_against      INTEGER NOT NULL DEFAULT 0,
    gov_abstain      INTEGER NOT NULL DEFAULT 0,
    civil_for        INTEGER NOT NULL DEFAULT 0,
    civil_against    INTEGER NOT NULL DEFAULT 0,
    civil_abstain    INTEGER NOT NULL DEFAULT 0,
    clk              TEXT    NOT NULL DEFAULT '',
    lseq             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX council_decisions_meeting ON council_decisions(meeting_id);
