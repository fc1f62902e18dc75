-- The commons asset registry.
CREATE TABLE assets (
    id             TEXT PRIMARY KEY,
    deleted        INTEGER NOT NULL DEFAULT 0,
    ref            TEXT    NOT NULL DEFAULT '',
    kind           TEXT    NOT NULL DEFAULT '',
    name           TEXT    NOT NULL DEFAULT '',
    description    TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    district       TEXT    NOT NULL DEFAULT '',
    municipality   TEXT    NOT NULL DEFAULT '',
    region         TEXT    NOT NULL DEFAULT '',
    territory      TEXT    NOT NULL DEFAULT '',
    lat            REAL,
    lon            REAL,
    owner          TEXT    NOT NULL DEFAULT '',
    ownership      TEXT    NOT NULL DEFAULT '',
    protection     TEXT    NOT NULL DEFAULT '',
    designated     INTEGER NOT NULL DEFAULT 0,
    reserved       INTEGER NOT NULL DEFAULT 0,
    availability   TEXT    NOT NULL DEFAULT '',
    control_rights TEXT    NOT NULL DEFAULT '',
    community      TEXT    NOT NULL DEFAULT '',
    licence        TEXT    NOT NULL DEFAULT '',
    heritage       TEXT    NOT NULL DEFAULT '',
    tags           TEXT    NOT NULL DEFAULT '',
    source_id      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX assets_ref ON assets(ref);
CREATE INDEX assets_kind ON assets(kind);
CREATE INDEX assets_district ON assets(district);
