package syncfolder

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// These tests are the paths by which an edit once disappeared without a conflict, each on
// real stores syncing through a real folder.

// openPairs lists r's open conflicts as their two sides (writer and value), in an order
// that does not depend on which side arrived first: converged replicas hold the same.
func openPairs(t *testing.T, r *peer) []string {
	t.Helper()
	cs, err := replica.ListConflicts(r.store.DB(), true)
	require.NoError(t, err)
	var out []string
	for _, c := range cs {
		l := short(c.LocalDevice) + "=" + string(c.LocalValue)
		i := short(c.IncomingDevice) + "=" + string(c.IncomingValue)
		if i < l {
			l, i = i, l
		}
		out = append(out, c.Table+"."+c.Field+" "+c.Row+": "+l+" / "+i)
	}
	sort.Strings(out)
	return out
}

func assetName(t *testing.T, r *peer, id string) string {
	t.Helper()
	var name string
	require.NoError(t, r.store.DB().Get(&name, "SELECT name FROM assets WHERE id = ?", id))
	return name
}

func rename(t *testing.T, r *peer, id, name string) {
	t.Helper()
	require.NoError(t, r.store.Update(context.Background(), func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "assets", id)
		if err != nil {
			return err
		}
		a := e.(*model.Asset)
		before := *a
		a.Name = name
		return tx.PutEdit(&before, a)
	}))
}

func TestAConflictFollowsAWriterThatChangesItsValue(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b := rs[0], rs[1]
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	a.sync(t)
	b.sync(t)

	rename(t, b, asset.ID, "B1")
	b.sync(t) // B1 leaves
	rename(t, a, asset.ID, "A1")
	a.sync(t) // A1 leaves; A records A1 against B1
	require.Len(t, openPairs(t, a), 1)
	rename(t, b, asset.ID, "B2") // B has not seen A1 yet
	b.sync(t)                    // B2 leaves, then B records B2 against A1
	a.sync(t)

	want := openPairs(t, a)
	require.Len(t, want, 1)
	require.Contains(t, want[0], short(a.eng.ID.Device)+`="A1"`)
	require.Contains(t, want[0], short(b.eng.ID.Device)+`="B2"`, "A's conflict now shows B2, the value B holds")
	require.Equal(t, want, openPairs(t, b))

	// Keeping B's value writes B2, never the older B1.
	cs, err := replica.ListConflicts(a.store.DB(), true)
	require.NoError(t, err)
	require.NoError(t, a.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, cs[0].ID, b.eng.ID.Device, nil) }))
	a.sync(t)
	b.sync(t)
	for _, r := range []*peer{a, b} {
		require.Equal(t, "B2", assetName(t, r, asset.ID), r.name)
		require.Empty(t, openPairs(t, r), r.name)
	}
}

func TestAConflictSettlesWhenAWriterTakesTheOtherValue(t *testing.T) {
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B")
	a, b := rs[0], rs[1]
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	a.sync(t)
	b.sync(t)
	rename(t, b, asset.ID, "B1")
	b.sync(t)
	rename(t, a, asset.ID, "Same")
	a.sync(t)
	require.Len(t, openPairs(t, a), 1)
	rename(t, b, asset.ID, "Same") // B, unaware of A's value, types the same
	b.sync(t)
	a.sync(t)
	for _, r := range []*peer{a, b} {
		require.Empty(t, openPairs(t, r), "%s: both sides hold the same value: nothing to decide", r.name)
		require.Equal(t, "Same", assetName(t, r, asset.ID))
	}
}

func TestEveryConflictShowsTheValueInPlaceWhenAThirdLaptopWrites(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B", "C")
	a, b, c := rs[0], rs[1], rs[2]
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	for _, r := range rs {
		r.sync(t)
	}
	rename(t, a, asset.ID, "A1")
	rename(t, b, asset.ID, "B1")
	a.sync(t)
	b.sync(t)
	require.Len(t, openPairs(t, b), 1)
	// C, which saw neither, renames it last: its value is in place everywhere, and every
	// open conflict offers it.
	rename(t, c, asset.ID, "C1")
	c.sync(t)
	a.sync(t)
	b.sync(t)
	for _, r := range rs {
		require.Equal(t, "C1", assetName(t, r, asset.ID), r.name)
		cs, err := replica.ListConflicts(r.store.DB(), true)
		require.NoError(t, err)
		require.NotEmpty(t, cs, r.name)
		values := map[string]bool{}
		for _, x := range cs {
			require.True(t, string(x.LocalValue) == `"C1"` || string(x.IncomingValue) == `"C1"`, "%s: %+v shows a value nobody holds", r.name, x)
			values[string(x.LocalValue)], values[string(x.IncomingValue)] = true, true
		}
		require.Equal(t, map[string]bool{`"A1"`: true, `"B1"`: true, `"C1"`: true}, values, "%s: no value is lost", r.name)
	}
	// Keeping A1 on B writes it over C1 knowingly, and settles the field everywhere.
	cs, err := replica.ListConflicts(b.store.DB(), true)
	require.NoError(t, err)
	var id int64
	for _, x := range cs {
		if string(x.LocalValue) == `"A1"` || string(x.IncomingValue) == `"A1"` {
			id = x.ID
		}
	}
	require.NotZero(t, id)
	require.NoError(t, b.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, id, a.eng.ID.Device, nil) }))
	for range 2 {
		for _, r := range rs {
			r.sync(t)
		}
	}
	for _, r := range rs {
		require.Equal(t, "A1", assetName(t, r, asset.ID), r.name)
		require.Empty(t, openPairs(t, r), r.name)
	}
}

