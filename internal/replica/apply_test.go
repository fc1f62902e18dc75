package replica

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

// sealed holds, per store, every change its exports sealed so far (what the shared
// folder would hold of that device).
var sealed = map[*model.Store][]model.Change{}

// seal seals from's pending changes, as an export does, and returns them.
func seal(t *testing.T, from *model.Store) []model.Change {
	t.Helper()
	var chs []model.Change
	require.NoError(t, from.Update(context.Background(), func(tx *model.Tx) error {
		var err error
		if chs, _, err = tx.PendingChanges(); err != nil || len(chs) == 0 {
			return err
		}
		return tx.Seal(chs[len(chs)-1].Seq)
	}))
	sealed[from] = append(sealed[from], chs...)
	return chs
}

// exchange applies everything from exported (after sealing what it has not) to to, as
// one sync would.
func exchange(t *testing.T, from, to *model.Store) ApplyStats {
	t.Helper()
	seal(t, from)
	chs := sealed[from]
	// The writer's version vector: what it had applied of the others (as a segment says).
	deps, err := VersionVector(from.DB())
	require.NoError(t, err)
	delete(deps, from.Device())
	var stats ApplyStats
	require.NoError(t, to.Update(context.Background(), func(tx *model.Tx) error {
		a, err := NewApplier(tx)
		if err != nil {
			return err
		}
		if err := a.ApplyBatch(chs, deps); err != nil {
			return err
		}
		stats = a.Stats
		return nil
	}))
	return stats
}

func openDevice(t *testing.T, device string) *model.Store {
	t.Helper()
	s, err := model.Open(filepath.Join(t.TempDir(), device+".db"), model.Options{Device: device})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func countChanges(t *testing.T, s *model.Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM changes"))
	return n
}

// TestConcurrentCreationsOfOneRow: two laptops set the same workspace setting offline.
// Both changes create the row "municipality" (a setting's name is its id); every field of
// a creation counts, the ones left at zero too, so both replicas end with the same value,
// the same clocks, and a conflict for the value only.
func TestConcurrentCreationsOfOneRow(t *testing.T) {
	ctx := context.Background()
	a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Setting{Row: model.Row{ID: "municipality"}, Value: "Comune di Palermo"})
	}))
	require.NoError(t, b.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Setting{Row: model.Row{ID: "municipality"}, Value: "Città di Palermo"})
	}))
	exchange(t, a, b)
	exchange(t, b, a)
	for _, s := range []*model.Store{a, b} {
		cs, err := ListConflicts(s.DB(), true)
		require.NoError(t, err)
		require.Len(t, cs, 1, "each replica keeps the conflict it saw, on the value only (deleted is false on both sides)")
		require.Equal(t, "value", cs[0].Field)
	}

	ca, err := model.CanonicalExport(a.DB())
	require.NoError(t, err)
	cb, err := model.CanonicalExport(b.DB())
	require.NoError(t, err)
	require.Equal(t, string(ca), string(cb))
	var clkA, clkB string
	require.NoError(t, a.DB().Get(&clkA, "SELECT clk FROM settings WHERE id = 'municipality'"))
	require.NoError(t, b.DB().Get(&clkB, "SELECT clk FROM settings WHERE id = 'municipality'"))
	require.Equal(t, clkA, clkB, "the clocks converge too, so later edits are judged alike everywhere")

	// A later tombstone by a that saw both is causal everywhere: no spurious conflict.
	e, err := model.LoadEntity(a.DB(), "settings", "municipality")
	require.NoError(t, err)
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.Delete(e) }))
	st := exchange(t, a, b)
	require.Zero(t, st.Conflicts)
	require.Equal(t, 1, st.Won)
	var deleted bool
	require.NoError(t, b.DB().Get(&deleted, "SELECT deleted FROM settings WHERE id = 'municipality'"))
	require.True(t, deleted)
	// Applying the same changes again changes nothing.
	again := exchange(t, a, b)
	require.Equal(t, again.Duplicates, again.Applied+again.Duplicates)
	require.Zero(t, again.Applied)
}

