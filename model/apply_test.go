package model

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// exchange applies everything from has that to lacks, as one sync would.
func exchange(t *testing.T, from, to *Store) ApplyStats {
	t.Helper()
	chs, err := LocalChangesAfter(from.DB(), from.Device(), 0, 0)
	require.NoError(t, err)
	var stats ApplyStats
	require.NoError(t, to.Update(context.Background(), func(tx *Tx) error {
		a, err := tx.NewApplier()
		if err != nil {
			return err
		}
		if err := a.ApplyBatch(chs, nil); err != nil {
			return err
		}
		stats = a.Stats
		return nil
	}))
	return stats
}

func openDevice(t *testing.T, device string) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), device+".db"), Options{Device: device})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// TestConcurrentCreationsOfOneRow: two laptops set the same workspace setting offline.
// Both changes create the row "municipality" (a setting's name is its id); every field of
// a creation counts, the ones left at zero too, so both replicas end with the same value,
// the same clocks, and a conflict for the value only.
func TestConcurrentCreationsOfOneRow(t *testing.T) {
	ctx := context.Background()
	a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(&Setting{Row: Row{ID: "municipality"}, Value: "Comune di Palermo"}) }))
	require.NoError(t, b.Update(ctx, func(tx *Tx) error { return tx.Put(&Setting{Row: Row{ID: "municipality"}, Value: "Città di Palermo"}) }))
	exchange(t, a, b)
	exchange(t, b, a)
	for _, s := range []*Store{a, b} {
		cs, err := ListConflicts(s.DB(), true)
		require.NoError(t, err)
		require.Len(t, cs, 1, "each replica keeps the conflict it saw, on the value only (deleted is false on both sides)")
		require.Equal(t, "value", cs[0].Field)
	}

	ca, err := CanonicalExport(a.DB())
	require.NoError(t, err)
	cb, err := CanonicalExport(b.DB())
	require.NoError(t, err)
	require.Equal(t, string(ca), string(cb))
	var clkA, clkB string
	require.NoError(t, a.DB().Get(&clkA, "SELECT clk FROM settings WHERE id = 'municipality'"))
	require.NoError(t, b.DB().Get(&clkB, "SELECT clk FROM settings WHERE id = 'municipality'"))
	require.Equal(t, clkA, clkB, "the clocks converge too, so later edits are judged alike everywhere")

	// A later tombstone by a that saw both is causal everywhere: no spurious conflict.
	e, err := LoadEntity(a.DB(), "settings", "municipality")
	require.NoError(t, err)
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Delete(e) }))
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
	good := Change{Device: "dev-b", Seq: 1, HLC: "0001a2b3c4d5e.00000000.dev-b", Table: "assets", Row: "r1", Fields: RawJSON(`{"id":"r1","name":"x"}`)}
	tests := []struct {
		name   string
		change func(c *Change)
	}{
		{"unknown table", func(c *Change) { c.Table = "users" }},
		{"unknown field", func(c *Change) { c.Fields = RawJSON(`{"password":"x"}`) }},
		{"no field", func(c *Change) { c.Fields = RawJSON(`{}`) }},
		{"not an object", func(c *Change) { c.Fields = RawJSON(`["name"]`) }},
		{"value of the wrong type", func(c *Change) { c.Fields = RawJSON(`{"name":12}`) }},
		{"creation of another row", func(c *Change) { c.Fields = RawJSON(`{"id":"r2","name":"x"}`) }},
		{"clock of another device", func(c *Change) { c.HLC = "0001a2b3c4d5e.00000000.dev-c" }},
		{"own device", func(c *Change) { c.Device, c.HLC = "dev-a", "0001a2b3c4d5e.00000000.dev-a" }},
		{"bad previous writers", func(c *Change) { c.Prev = RawJSON(`{"name":"dev-a"}`) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.change(&c)
			err := s.Update(context.Background(), func(tx *Tx) error {
				_, err := tx.ApplyRemote(c, nil)
				return err
			})
			require.Error(t, err)
			require.Zero(t, countChanges(t, s), "nothing is logged")
		})
	}
	require.NoError(t, s.Update(context.Background(), func(tx *Tx) error {
		_, err := tx.ApplyRemote(good, nil)
		return err
	}))
	require.Equal(t, 1, countChanges(t, s))
}
