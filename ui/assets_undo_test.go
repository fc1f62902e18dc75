package ui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
)

// TestUndoAnImportFromTheWizard: after an import the wizard offers to undo it; confirmed,
// the assets it created go, the one it updated gets its values back, and one edited since
// is left alone and named.
func TestUndoAnImportFromTheWizard(t *testing.T) {
	sh, p := openAssets(t)
	importCSV := func(name, content string) *importWizard {
		t.Helper()
		path := filepath.Join(t.TempDir(), name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		w := p.startImport(path)
		require.NotNil(t, w)
		w.startImport()
		w.wait()
		require.Contains(t, w.status.Text, "Imported")
		return w
	}
	first := importCSV("first.csv", "name,kind,address,district\nPiazzetta Sperimentale Tre,square,Piazzetta Sperimentale Tre,Kalsa\n")
	first.dlg.Hide()
	before := p.total
	w := importCSV("second.csv", "name,kind,address,district\nPiazzetta Sperimentale Tre,square,Piazzetta Sperimentale Tre,Tribunali\n"+
		"Giardino Sperimentale Due,green_area,Via Libertà,Libertà\nOrto Sperimentale Uno,green_area,Via Salinas,Libertà\n")
	require.NotNil(t, w.undo, "the wizard offers to undo what it just did")
	require.Equal(t, before+2, p.total)

	// Orto Sperimentale Uno is edited after the import (here, or by a sync): the undo leaves it.
	all, err := assets.List(sh.WS.Store.DB(), assets.Query{Text: "Orto Sperimentale Uno"})
	require.NoError(t, err)
	require.Len(t, all, 1)
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		a, err := model.LoadAsset(tx, all[0].ID)
		if err != nil {
			return err
		}
		b := a
		b.Description = "Edited after the import"
		return tx.PutEdit(&a, &b)
	}))

	w.askUndo()
	tapButton(t, topDialog(t, sh), i18n.T("asset.undo.button"))
	require.Contains(t, w.status.Text, i18n.T("asset.undo.done", map[string]any{"Removed": 1, "Restored": 1}))
	require.Contains(t, w.status.Text, "Orto Sperimentale Uno")
	require.True(t, w.undo.Disabled())

	left, err := assets.List(sh.WS.Store.DB(), assets.Query{Text: "Giardino Sperimentale Due"})
	require.NoError(t, err)
	require.Empty(t, left, "created by the import: removed")
	back, err := assets.List(sh.WS.Store.DB(), assets.Query{Text: "Piazzetta Sperimentale Tre"})
	require.NoError(t, err)
	require.Len(t, back, 1)
	require.Equal(t, "Kalsa", back[0].District, "updated by the import: its value back")
	kept, err := assets.List(sh.WS.Store.DB(), assets.Query{Text: "Orto Sperimentale Uno"})
	require.NoError(t, err)
	require.Len(t, kept, 1, "edited since: left alone")
}
