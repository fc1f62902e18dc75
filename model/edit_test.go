package model

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

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
		theirs func(a *Asset) // B's edit, synced while the form is open
		form   func(a *Asset) // what A's user changes in the form
		want   want
	}{
		{"different fields", func(a *Asset) { a.District = "Kalsa" }, func(a *Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Kalsa", description: "x"}},
		{"same field, other values", func(a *Asset) { a.Name = "Piazza della Magione" }, func(a *Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Centro", description: "x", conflicts: []string{`name: "Piazza Magione" / "Piazza della Magione"`}}},
		{"same field, same value", func(a *Asset) { a.Name = "Piazza Magione" }, func(a *Asset) { a.Name = "Piazza Magione" },
			want{name: "Piazza Magione", district: "Centro", description: "x"}},
		{"form cleared a field B kept", func(a *Asset) { a.District = "Kalsa" }, func(a *Asset) { a.Description = "" },
			want{name: "Piazza", district: "Kalsa", description: ""}},
		{"form saved unchanged", func(a *Asset) { a.Name = "Piazza della Magione" }, func(a *Asset) {},
			want{name: "Piazza della Magione", district: "Centro", description: "x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
			orig := &Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square", District: "Centro", Description: "x"}
			require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(orig) }))
			exchange(t, a, b)

			base, err := LoadAsset(a.DB(), orig.ID) // the form opens
			require.NoError(t, err)
			other, err := LoadAsset(b.DB(), orig.ID)
			require.NoError(t, err)
			c.theirs(&other)
			require.NoError(t, b.Update(ctx, func(tx *Tx) error { return tx.Put(&other) }))
			exchange(t, b, a) // the sync, while the form is open

			edited := base
			c.form(&edited)
			require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&base, &edited) }))

			got, err := LoadAsset(a.DB(), orig.ID)
			require.NoError(t, err)
			require.Equal(t, c.want, want{name: got.Name, district: got.District, description: got.Description, conflicts: conflictLines(t, a)})
			require.Equal(t, got, edited, "edited holds the row as written")

			// B, synced, ends with the same row, and no conflict of its own: A's edit came
			// after B's.
			exchange(t, a, b)
			gotB, err := LoadAsset(b.DB(), orig.ID)
			require.NoError(t, err)
			require.Equal(t, got, gotB)
			require.Empty(t, conflictLines(t, b))
		})
	}
}

// TestPutEditOfARowDeletedMeanwhile: B deletes the asset while A's form is open. A's save
// brings it back with the edit, and keeps the deletion as a conflict; keeping theirs
// deletes it again, on both laptops.
func TestPutEditOfARowDeletedMeanwhile(t *testing.T) {
	ctx := context.Background()
	a, b := openDevice(t, "dev-a"), openDevice(t, "dev-b")
	orig := &Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square"}
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(orig) }))
	exchange(t, a, b)
	base, err := LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	require.NoError(t, b.Update(ctx, func(tx *Tx) error { gone := base; return tx.Delete(&gone) }))
	exchange(t, b, a)

	unchanged := base
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&base, &unchanged) }))
	require.True(t, unchanged.Deleted, "a form saved unchanged does not bring the row back")
	require.Empty(t, conflictLines(t, a))

	edited := base
	edited.Name = "Piazza Magione"
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&base, &edited) }))
	got, err := LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	require.False(t, got.Deleted)
	require.Equal(t, "Piazza Magione", got.Name)
	require.Equal(t, []string{"deleted: false / true"}, conflictLines(t, a))

	// A form that deletes the row itself deletes it, with no conflict.
	again, err := LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	gone := again
	gone.Deleted = true
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&again, &gone) }))
	require.True(t, gone.Deleted)
	require.Len(t, conflictLines(t, a), 1, "no new conflict")
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { back := gone; back.Deleted = false; return tx.Put(&back) }))

	cs, err := ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.ResolveConflict(cs[0].ID, KeepTheirs, nil) }))
	exchange(t, a, b)
	for _, s := range []*Store{a, b} {
		got, err := LoadAsset(s.DB(), orig.ID)
		require.NoError(t, err)
		require.True(t, got.Deleted, s.Device())
		require.Equal(t, "Piazza Magione", got.Name, s.Device())
	}
}

func conflictLines(t *testing.T, s *Store) []string {
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

func TestPutEditOfANewRowOrTheWrongBase(t *testing.T) {
	ctx := context.Background()
	s := openDevice(t, "dev-a")
	a := &Asset{Ref: "ASSET-0001", Name: "Piazza", Kind: "square"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&Asset{}, a) }))
	require.NotEmpty(t, a.ID, "a new row is written as Put writes it")
	got, err := LoadAsset(s.DB(), a.ID)
	require.NoError(t, err)
	require.Equal(t, "Piazza", got.Name)

	b := &Asset{Ref: "ASSET-0002", Name: "Villa", Kind: "green_area"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(b) }))
	edited := *a
	edited.Name = "Piazza Magione"
	err = s.Update(ctx, func(tx *Tx) error { return tx.PutEdit(b, &edited) })
	require.ErrorContains(t, err, "another row")
	got, err = LoadAsset(s.DB(), a.ID)
	require.NoError(t, err)
	require.Equal(t, "Piazza", got.Name, "nothing written")
}
