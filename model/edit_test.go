package model

import (
	"context"
	"sort"
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

			// B, synced, ends with the same row and the same conflict: A's user had not
			// seen B's value when writing over it.
			exchange(t, a, b)
			gotB, err := LoadAsset(b.DB(), orig.ID)
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
	require.Empty(t, conflictPairs(t, a))

	edited := base
	edited.Name = "Piazza Magione"
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&base, &edited) }))
	got, err := LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	require.False(t, got.Deleted)
	require.Equal(t, "Piazza Magione", got.Name)
	require.Equal(t, []string{"deleted: false / true"}, conflictLines(t, a))

	exchange(t, a, b)
	require.Equal(t, conflictPairs(t, a), conflictPairs(t, b), "B records the same conflict")

	cs, err := ListConflicts(a.DB(), true)
	require.NoError(t, err)
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.keepIncoming(cs[0]) }))
	exchange(t, a, b)
	for _, s := range []*Store{a, b} {
		got, err := LoadAsset(s.DB(), orig.ID)
		require.NoError(t, err)
		require.True(t, got.Deleted, s.Device())
		require.Equal(t, "Piazza Magione", got.Name, s.Device())
		require.Empty(t, conflictPairs(t, s), s.Device())
	}

	// A form that deletes the row itself deletes it, with no conflict.
	again, err := LoadAsset(a.DB(), orig.ID)
	require.NoError(t, err)
	back := again
	back.Deleted = false
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(&back) }))
	gone := back
	gone.Deleted = true
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.PutEdit(&back, &gone) }))
	require.True(t, gone.Deleted)
	require.Empty(t, conflictPairs(t, a), "no new conflict")
}

// conflictPairs lists a store's open conflicts as their two sides, each with its writer,
// in an order that does not depend on which side arrived first: replicas that converged
// hold the same.
func conflictPairs(t *testing.T, s *Store) []string {
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
