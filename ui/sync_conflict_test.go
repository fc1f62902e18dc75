package ui

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestConflictSubjectNamesRecordsAndFields(t *testing.T) {
	sh := newTestShell(t)
	db := sh.WS.Store.DB()
	var pact model.Pact
	require.NoError(t, db.Get(&pact, "SELECT id, ref, title FROM pacts WHERE ref = 'PACT-2026-0004'"))
	var asset model.Asset
	require.NoError(t, db.Get(&asset, "SELECT id, ref, name FROM assets WHERE ref = 'ASSET-0001'"))
	var section model.PactSection
	require.NoError(t, db.Get(&section, "SELECT id, key FROM pact_sections WHERE pact_id = ? AND key = 'risks'", pact.ID))
	cases := []struct {
		table, row, field string
		what, label       string
	}{
		{"assets", asset.ID, "district", "ASSET-0001 — " + asset.Name, "District"},
		{"assets", asset.ID, "description", "ASSET-0001 — " + asset.Name, "Description"},
		{"pacts", pact.ID, "duration_months", "PACT-2026-0004 — " + pact.Title, "Duration (months)"},
		{"pacts", pact.ID, "summary", "PACT-2026-0004 — " + pact.Title, "Summary"},
		{"pact_sections", section.ID, "text", "PACT-2026-0004 — " + pact.Title, sectionTitle("risks")},
		{"settings", "municipality", "value", "Settings", "Municipality"},
		{"assets", "no-such-row", "name", "assets no-such-row", "name"},
		{"assets", asset.ID, "clk_unknown", "ASSET-0001 — " + asset.Name, "clk_unknown"},
		{"assets", asset.ID, "deleted", "ASSET-0001 — " + asset.Name, "Deletion"},
		{"pacts", pact.ID, "deleted", "PACT-2026-0004 — " + pact.Title, "Deletion"},
	}
	for _, c := range cases {
		what, label := conflictSubject(db, model.Conflict{Table: c.table, Row: c.row, Field: c.field})
		require.Equal(t, c.what, what, c.table+"."+c.field)
		require.Equal(t, c.label, label, c.table+"."+c.field)
	}
	require.NotEqual(t, "risks", sectionTitle("risks"))
	require.Equal(t, "Comune B", conflictValue("value", model.RawJSON(`"Comune B"`)))
	require.Equal(t, "12", conflictValue("duration_months", model.RawJSON(`12`)))
	require.Equal(t, "Deleted", conflictValue("deleted", model.RawJSON(`true`)))
	require.Equal(t, "Kept", conflictValue("deleted", model.RawJSON(`false`)))
}
