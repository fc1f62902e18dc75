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
CREATE INDEX assets_source_id ON assets(source_id) WHERE source_id <> '';
CREATE INDEX assets_name ON assets(name COLLATE NOCASE);
CREATE INDEX assets_availability ON assets(availability);

-- Full-text search over the registry. FTS4 (compiled into go-sqlite3 without build tags)
-- with the unicode61 tokenizer folding case and removing diacritics on both sides, so
-- "citta" finds "Città" and "nino" finds "Niño". The index is external-content (it keeps
-- no second copy of the text) and is maintained by triggers: every writer of the assets
-- table, the local Tx.Put and the sync engine applying remote changes alike, keeps it
-- current without knowing it exists. The index is derived, local data and never synced.
CREATE VIRTUAL TABLE assets_fts USING fts4(
    content="assets", ref, name, description, address, district, municipality, region, territory, tags,
    tokenize=unicode61 "remove_diacritics=2"
);
CREATE TRIGGER assets_fts_before_update BEFORE UPDATE OF ref, name, description, address, district, municipality, region, territory, tags ON assets BEGIN
    DELETE FROM assets_fts WHERE docid = old.rowid;
END;
CREATE TRIGGER assets_fts_before_delete BEFORE DELETE ON assets BEGIN
    DELETE FROM assets_fts WHERE docid = old.rowid;
END;
CREATE TRIGGER assets_fts_after_update AFTER UPDATE OF ref, name, description, address, district, municipality, region, territory, tags ON assets BEGIN
    INSERT INTO assets_fts(docid, ref, name, description, address, district, municipality, region, territory, tags)
    VALUES (new.rowid, new.ref, new.name, new.description, new.address, new.district, new.municipality, new.region, new.territory, new.tags);
END;
-- A bulk import defers indexing its new rows to one INSERT … SELECT at the end of its
-- transaction (Tx.BeginBulkAssets / EndBulkAssets): twenty times faster than a trigger per row.
CREATE TRIGGER assets_fts_after_insert AFTER INSERT ON assets
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'assets.fts.deferred') BEGIN
    INSERT INTO assets_fts(docid, ref, name, description, address, district, municipality, region, territory, tags)
    VALUES (new.rowid, new.ref, new.name, new.description, new.address, new.district, new.municipality, new.region, new.territory, new.tags);
END;
