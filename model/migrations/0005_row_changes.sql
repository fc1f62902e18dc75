-- The change log becomes one entry per changed row instead of one per changed field, and
-- the field clocks move into the rows they describe (a clk column on every synced table).
-- A new asset used to cost twenty log and clock rows besides its own; it now costs one log
-- row. See README "Benchmarks" for the figures behind the change.

-- One entry per Put: the changed fields and their values as one JSON object, and the
-- writers of the values they replaced. Sequence numbers are kept, so version vectors and
-- the segments already in a shared folder stay valid.
CREATE TABLE changes_v2 (
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    hlc    TEXT    NOT NULL,
    tbl    TEXT    NOT NULL,
    row    TEXT    NOT NULL,
    fields TEXT    NOT NULL, -- {"field": value, ...}
    prev   TEXT    NOT NULL DEFAULT '', -- {"field": ["device", seq], ...} or ''
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
INSERT INTO changes_v2(device, seq, hlc, tbl, row, fields, prev)
SELECT device, seq, hlc, tbl, row, json_object(field, json(value)),
       CASE WHEN prev_device = '' THEN '' ELSE json_object(field, json_array(prev_device, prev_seq)) END
FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v2 RENAME TO changes;

-- Field clocks: {"field": ["hlc", seq], ...}; "*" stands for every field without its own
-- key (a row created by one change). Derived from the log, local, never synced.
ALTER TABLE settings ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE settings SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'settings' AND row = settings.id), '');
ALTER TABLE attachments ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE attachments SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'attachments' AND row = attachments.id), '');
ALTER TABLE assets ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE assets SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'assets' AND row = assets.id), '');
ALTER TABLE pacts ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pacts SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pacts' AND row = pacts.id), '');
ALTER TABLE pact_assets ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_assets SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_assets' AND row = pact_assets.id), '');
ALTER TABLE pact_parties ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_parties SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_parties' AND row = pact_parties.id), '');
ALTER TABLE pact_sections ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_sections SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_sections' AND row = pact_sections.id), '');
ALTER TABLE pact_support ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_support SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_support' AND row = pact_support.id), '');
ALTER TABLE pact_indicators ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_indicators SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_indicators' AND row = pact_indicators.id), '');
ALTER TABLE pact_reports ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_reports SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_reports' AND row = pact_reports.id), '');
ALTER TABLE pact_report_values ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_report_values SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_report_values' AND row = pact_report_values.id), '');
ALTER TABLE pact_transitions ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_transitions SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_transitions' AND row = pact_transitions.id), '');
ALTER TABLE pact_versions ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_versions SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_versions' AND row = pact_versions.id), '');
ALTER TABLE pact_signatures ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_signatures SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_signatures' AND row = pact_signatures.id), '');
ALTER TABLE pact_templates ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE pact_templates SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'pact_templates' AND row = pact_templates.id), '');
ALTER TABLE devices ADD COLUMN clk TEXT NOT NULL DEFAULT '';
UPDATE devices SET clk = coalesce((SELECT json_group_object(field, json_array(hlc, seq)) FROM clocks WHERE tbl = 'devices' AND row = devices.id), '');
DROP TABLE clocks;
