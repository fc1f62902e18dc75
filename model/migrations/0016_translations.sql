-- Translations (issue 22): a workspace's own translation of one key of the language
-- bundles, which wins over the shipped text until a translator accepts the shipped one
-- again (the row is then deleted). Its id is "tr-<lang>-<key>", so that two laptops
-- translating the same key meet on one row (a differing text is a conflict).
CREATE TABLE translations (
    id          TEXT PRIMARY KEY,
    deleted     INTEGER NOT NULL DEFAULT 0,
    lang        TEXT    NOT NULL DEFAULT '',
    key         TEXT    NOT NULL DEFAULT '',
    one         TEXT    NOT NULL DEFAULT '',
    other       TEXT    NOT NULL DEFAULT '',
    source_hash TEXT    NOT NULL DEFAULT '',
    clk         TEXT    NOT NULL DEFAULT '',
    lseq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX translations_lang ON translations(lang);
