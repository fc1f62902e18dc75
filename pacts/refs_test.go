package pacts

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// twoLaptopsPacts starts a pact on each of two laptops offline: both take PACT-2026-0001.
// Laptop B's pact then arrives on laptop A (as a sync writes it: the same row, same id).
func twoLaptopsPacts(t *testing.T) (a *model.Store, mine, theirs model.Pact) {
	t.Helper()
	a = openStore(t)
	b, err := model.Open(filepath.Join(t.TempDir(), "b.db"), model.Options{Device: "dev-b"})
	require.NoError(t, err)
	defer b.Close()
	mine, err = Create(ctx, a, NewPact{Title: "Cura di Piazza Magione", Proponent: "Associazione Àncora"}, by(0))
	require.NoError(t, err)
	theirs, err = Create(ctx, b, NewPact{Title: "Orto della Zisa", Proponent: "Orto Comune"}, by(0))
	require.NoError(t, err)
	require.Equal(t, mine.Ref, theirs.Ref, "both laptops gave out the same number")
	require.NoError(t, a.Update(ctx, func(tx *model.Tx) error { arrived := theirs; return tx.Put(&arrived) }))
	return a, mine, theirs
}

func listFlags(t *testing.T, st *model.Store) map[string]bool {
	t.Helper()
	items, err := List(st.DB(), Filter{}, day0)
	require.NoError(t, err)
	out := map[string]bool{}
	for _, it := range items {
		out[it.ID] = it.DuplicateRef
	}
	return out
}

func TestDuplicatePactRefsAreFlaggedAndNeverPicked(t *testing.T) {
	st, mine, theirs := twoLaptopsPacts(t)
	db := st.DB()
	ref := mine.Ref
	require.Equal(t, map[string]bool{mine.ID: true, theirs.ID: true}, listFlags(t, st))

	_, err := LoadRef(db, ref)
	var amb *model.AmbiguousRefError
	require.ErrorAs(t, err, &amb)
	require.Equal(t, "pacts", amb.Table)
	require.ElementsMatch(t, []model.RefHolder{
		{ID: mine.ID, Ref: ref, Name: "Cura di Piazza Magione", Detail: Draft},
		{ID: theirs.ID, Ref: ref, Name: "Orto della Zisa", Detail: Draft},
	}, amb.Holders)

	tests := []struct {
		name, ref, id, want, errText string
	}{
		{name: "reference and id", ref: ref, id: theirs.ID, want: theirs.ID},
		{name: "id alone", id: mine.ID, want: mine.ID},
		{name: "id given as the reference", ref: mine.ID, want: mine.ID},
		{name: "id of another reference", ref: "PACT-2026-0002", id: mine.ID, errText: "has the reference " + ref + ", not PACT-2026-0002"},
		{name: "unknown", ref: "PACT-2026-0099", errText: "not found"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Resolve(db, tc.ref, tc.id)
			if tc.errText != "" {
				require.ErrorContains(t, err, tc.errText)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, d.Pact.ID)
		})
	}
}

func TestRenumberPact(t *testing.T) {
	st, mine, theirs := twoLaptopsPacts(t)
	ref := mine.Ref
	nextYear := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)

	_, err := Renumber(ctx, st, "PACT-2026-0002", theirs.ID, nextYear)
	require.ErrorContains(t, err, "not PACT-2026-0002", "the reference must be the pact's")
	before, err := PactByID(st.DB(), theirs.ID)
	require.NoError(t, err)
	after, err := Renumber(ctx, st, ref, theirs.ID, nextYear)
	require.NoError(t, err)
	require.Equal(t, "PACT-2026-0002", after.Ref, "the next free number of the year it was given out in")
	got, err := PactByID(st.DB(), theirs.ID)
	require.NoError(t, err)
	before.Ref = after.Ref
	require.Equal(t, before, got, "only the reference changed")
	d, err := LoadRef(st.DB(), ref)
	require.NoError(t, err)
	require.Equal(t, mine.ID, d.Pact.ID, "the other keeps its number")
	require.Equal(t, map[string]bool{mine.ID: false, theirs.ID: false}, listFlags(t, st))

	_, err = Renumber(ctx, st, ref, mine.ID, nextYear)
	require.ErrorIs(t, err, model.ErrNotDuplicated)
	require.Equal(t, ref, d.Pact.Ref)

	// A reference not of the PACT-YYYY-NNNN shape (a register's) takes this year's scheme.
	var odd [2]model.Pact
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for i := range odd {
			odd[i] = model.Pact{Ref: "REG-17", Title: "Imported", Kind: Ordinary, Status: Draft, Version: 1}
			if err := tx.Put(&odd[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	after, err = Renumber(ctx, st, "reg-17", odd[1].ID, nextYear)
	require.NoError(t, err)
	require.Equal(t, "PACT-2027-0001", after.Ref)
}

// A pact signed under its number keeps it; the unsigned one that shares it moves.
func TestRenumberKeepsASignedPactsNumber(t *testing.T) {
	st := openStore(t)
	signed := readyPact(t, st, "it")
	signAll(t, st, signed, "2026-06-01")
	copyRef := model.Pact{Ref: signed.Pact.Ref, Title: "Started offline", Kind: Ordinary, Status: Draft, Version: 1}
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(&copyRef) }))

	c, err := CheckRef(st.DB(), signed.Pact.ID)
	require.NoError(t, err)
	require.True(t, c.Duplicate())
	require.True(t, c.Signed)
	require.False(t, c.OthersSigned)
	require.False(t, c.Renumberable())
	_, err = Renumber(ctx, st, "", signed.Pact.ID, day0)
	require.ErrorIs(t, err, model.ErrRefSigned)

	after, err := Renumber(ctx, st, "", copyRef.ID, day0)
	require.NoError(t, err)
	require.NotEqual(t, signed.Pact.Ref, after.Ref)
	d, err := Load(st.DB(), signed.Pact.ID)
	require.NoError(t, err)
	require.NoError(t, Verify(d), "the signed versions are untouched")
}

// Linking by a reference two assets hold is refused with both named; by id it links.
func TestLinkAssetByAnAmbiguousReference(t *testing.T) {
	st, mine, _ := twoLaptopsPacts(t)
	addAsset(t, st, "ASSET-0042", "Piazza Magione", "Piazza Magione")
	addAsset(t, st, "ASSET-0042", "Orto della Zisa", "Via Zisa")
	err := st.Update(ctx, func(tx *model.Tx) error { return LinkAsset(tx, mine.ID, "ASSET-0042") })
	var amb *model.AmbiguousRefError
	require.True(t, errors.As(err, &amb), "%v", err)
	require.Equal(t, "assets", amb.Table)
	require.Len(t, amb.Holders, 2)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return LinkAsset(tx, mine.ID, amb.Holders[1].ID) }))
	d, err := Load(st.DB(), mine.ID)
	require.NoError(t, err)
	require.Len(t, d.Assets, 1)
	require.Equal(t, amb.Holders[1].ID, d.Assets[0].ID)
}
