package syncfolder

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// smallSegments makes segments small for one test.
func smallSegments(t *testing.T, n int) {
	t.Helper()
	old := MaxSegmentBytes
	MaxSegmentBytes = n
	t.Cleanup(func() { MaxSegmentBytes = old })
}

// ownSegments reads back the segments r wrote to the folder, in order.
func ownSegments(t *testing.T, r *peer, folder FS) []*Segment {
	t.Helper()
	dir := path.Join(logDir, r.eng.ID.Device)
	names, err := folder.ReadDir(dir)
	require.NoError(t, err)
	var out []*Segment
	for _, n := range names {
		if _, _, ok := ParseSegmentName(n); !ok {
			continue
		}
		data, err := folder.ReadFile(path.Join(dir, n))
		require.NoError(t, err)
		seg, err := Decode(data)
		require.NoError(t, err)
		out = append(out, seg)
	}
	return out
}

// TestSegmentsAreCappedWhereNoReferenceIsCut: links written before the pact and the assets
// they join (the foreign keys are checked at commit) go out in small segments, but never
// in one before the segment that creates the rows they refer to. The other laptop applies every segment, one
// transaction each, and ends with the same data.
func TestSegmentsAreCappedWhereNoReferenceIsCut(t *testing.T) {
	smallSegments(t, 2048)
	ctx := context.Background()
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A", "B")
	a, b := rs[0], rs[1]
	require.NoError(t, a.store.Update(ctx, func(tx *model.Tx) error {
		for i := 0; i < 40; i++ {
			p := &model.Pact{Row: model.Row{ID: model.NewID()}, Title: fmt.Sprintf("Patto %d", i)}
			as := &model.Asset{Row: model.Row{ID: model.NewID()}, Name: fmt.Sprintf("Giardino %d", i), Kind: "green_area"}
			// The link first: its references are to rows made after it, in the same
			// transaction.
			if err := tx.InsertAll([]model.Entity{&model.PactAsset{PactID: p.ID, AssetID: as.ID}}); err != nil {
				return err
			}
			for j := 0; j < 3; j++ {
				if err := tx.InsertAll([]model.Entity{&model.Asset{Name: fmt.Sprintf("Aiuola %d.%d", i, j), Kind: "green_area",
					Description: strings.Repeat("un'aiuola curata dai residenti; ", 20)}}); err != nil {
					return err
				}
			}
			if err := tx.InsertAll([]model.Entity{p, as}); err != nil {
				return err
			}
		}
		return nil
	}))
	rep := a.sync(t)
	require.Equal(t, 40*6, rep.Exported)
	segs := ownSegments(t, a, folder)
	require.Greater(t, len(segs), 10, "small segments")
	created := map[string]int{} // row → segment creating it
	for k, s := range segs {
		if k > 0 {
			require.Equal(t, segs[k-1].SHA256, s.Prev, "chained")
			require.Equal(t, segs[k-1].LastSeq+1, s.FirstSeq, "numbered on")
		}
		for _, c := range s.Changes {
			if creates(c) {
				created[c.Row] = k
			}
		}
	}
	for k, s := range segs {
		for _, c := range s.Changes {
			if c.Table != "pact_assets" {
				continue
			}
			e, err := model.LoadEntity(a.store.DB(), c.Table, c.Row)
			require.NoError(t, err)
			l := e.(*model.PactAsset)
			require.LessOrEqual(t, created[l.PactID], k, "the pact comes with or before its link")
			require.LessOrEqual(t, created[l.AssetID], k, "the asset comes with or before its link")
		}
	}
	rb := b.sync(t)
	require.Equal(t, 0, rb.Quarantined)
	require.Equal(t, 40*6, rb.Applied)
	require.Equal(t, a.canonical(t), b.canonical(t))
}

// TestCutsKeepReferencesWithTheirCreation checks the cutting rule itself: no cut between a
// reference and the later creation it names, anywhere else allowed.
func TestCutsKeepReferencesWithTheirCreation(t *testing.T) {
	a := founded(t, OSFS{Root: t.TempDir()}, "A")[0]
	p, as := model.NewID(), model.NewID()
	chs := []model.Change{
		{Seq: 1, Table: "assets", Row: "x", Fields: model.RawJSON(`{"id":"x","name":"X"}`)},
		{Seq: 2, Table: "pact_assets", Row: "l", Fields: model.RawJSON(`{"id":"l","pact_id":"` + p + `","asset_id":"x"}`)},
		{Seq: 3, Table: "assets", Row: "y", Fields: model.RawJSON(`{"id":"y","name":"Y"}`)},
		{Seq: 4, Table: "pacts", Row: p, Fields: model.RawJSON(`{"id":"` + p + `","title":"P"}`)},
		{Seq: 5, Table: "pact_assets", Row: "m", Fields: model.RawJSON(`{"asset_id":"` + as + `"}`)},
		{Seq: 6, Table: "assets", Row: as, Fields: model.RawJSON(`{"name":"Z","id":"` + as + `"}`)},
		{Seq: 7, Table: "assets", Row: "x", Fields: model.RawJSON(`{"name":"X2"}`)},
	}
	got, err := cuts(a.store.DB(), chs)
	require.NoError(t, err)
	require.Equal(t, []bool{true, true, false, false, true, false, true}, got)
}

// TestAHundredThousandChangesGoInCappedSegments: a first share of 100,000 new assets goes
// to the folder in segments of at most MaxSegmentBytes, chained one after the other; a
// joining laptop applies them one transaction each and ends with the same data.
func TestAHundredThousandChangesGoInCappedSegments(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 changes")
	}
	const rows = 100_000
	folder := OSFS{Root: t.TempDir()}
	rs := founded(t, folder, "A", "B")
	a, b := rs[0], rs[1]
	lat := 38.1
	es := make([]model.Entity, 0, rows)
	for i := 0; i < rows; i++ {
		es = append(es, &model.Asset{Ref: fmt.Sprintf("ASSET-%06d", i), Kind: "square", Name: fmt.Sprintf("Piazza %d", i), Description: "d",
			Address: "Via Roma 1", District: "Centro", Municipality: "Palermo", Region: "Sicilia", Lat: &lat, Owner: "Comune"})
	}
	require.NoError(t, a.store.Update(context.Background(), func(tx *model.Tx) error { return tx.InsertAll(es) }))
	require.Equal(t, rows, a.sync(t).Exported)
	segs := ownSegments(t, a, folder)
	require.Greater(t, len(segs), 3)
	dir := path.Join(logDir, a.eng.ID.Device)
	names, err := folder.ReadDir(dir)
	require.NoError(t, err)
	for _, n := range names {
		data, err := folder.ReadFile(path.Join(dir, n))
		require.NoError(t, err)
		require.LessOrEqual(t, len(data), MaxSegmentBytes, n)
	}
	var applied []int
	b.eng.Progress = func(done, total int) { applied = append(applied, done) }
	rep := b.sync(t)
	require.Equal(t, rows, rep.Applied)
	require.Equal(t, 0, rep.Quarantined)
	var recorded int
	require.NoError(t, b.store.DB().Get(&recorded, "SELECT count(*) FROM sync_segments WHERE device = ?", a.eng.ID.Device))
	require.Equal(t, len(segs), recorded, "one record (and transaction) a segment")
	require.Equal(t, a.canonical(t), b.canonical(t))
}
