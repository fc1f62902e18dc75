-- Collaboration pacts and the assets they cover.
CREATE TABLE pacts (
    id      TEXT PRIMARY KEY,
    deleted INTEGER NOT NULL DEFAULT 0,
    ref     TEXT    NOT NULL DEFAULT '',
    title   TEXT    NOT NULL DEFAULT '',
    kind    TEXT    NOT NULL DEFAULT '',
    status  TEXT    NOT NULL DEFAULT '',
    lang    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX pacts_ref ON pacts(ref);
CREATE INDEX pacts_status ON pacts(status);

CREATE TABLE pact_assets (
    id       TEXT PRIMARY KEY,
    deleted  INTEGER NOT NULL DEFAULT 0,
    pact_id  TEXT NOT NULL DEFAULT '' REFERENCES pacts(id) DEFERRABLE INITIALLY DEFERRED,
    asset_id TEXT NOT NULL DEFAULT '' REFERENCES assets(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX pact_assets_pact ON pact_assets(pact_id);
CREATE INDEX pact_assets_asset ON pact_assets(asset_id);