func TestApplyRefusesMalformedChanges(t *testing.T) {
	s := openDevice(t, "dev-a")
	good := model.Change{Device: "dev-b", Seq: 1, HLC: "01a2b3c4d5e0.00000000.dev-b", Table: "assets", Row: "r1", Fields: model.RawJSON(`{"id":"r1","name":"x"}`)}
	tests := []struct {
		name   string
		change func(c *model.Change)
	}{
		{"unknown table", func(c *model.Change) { c.Table = "users" }},
		{"unknown field", func(c *model.Change) { c.Fields = model.RawJSON(`{"password":"x"}`) }},
		{"no field", func(c *model.Change) { c.Fields = model.RawJSON(`{}`) }},
		{"not an object", func(c *model.Change) { c.Fields = model.RawJSON(`["name"]`) }},
		{"value of the wrong type", func(c *model.Change) { c.Fields = model.RawJSON(`{"name":12}`) }},
		{"creation of another row", func(c *model.Change) { c.Fields = model.RawJSON(`{"id":"r2","name":"x"}`) }},
		{"clock of another device", func(c *model.Change) { c.HLC = "01a2b3c4d5e0.00000000.dev-c" }},
		{"own device", func(c *model.Change) { c.Device, c.HLC = "dev-a", "01a2b3c4d5e0.00000000.dev-a" }},
		{"bad previous writers", func(c *model.Change) { c.Prev = model.RawJSON(`{"name":"dev-a"}`) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.change(&c)
			err := s.Update(context.Background(), func(tx *model.Tx) error {
				_, err := ApplyRemote(tx, c, nil)
				return err
			})
			require.Error(t, err)
			require.Zero(t, countChanges(t, s), "nothing is logged")
		})
	}
	require.NoError(t, s.Update(context.Background(), func(tx *model.Tx) error {
		_, err := ApplyRemote(tx, good, nil)
		return err
	}))
	require.Equal(t, 1, countChanges(t, s))
}

// TestPutEditKeepsWhatArrivedWhileTheFormWasOpen: laptop A opens an asset's form; before
// its user saves, a sync brings laptop B's edit of the same asset. The save writes what the
// form changed and nothing else; a field both changed keeps A's value and B's in a
// conflict record.
func TestPutEditKeepsWhatArrivedWhileTheFormWasOpen(t *testing.T) {
	type want struct {
		name, district, description string
		conflicts                   []string // field: mine / theirs
	}
	cases := []struct {
		name   string
		theirs func(a *model.Asset) // B's edit, synced while the form is open
		form   func(a *model.Asset) // what A's user changes in the form
		want   want
	}{
		{"different fields", func(a *model.Asset) { a.District = "Kalsa" }, func(a *model.Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Kalsa", description: "x"}},
		{"same field, other values", func(a *model.Asset) { a.Name = "Piazza della Magione" }, func(a *model.Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Centro", description: "x", conflicts: []string{`name: "Piazza Magione" / "Piazza della Magione"`}}},
		{"same field, same value", func(a *model.Asset) { a.Name = "Piazza Magione" }, func(a *model.Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Centro", description: "x"}},
		{"form cleared a field B kept", func(a *model.Asset) { a.District = "Kalsa" }, func(a *model.Asset) { a.Description = "" },
			want{name: "Piazza", district: "Kalsa", description: ""}},
		{"form saved unchanged", func(a *model.Asset) { a.Name = "Piazza della Magione" }, func(a *model.Asset) {},
			want{name: "Piazza della Magione", district: "Centro", description: "x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
			orig := &model.Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square", District: "Centro", Description: "x"}
			require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.Put(orig) }))
			exchange(t, a, b)

			base, err := model.LoadAsset(a.DB(), orig.ID) // the form opens
			require.NoError(t, err)
			other, err := model.LoadAsset(b.DB(), orig.ID)
			require.NoError(t, err)
			c.theirs(&other)
			require.NoError(t, b.Update(ctx, func(tx *model.Tx) error { return tx.Put(&other) }))
			exchange(t, b, a) // the sync, while the form is open

			edited := base
			c.form(&edited)
			require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&base, &edited) }))

			got, err := model.LoadAsset(a.DB(), orig.ID)
			require.NoError(t, err)
			require.Equal(t, c.want, want{name: got.Name, district: got.District, description: got.Description, conflicts: conflictLines(t, a)})
			require.Equal(t, got, edited, "edited holds the row as written")

			// B, synced, ends with the same row and the same conflict: A's user had not
			// seen B's value when writing over it.
			exchange(t, a, b)
			gotB, err := model.LoadAsset(b.DB(), orig.ID)
			require.NoError(t, err)
			require.Equal(t, got, gotB)
			require.Equal(t, conflictPairs(t, a), conflictPairs(t, b))
		})
	}
}

