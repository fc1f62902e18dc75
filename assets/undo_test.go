package assets

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestUndoTheLastImport: the assets an import created are removed, those it updated get
// their values back, and one edited since is left alone and listed.
func TestUndoTheLastImport(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	importFile := func(content string) ImportReport {
		src, err := OpenFile(writeFile(t, "commons.csv", content))
		require.NoError(t, err)
		rep, err := Import(ctx, s, src, ImportOptions{})
		require.NoError(t, err)
		return rep
	}
	first := importFile("name,kind,address,district\nPiazza Magione,square,Piazza Magione,Kalsa\n")
	require.Equal(t, 1, first.New)
	rep := importFile("name,kind,address,district\nPiazza Magione,square,Piazza Magione,Tribunali\nGiardino Inglese,green_area,Via Libertà,Libertà\nVilla Trabia,green_area,Via Salinas,Libertà\n")
	require.Equal(t, 2, rep.New)
	require.Equal(t, 1, rep.Updated)
	last, ok, err := LastImportOf(ctx, s)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, 2, last.Created)
	assert.Equal(t, 1, last.Updated)

	// Villa Trabia is edited after the import: the undo leaves it.
	all, err := List(s.DB(), Query{Sort: "name"})
	require.NoError(t, err)
	for _, a := range all {
		if a.Name == "Villa Trabia" {
			v, err := Get(s.DB(), a.ID)
			require.NoError(t, err)
			edited := v.Asset
			edited.Description = "Edited by hand after the import"
			require.NoError(t, s.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&v.Asset, &edited) }))
		}
	}

	u, err := UndoLastImport(ctx, s)
	require.NoError(t, err)
	assert.Equal(t, 1, u.Removed)
	assert.Equal(t, 1, u.Restored)
	require.Len(t, u.Kept, 1)
	assert.Contains(t, u.Kept[0], "Villa Trabia")
	all, err = List(s.DB(), Query{Sort: "name"})
	require.NoError(t, err)
	names := map[string]string{}
	for _, a := range all {
		names[a.Name] = a.District
	}
	assert.NotContains(t, names, "Giardino Inglese")
	assert.Equal(t, "Kalsa", names["Piazza Magione"], "the update is undone")
	assert.Contains(t, names, "Villa Trabia")

	_, err = UndoLastImport(ctx, s)
	require.Error(t, err, "an import is undone once")
}
