package assets

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestImportNumbersPastEveryReference: the counter NextRef keeps may be behind a reference
// another laptop brought; an import numbers its rows past the highest reference all the
// same, and leaves the counter where it stopped.
func TestImportNumbersPastEveryReference(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	next := func() string {
		var ref string
		require.NoError(t, s.Update(ctx, func(tx *model.Tx) error {
			var err error
			ref, err = model.NextRef(tx, "assets", RefPrefix, RefWidth)
			if err != nil {
				return err
			}
			return tx.Put(&model.Asset{Ref: ref, Name: "Bene " + ref, Kind: "square"})
		}))
		return ref
	}
	require.Equal(t, "ASSET-0001", next())
	require.NoError(t, s.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Asset{Ref: "ASSET-0003", Name: "Da un altro portatile", Kind: "square"})
	}))
	path := filepath.Join(t.TempDir(), "beni.csv")
	require.NoError(t, os.WriteFile(path, []byte("name,kind\nGiardino,green_area\nPiazza,square\nScuola,building\n"), 0o644))
	src, err := OpenFile(path)
	require.NoError(t, err)
	rep, err := Import(ctx, s, src, ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, 3, rep.New)
	var refs []string
	require.NoError(t, s.DB().Select(&refs, "SELECT ref FROM assets ORDER BY ref"))
	require.Equal(t, []string{"ASSET-0001", "ASSET-0003", "ASSET-0004", "ASSET-0005", "ASSET-0006"}, refs)
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT n FROM ref_counters WHERE tbl = 'assets' AND prefix = ?", RefPrefix))
	require.Equal(t, 6, n)
	require.Equal(t, "ASSET-0007", next())
}
