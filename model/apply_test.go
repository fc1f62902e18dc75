package model

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// sealed holds, per store, every change its exports sealed so far (what the shared
// folder would hold of that device).
var sealed = map[*Store][]Change{}

// seal seals from's pending changes, as an export does, and returns them.
func seal(t *testing.T, from *Store) []Change {
	t.Helper()
	var chs []Change
	require.NoError(t, from.Update(context.Background(), func(tx *Tx) error {
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
func exchange(t *testing.T, from, to *Store) ApplyStats {
	t.Helper()
	seal(t, from)
	chs := sealed[from]
	// The writer's version vector: what it had applied of the others (as a segment says).
	deps, err := VersionVector(from.DB())
	require.NoError(t, err)
	delete(deps, from.Device())
	var stats ApplyStats
	require.NoError(t, to.Update(context.Background(), func(tx *Tx) error {
		a, err := tx.NewApplier()
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

func openDevice(t *testing.T, device string) *Store {
	t.Helper()
	return openDeviceAt(t, filepath.Join(t.TempDir(), device+".db"), device)
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

// TestReissueChanges: a laptop whose identity was copied takes a new one; what it wrote
// under the old id after its last export is stamped again under the new id, in the order
// it was written, a creation again as a creation, and the next export carries it.
func TestReissueChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	s, err := Open(path, Options{Device: "dev-old"})
	require.NoError(t, err)
	a := &Asset{Name: "Piazza", Kind: "square"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	exported := seal(t, s) // a's creation reached the folder
	require.Len(t, exported, 1)
	b := &Asset{Name: "Giardino", Kind: "green_area", District: "Zisa"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(b) }))
	a.Name = "Piazza Grande"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.NoError(t, s.Close())

	s = openDeviceAt(t, path, "dev-new")
	num, err := ReadNumbering(s.DB())
	require.NoError(t, err)
	require.Equal(t, Numbering{}, num, "a new identity numbers its changes from one")
	var n int
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		var err error
		n, err = tx.ReissueChanges("dev-old", exported[0].Seq)
		return err
	}))
	require.Equal(t, len(TableColumns("assets"))-1+1, n, "b's every field, and a's name")
	chs := seal(t, s)
	require.Len(t, chs, 2)
	require.Equal(t, b.ID, chs[0].Row, "b was written first")
	require.Equal(t, "dev-new", chs[0].Device)
	vals, err := chs[0].Values()
	require.NoError(t, err)
	require.Contains(t, vals, "id", "b is a creation again")
	require.JSONEq(t, `"Zisa"`, string(vals["district"]))
	require.Equal(t, a.ID, chs[1].Row)
	require.JSONEq(t, `{"name":"Piazza Grande"}`, string(chs[1].Fields))
	require.JSONEq(t, `{"name":["dev-old",1]}`, string(chs[1].Prev), "the name the others hold is the exported one")
	// The clocks now name the new id; a's kind keeps its exported writer.
	rc := rowClk(t, s, a.ID)
	require.Equal(t, Writer{Device: "dev-new", Seq: chs[1].Seq}, rc.of("name").writer())
	require.Equal(t, Writer{Device: "dev-old", Seq: 1}, rc.of("kind").writer())
}

func openDeviceAt(t *testing.T, path, device string) *Store {
	t.Helper()
	s, err := Open(path, Options{Device: device})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}
