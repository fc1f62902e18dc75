package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/internal/replica"
	"pacta/model"
	"pacta/pacts"
)

func TestConflictSubjectNamesRecordsAndFields(t *testing.T) {
	ws, err := Init(context.Background(), filepath.Join(t.TempDir(), "ws"), "Comune di Prova", true)
	require.NoError(t, err)
	defer ws.Close()
	db := ws.Store.DB()
	d, err := pacts.LoadRef(db, "PACT-2026-0004")
	require.NoError(t, err)
	pact := d.Pact
	section, ok := d.Section("risks")
	require.True(t, ok)
	a, err := assets.GetAsset(db, "ASSET-0001")
	require.NoError(t, err)
	asset := a.Asset
	cases := []struct {
		table, row, field string
		what, label       string
	}{
		{"assets", asset.ID, "district", "ASSET-0001 — " + asset.Name, "District"},
		{"assets", asset.ID, "description", "ASSET-0001 — " + asset.Name, "Description"},
		{"pacts", pact.ID, "duration_months", "PACT-2026-0004 — " + pact.Title, "Duration (months)"},
		{"pacts", pact.ID, "summary", "PACT-2026-0004 — " + pact.Title, "Summary"},
		{"pact_sections", section.ID, "text", "PACT-2026-0004 — " + pact.Title, SectionTitle("risks")},
		{"settings", "municipality", "value", "Settings", "Municipality"},
		{"assets", "no-such-row", "name", "assets no-such-row", "name"},
		{"assets", asset.ID, "clk_unknown", "ASSET-0001 — " + asset.Name, "clk_unknown"},
		{"assets", asset.ID, "deleted", "ASSET-0001 — " + asset.Name, "Deletion"},
		{"pacts", pact.ID, "deleted", "PACT-2026-0004 — " + pact.Title, "Deletion"},
	}
	for _, c := range cases {
		what, label := ConflictSubject(db, replica.Conflict{Table: c.table, Row: c.row, Field: c.field})
		require.Equal(t, c.what, what, c.table+"."+c.field)
		require.Equal(t, c.label, label, c.table+"."+c.field)
	}
	require.NotEqual(t, "risks", SectionTitle("risks"))
	require.Equal(t, "Premises", SectionTitle("premises"))
	require.Equal(t, "Italiano", LanguageName("it"))
	for raw, want := range map[string]string{`"Comune B"`: "Comune B", `12`: "12"} {
		require.Equal(t, want, ConflictValue("value", model.RawJSON(raw)))
	}
	require.Equal(t, "Deleted", ConflictValue("deleted", model.RawJSON(`true`)))
	require.Equal(t, "Kept", ConflictValue("deleted", model.RawJSON(`false`)))
	text, ok := ConflictText(TextValue("Piazza \"Magione\""))
	require.True(t, ok)
	require.Equal(t, `Piazza "Magione"`, text)
	_, ok = ConflictText(model.RawJSON(`12`))
	require.False(t, ok)
}

// TestConflictsListNamesWhatTheyAreAbout: the CLI lists a conflict by record and field
// label, its values as text, and adds both to its JSON.
func TestConflictsListNamesWhatTheyAreAbout(t *testing.T) {
	ctx := context.Background()
	home := filepath.Join(t.TempDir(), "ws")
	ws, err := Init(ctx, home, "Comune di Prova", true)
	require.NoError(t, err)
	a, err := assets.GetAsset(ws.Store.DB(), "ASSET-0001")
	require.NoError(t, err)
	base := a.Asset
	// Someone else renames it while a form holds the old name; the form's rename keeps
	// theirs as a conflict.
	require.NoError(t, ws.Store.Update(ctx, func(tx *model.Tx) error { o := base; o.Name = "Renamed there"; return tx.Put(&o) }))
	// That rename was shared (sealed into a segment) before the form was saved: a value
	// this laptop never shared would leave no conflict anywhere else, and none is kept.
	require.NoError(t, ws.Store.Update(ctx, func(tx *model.Tx) error {
		chs, _, err := tx.PendingChanges()
		if err != nil || len(chs) == 0 {
			return err
		}
		return tx.Seal(chs[len(chs)-1].Seq)
	}))
	edited := base
	edited.Name = "Renamed here"
	require.NoError(t, ws.Store.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&base, &edited) }))
	require.NoError(t, ws.Close())

	code, out, errs := run(t, "conflicts", "list", "--home", home)
	require.Equal(t, 0, code, errs)
	// Here both values were written on this laptop (a form and an edit of its own); the
	// list names the laptops that wrote each.
	require.Contains(t, out, `ASSET-0001 — Renamed here · Name: this laptop "Renamed here", this laptop "Renamed there" (in place: this laptop)`)
	code, out, errs = run(t, "conflicts", "list", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var cs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &cs))
	require.Len(t, cs, 1)
	require.Equal(t, "ASSET-0001 — Renamed here", cs[0]["subject"])
	require.Equal(t, "Name", cs[0]["field_label"])
	require.Equal(t, "name", cs[0]["field"], "the stored keys stay")
	require.Equal(t, "this laptop", cs[0]["local_laptop"])
	require.Equal(t, false, cs[0]["removed_while_edited"])
}
