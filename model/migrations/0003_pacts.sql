-- Collaboration pacts, their parties, sections, support, indicators, monitoring reports,
-- status history, frozen versions, signatures, and the workspace's own section templates.
CREATE TABLE pacts (
    id               TEXT PRIMARY KEY,
    deleted          INTEGER NOT NULL DEFAULT 0,
    ref              TEXT    NOT NULL DEFAULT '',
    title            TEXT    NOT NULL DEFAULT '',
    kind             TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT '',
    lang             TEXT    NOT NULL DEFAULT '',
    summary          TEXT    NOT NULL DEFAULT '',
    category         TEXT    NOT NULL DEFAULT '',
    submitted_on     TEXT    NOT NULL DEFAULT '',
    published_on     TEXT    NOT NULL DEFAULT '',
    status_since     TEXT    NOT NULL DEFAULT '',
    start_date       TEXT    NOT NULL DEFAULT '',
    duration_months  INTEGER NOT NULL DEFAULT 0,
    extension_months INTEGER NOT NULL DEFAULT 0,
    report_months    INTEGER NOT NULL DEFAULT 0,
    officer          TEXT    NOT NULL DEFAULT '',
    immaterial       INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 0,
    notes            TEXT    NOT NULL DEFAULT '',
    source_id        TEXT    NOT NULL DEFAULT '',
    document_url     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pacts_ref ON pacts(ref);
CREATE INDEX pacts_status ON pacts(status);
CREATE INDEX pacts_source ON pacts(source_id);

CREATE TABLE pact_assets (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    asset_id TEXT NOT NULL DEFAULT '' REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX pact_assets_pact ON pact_assets(pact_id);
CREATE INDEX pact_assets_asset ON pact_assets(asset_id);

CREATE TABLE pact_parties (
    id             TEXT PRIMARY KEY,
    deleted        INTEGER NOT NULL DEFAULT 0,
    pact_id        TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    position       INTEGER NOT NULL DEFAULT 0,
    role           TEXT    NOT NULL DEFAULT '',
    type           TEXT    NOT NULL DEFAULT '',
    name           TEXT    NOT NULL DEFAULT '',
    representative TEXT    NOT NULL DEFAULT '',
    rep_role       TEXT    NOT NULL DEFAULT '',
    fiscal_code    TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    social_economy INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_parties_pact ON pact_parties(pact_id);

CREATE TABLE pact_sections (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    key      TEXT    NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    text     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pact_sections_pact ON pact_sections(pact_id);

CREATE TABLE pact_support (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL DEFAULT 0,
    kind     TEXT    NOT NULL DEFAULT '',
    details  TEXT    NOT NULL DEFAULT '',
    value    REAL    NOT NULL DEFAULT 0
);
CREATE INDEX pact_support_pact ON pact_support(pact_id);

CREATE TABLE pact_indicators (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL DEFAULT 0,
    name     TEXT    NOT NULL DEFAULT '',
    unit     TEXT    NOT NULL DEFAULT '',
    target   REAL    NOT NULL DEFAULT 0
);
CREATE INDEX pact_indicators_pact ON pact_indicators(pact_id);

CREATE TABLE pact_reports (
    id        TEXT PRIMARY KEY,
    deleted   INTEGER NOT NULL DEFAULT 0,
    pact_id   TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    period    TEXT    NOT NULL DEFAULT '',
    filed_on  TEXT    NOT NULL DEFAULT '',
    hours     REAL    NOT NULL DEFAULT 0,
    resources TEXT    NOT NULL DEFAULT '',
    narrative TEXT    NOT NULL DEFAULT '',
    filed_by  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pact_reports_pact ON pact_reports(pact_id);

CREATE TABLE pact_report_values (
    id           TEXT PRIMARY KEY,
    deleted      INTEGER NOT NULL DEFAULT 0,
    report_id    TEXT    NOT NULL DEFAULT '' REFERENCES pact_reports(id) DEFERRABLE INITIALLY DEFERRED,
    indicator_id TEXT    NOT NULL DEFAULT '' REFERENCES pact_indicators(id) DEFERRABLE INITIALLY DEFERRED,
    value        REAL    NOT NULL DEFAULT 0
);
CREATE INDEX pact_report_values_report ON pact_report_values(report_id);

CREATE TABLE pact_transitions (
    id          TEXT PRIMARY KEY,
    deleted     INTEGER NOT NULL DEFAULT 0,
    pact_id     TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    from_status TEXT    NOT NULL DEFAULT '',
    to_status   TEXT    NOT NULL DEFAULT '',
    at          TEXT    NOT NULL DEFAULT '',
    actor       TEXT    NOT NULL DEFAULT '',
    device      TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pact_transitions_pact ON pact_transitions(pact_id);

CREATE TABLE pact_versions (
    id        TEXT PRIMARY KEY,
    deleted   INTEGER NOT NULL DEFAULT 0,
    pact_id   TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    number    INTEGER NOT NULL DEFAULT 0,
    content   TEXT    NOT NULL DEFAULT '',
    sha256    TEXT    NOT NULL DEFAULT '',
    frozen_at TEXT    NOT NULL DEFAULT '',
    note      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pact_versions_pact ON pact_versions(pact_id);

CREATE TABLE pact_signatures (
    id         TEXT PRIMARY KEY,
    deleted    INTEGER NOT NULL DEFAULT 0,
    pact_id    TEXT    NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    version_id TEXT    NOT NULL DEFAULT '' REFERENCES pact_versions(id) DEFERRABLE INITIALLY DEFERRED,
    version    INTEGER NOT NULL DEFAULT 0,
    party_id   TEXT    NOT NULL DEFAULT '' REFERENCES pact_parties(id) DEFERRABLE INITIALLY DEFERRED,
    party_name TEXT    NOT NULL DEFAULT '',
    role       TEXT    NOT NULL DEFAULT '',
    signer     TEXT    NOT NULL DEFAULT '',
    signed_on  TEXT    NOT NULL DEFAULT '',
    method     TEXT    NOT NULL DEFAULT '',
    sha256     TEXT    NOT NULL DEFAULT '',
    device     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pact_signatures_pact ON pact_signatures(pact_id);

CREATE TABLE pact_templates (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    lang    TEXT    NOT NULL DEFAULT '',
    key     TEXT    NOT NULL DEFAULT '',
    text    TEXT    NOT NULL DEFAULT ''
);