func TestResolvingAConflictNeverWritesAnOlderValueOverANewerOne(t *testing.T) {
	ctx := context.Background()
	a := newReplica(t, "A", OSFS{Root: t.TempDir()}, nil).store
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.Put(asset) }))
	// A conflict neither of whose values is in place, as an older Pacta could leave one
	// (this one moves a conflict on with its field, so it is made by hand).
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error {
		_, err := tx.ExecLocal(`INSERT INTO sync_conflicts(tbl, row, field, local_device, local_seq, local_hlc, local_value,
			incoming_device, incoming_seq, incoming_hlc, incoming_value, winner, detected)
			VALUES('assets', ?, 'name', 'dev-x', 1, '', '"X"', 'dev-y', 1, '', '"Y"', 'local', '')`, asset.ID)
		return err
	}))
	cs, err := replica.ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	err = a.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, cs[0].ID, "dev-y", nil) })
	require.ErrorIs(t, err, replica.ErrStaleConflict)
	var name string
	require.NoError(t, a.DB().Get(&name, "SELECT name FROM assets WHERE id = ?", asset.ID))
	require.Equal(t, "Piazza", name, "the value in place stays")
	// Keeping the value in place settles it.
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, cs[0].ID, replica.KeepInPlace, nil) }))
	require.NoError(t, a.DB().Get(&name, "SELECT name FROM assets WHERE id = ?", asset.ID))
	require.Equal(t, "Piazza", name)
	open, err := replica.ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.Empty(t, open)
}

func TestRemovalAgainstEditIsAConflictEverywhere(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	rs := founded(t, OSFS{Root: root}, "A", "B", "C")
	a, b, c := rs[0], rs[1], rs[2]
	asset := &model.Asset{Name: "Piazza", Kind: "square", District: "Centro"}
	a.put(t, asset)
	for _, r := range rs {
		r.sync(t)
	}
	// A removes the asset while B edits it.
	require.NoError(t, a.store.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "assets", asset.ID)
		if err != nil {
			return err
		}
		return tx.Delete(e)
	}))
	require.NoError(t, b.store.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "assets", asset.ID)
		if err != nil {
			return err
		}
		x := e.(*model.Asset)
		before := *x
		x.District = "Kalsa"
		return tx.PutEdit(&before, x)
	}))
	// C hears of the edit first, A of the edit only, B of the removal only.
	b.sync(t)
	c.sync(t)
	a.sync(t)
	b.sync(t)
	c.sync(t)
	want := openPairs(t, a)
	require.Len(t, want, 1, "removed on A while edited on B")
	require.Contains(t, want[0], "assets.deleted")
	for _, r := range []*peer{b, c} {
		require.Equal(t, want, openPairs(t, r), r.name)
	}
	for _, r := range rs {
		var deleted bool
		var district string
		require.NoError(t, r.store.DB().QueryRow("SELECT deleted, district FROM assets WHERE id = ?", asset.ID).Scan(&deleted, &district))
		require.True(t, deleted, "%s: removed until a person decides", r.name)
		require.Equal(t, "Kalsa", district, "%s: the edit is kept in the record", r.name)
	}
	// C restores it with B's edit: every laptop has it back, with no conflict left.
	cs, err := replica.ListConflicts(c.store.DB(), true)
	require.NoError(t, err)
	require.NoError(t, c.store.Update(ctx, func(tx *model.Tx) error { return replica.ResolveConflict(tx, cs[0].ID, b.eng.ID.Device, nil) }))
	c.sync(t)
	a.sync(t)
	b.sync(t)
	for _, r := range rs {
		var deleted bool
		require.NoError(t, r.store.DB().Get(&deleted, "SELECT deleted FROM assets WHERE id = ?", asset.ID))
		require.False(t, deleted, r.name)
		require.Empty(t, openPairs(t, r), r.name)
	}
}

func TestALosingLocalValueStillLeaves(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	// A's clock runs a few minutes ahead, so that its rename is the later one.
	a := newReplica(t, "A", OSFS{Root: root}, &skewClock{base: time.Now(), skew: 5 * time.Minute, step: time.Millisecond})
	_, err := a.eng.Create(ctx, "Comune di Prova")
	require.NoError(t, err)
	asset := &model.Asset{Name: "Piazza", Kind: "square"}
	a.put(t, asset)
	a.sync(t)
	// B joins and edits before it is enrolled: its edit waits on B.
	b := newReplica(t, "B", OSFS{Root: root}, nil)
	_, err = joinAccepting(t, b)
	require.NoError(t, err)
	b.sync(t)
	rename(t, b, asset.ID, "B's name")
	// A renames it later (its clock wins) and shares it; B takes A's value and records
	// the conflict, with its own value out of its row.
	rename(t, a, asset.ID, "A's name")
	a.sync(t)
	rep := b.sync(t)
	require.True(t, rep.WaitingEnrol)
	require.Equal(t, "A's name", assetName(t, b, asset.ID))
	require.Len(t, openPairs(t, b), 1)
	st, err := b.eng.Status(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, st.PendingOut, "B's value still waits to leave")
	// Once B is enrolled, its value reaches A, which records the same conflict.
	require.NoError(t, a.eng.Enrol(ctx, b.eng.ID.Device, false))
	a.sync(t)
	b.sync(t)
	a.sync(t)
	require.Equal(t, openPairs(t, b), openPairs(t, a))
	require.Equal(t, "A's name", assetName(t, a, asset.ID))
	require.Equal(t, a.canonical(t), b.canonical(t))
	st, err = b.eng.Status(ctx)
	require.NoError(t, err)
	require.Zero(t, st.PendingOut)
}