// TestPutEditOfARowDeletedMeanwhile: B deletes the asset while A's form is open. A's save
// brings it back with the edit, and keeps the deletion as a conflict; keeping theirs
// deletes it again, on both laptops.
func TestPutEditOfARowDeletedMeanwhile(t *testing.T) {
	ctx := context.Background()
	a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
	orig := &model.Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square"}
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.Put(orig) }))
	exchange(t, a, b)
	base, err := model.LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	require.NoError(t, b.Update(ctx, func(tx *model.Tx) error { gone := base; return tx.Delete(&gone) }))
	exchange(t, b, a)

	unchanged := base
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&base, &unchanged) }))
	require.True(t, unchanged.Deleted, "a form saved unchanged does not bring the row back")
	require.Empty(t, conflictPairs(t, a))

	edited := base
	edited.Name = "Piazza Magione"
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&base, &edited) }))
	got, err := model.LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	require.False(t, got.Deleted)
	require.Equal(t, "Piazza Magione", got.Name)
	require.Equal(t, []string{"deleted: false / true"}, conflictLines(t, a))

	exchange(t, a, b)
	require.Equal(t, conflictPairs(t, a), conflictPairs(t, b), "B records the same conflict")

	cs, err := ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return ResolveConflict(tx, cs[0].ID, KeepTheirs, nil) }))
	exchange(t, a, b)
	for _, s := range []*model.Store{a, b} {
		got, err := model.LoadAsset(s.DB(), orig.ID)
		require.NoError(t, err)
		require.True(t, got.Deleted, s.Device())
		require.Equal(t, "Piazza Magione", got.Name, s.Device())
		require.Empty(t, conflictPairs(t, s), s.Device())
	}

	// A form that deletes the row itself deletes it, with no conflict.
	again, err := model.LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	back := again
	back.Deleted = false
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.Put(&back) }))
	gone := back
	gone.Deleted = true
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.PutEdit(&back, &gone) }))
	require.True(t, gone.Deleted)
	require.Empty(t, conflictPairs(t, a), "no new conflict")
}

// conflictPairs lists a store's open conflicts as their two sides, each with its writer,
// in an order that does not depend on which side arrived first: replicas that converged
// hold the same.
func conflictPairs(t *testing.T, s *model.Store) []string {
	t.Helper()
	cs, err := ListConflicts(s.DB(), true)
	require.NoError(t, err)
	var out []string
	for _, c := range cs {
		l := c.LocalDevice + "=" + string(c.LocalValue)
		i := c.IncomingDevice + "=" + string(c.IncomingValue)
		if i < l {
			l, i = i, l
		}
		out = append(out, c.Table+"."+c.Field+" "+c.Row+": "+l+" / "+i)
	}
	sort.Strings(out)
	return out
}

func conflictLines(t *testing.T, s *model.Store) []string {
	t.Helper()
	cs, err := ListConflicts(s.DB(), true)
	require.NoError(t, err)
	var out []string
	for _, c := range cs {
		require.Equal(t, "local", c.Winner)
		require.Equal(t, s.Device(), c.LocalDevice)
		out = append(out, c.Field+": "+string(c.LocalValue)+" / "+string(c.IncomingValue))
	}
	return out
}

// TestConflictErrorsHaveKinds: a conflict that is not there, or was settled already, is
// refused with a kind the command line and the window each word in their own way.
func TestConflictErrorsHaveKinds(t *testing.T) {
	ctx := context.Background()
	a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { return tx.PutSetting("municipality", "Comune di Palermo") }))
	require.NoError(t, b.Update(ctx, func(tx *model.Tx) error { return tx.PutSetting("municipality", "Città di Palermo") }))
	exchange(t, b, a)
	cs, err := ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)

	_, err = GetConflict(a.DB(), cs[0].ID+100)
	require.True(t, errs.Is(errs.NotFound, err), "%v", err)
	require.NotContains(t, err.Error(), "pacta ", "no command line in a library's error")

	resolve := func() error {
		return a.Update(ctx, func(tx *model.Tx) error { return ResolveConflict(tx, cs[0].ID, KeepMine, nil) })
	}
	require.NoError(t, resolve())
	err = resolve()
	require.True(t, errs.Is(errs.Conflict, err), "%v", err)
}

// ApplyRemote applies one remote change in tx with a fresh Applier (see Applier.Apply), as
// the tests do one change at a time. deps is the writer's version
// vector when it wrote the change (it may be nil).
func ApplyRemote(tx *model.Tx, ch model.Change, deps map[string]int64) (ApplyResult, error) {
	a, err := NewApplier(tx)
	if err != nil {
		return ApplyDuplicate, err
	}
	return a.Apply(ch, deps)
}
