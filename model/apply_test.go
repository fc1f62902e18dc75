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

func openDevice(t *testing.T, device string) *Store {
	t.Helper()
	return openDeviceAt(t, filepath.Join(t.TempDir(), device+".db"), device)
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
	require.Equal(t, Writer{Device: "dev-new", Seq: chs[1].Seq}, rc.of("name").Writer())
	require.Equal(t, Writer{Device: "dev-old", Seq: 1}, rc.of("kind").Writer())
}

func openDeviceAt(t *testing.T, path, device string) *Store {
	t.Helper()
	s, err := Open(path, Options{Device: device})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}
