package model

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func f64(v float64) *float64 { return &v }

// searchMatch is the condition by which the registry's search (assets.AssetFilter.Match)
// reads the full-text index that the migrations' triggers and the methods of
// asset_search.go keep.
const searchMatch = "a.rowid IN (SELECT docid FROM assets_fts WHERE assets_fts MATCH ?)"

func TestAssetSearchIndexFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	a := &Asset{Ref: "ASSET-0001", Kind: "square", Name: "Piazza della Città", District: "Tribunali"}
	b := &Asset{Ref: "ASSET-0002", Kind: "green_area", Name: "Parque del Niño", Address: "Calle Mayor"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		if err := tx.Put(a); err != nil {
			return err
		}
		return tx.InsertAll([]Entity{b})
	}))
	match := func(m string) []string {
		var refs []string
		require.NoError(t, s.DB().Select(&refs, "SELECT a.ref FROM assets a WHERE a.deleted = 0 AND "+searchMatch+" ORDER BY a.name COLLATE NOCASE, a.id", m))
		return refs
	}
	require.Equal(t, []string{"ASSET-0001"}, match("citta"))
	require.Equal(t, []string{"ASSET-0002"}, match("nino"))
	require.Equal(t, []string{"ASSET-0002"}, match("may*"))
	require.Equal(t, []string{"ASSET-0001"}, match("tribunal*"))
	require.Empty(t, match("fonderia"))

	// An update re-indexes the row: the old words no longer match, the new ones do.
	a.Name = "Piazza Fonderia"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.Empty(t, match("citta"))
	require.Equal(t, []string{"ASSET-0001"}, match("fonderia"))
	// A tombstoned asset is not listed.
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Delete(a) }))
	require.Empty(t, match("fonderia"))
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.RebuildAssetSearch() }))
	require.Equal(t, []string{"ASSET-0002"}, match("nino"))
}

func TestInsertAllStampsLikePut(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	a := &Asset{Name: "Piazza Fonderia", Kind: "square", Lat: f64(38.1)}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.InsertAll([]Entity{a}) }))
	c := lastChange(t, s)
	require.Len(t, pending(t, s), 1)
	require.Equal(t, rowClocks{wholeRow: {HLC: c.HLC, Seq: c.Seq}}, rowClk(t, s, a.ID))
	// The same change as Put makes for a new row.
	b := &Asset{Name: "Piazza Fonderia", Kind: "square", Lat: f64(38.1)}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(b) }))
	require.Equal(t, strings.Replace(string(c.Fields), a.ID, b.ID, 1), string(lastChange(t, s).Fields))
	// Inserting the same id again fails and leaves nothing.
	err := s.Update(ctx, func(tx *Tx) error { return tx.InsertAll([]Entity{&Asset{Row: Row{ID: a.ID}, Name: "x"}}) })
	require.Error(t, err)
	require.Len(t, pending(t, s), 2)
	// A later Put sees the inserted row and stamps only the change.
	seal(t, s)
	a.Name = "Piazza Fonderia 2"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.Len(t, pending(t, s), 1)
	require.JSONEq(t, `{"name":"Piazza Fonderia 2"}`, string(lastChange(t, s).Fields))
}

func TestBulkAssetsIndexAtTheEnd(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	old := &Asset{Ref: "ASSET-0001", Kind: "square", Name: "Piazza Vecchia"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(old) }))
	count := func(m string) int {
		var n int
		require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM assets a WHERE a.deleted = 0 AND "+searchMatch, m))
		return n
	}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		after, err := tx.BeginBulkAssets()
		if err != nil {
			return err
		}
		for _, n := range []string{"Piazza Nuova", "Parco Nuovo"} {
			if err := tx.InsertAll([]Entity{&Asset{Kind: "square", Name: n}}); err != nil {
				return err
			}
		}
		var deferred int
		require.NoError(t, tx.Get(&deferred, "SELECT count(*) FROM assets_fts WHERE assets_fts MATCH 'nuov*'"))
		require.Zero(t, deferred, "not indexed yet")
		return tx.EndBulkAssets(after)
	}))
	require.Equal(t, 2, count("nuov*"))
	require.Equal(t, 1, count("vecchia"))
	// Indexing by trigger is back on.
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(&Asset{Kind: "square", Name: "Piazza Terza"}) }))
	require.Equal(t, 1, count("terza"))
	// A rolled-back bulk leaves neither rows nor the marker.
	require.Error(t, s.Update(ctx, func(tx *Tx) error {
		if _, err := tx.BeginBulkAssets(); err != nil {
			return err
		}
		return context.Canceled
	}))
	v, err := s.GetMeta(ctx, "assets.fts.deferred")
	require.NoError(t, err)
	require.Empty(t, v)
}

func TestInsertAllInRunsWritesWhatItWritesOneByOne(t *testing.T) {
	ctx := context.Background()
	mk := func(i int) *Asset {
		a := &Asset{Name: fmt.Sprintf("Piazza %d", i), Kind: "square", Ref: fmt.Sprintf("ASSET-%04d", i)}
		if i%3 == 0 {
			a.Lat, a.Lon = f64(38.1), f64(13.3) // another set of fields: another run
		}
		if i == 100 {
			a.Designated = true
		}
		return a
	}
	const n = 200 // several full batches, short runs and a tail
	one := openTest(t, filepath.Join(t.TempDir(), "one.db"), nil)
	all := openTest(t, filepath.Join(t.TempDir(), "all.db"), nil)
	var es []Entity
	require.NoError(t, one.Update(ctx, func(tx *Tx) error {
		for i := 0; i < n; i++ {
			a := mk(i)
			if err := tx.InsertAll([]Entity{a}); err != nil {
				return err
			}
			b := mk(i)
			b.ID = a.ID
			es = append(es, b)
		}
		return nil
	}))
	// Runs of 64 alike rows go through the multi-row statements.
	for i := 0; i < 130; i++ {
		a := &Asset{Name: fmt.Sprintf("Via %d", i), Kind: "street"}
		es = append(es, a)
	}
	require.NoError(t, all.Update(ctx, func(tx *Tx) error { return tx.InsertAll(es) }))
	require.NoError(t, one.Update(ctx, func(tx *Tx) error {
		for _, e := range es[n:] {
			a := *e.(*Asset)
			if err := tx.InsertAll([]Entity{&a}); err != nil {
				return err
			}
		}
		return nil
	}))
	a, err := CanonicalExport(one.DB())
	require.NoError(t, err)
	b, err := CanonicalExport(all.DB())
	require.NoError(t, err)
	require.Equal(t, string(a), string(b))
	strip := func(chs []Change) []Change {
		for i := range chs {
			chs[i].HLC = ""
		}
		return chs
	}
	require.Equal(t, strip(pending(t, one)), strip(pending(t, all)), "the same changes in the same order")
	var clks []string
	require.NoError(t, all.DB().Select(&clks, "SELECT clk FROM assets ORDER BY rowid"))
	for i, c := range clks {
		rc, err := parseClocks(c)
		require.NoError(t, err)
		require.Equal(t, int64(i+1), rc[wholeRow].Seq, "row %d is clocked by its own change", i)
	}
	// An id that exists fails the whole batch, as Insert would.
	err = all.Update(ctx, func(tx *Tx) error { return tx.InsertAll([]Entity{&Asset{Row: Row{ID: es[0].(*Asset).ID}, Name: "x"}}) })
	require.Error(t, err)
}
