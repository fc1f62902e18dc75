package assets

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// twoLaptopsRegistry is a registry in which two laptops each gave out ASSET-0042 offline
// (the rows as the sync brings them: same reference, different ids), with a unique
// ASSET-0043 and a deleted ASSET-0050 whose number is not to be given out again.
func twoLaptopsRegistry(t *testing.T) (st *model.Store, first, second, unique model.Asset) {
	t.Helper()
	st = openStore(t)
	first = model.Asset{Ref: "ASSET-0042", Name: "Piazza Magione", Kind: "square", District: "Kalsa"}
	second = model.Asset{Ref: "ASSET-0042", Name: "Orto della Zisa", Kind: "green_area", District: "Zisa"}
	unique = model.Asset{Ref: "ASSET-0043", Name: "Ex deposito", Kind: "building", District: "Politeama"}
	gone := model.Asset{Ref: "ASSET-0050", Name: "Demolito", Kind: "building"}
	require.NoError(t, st.Update(context.Background(), func(tx *model.Tx) error {
		for _, a := range []*model.Asset{&first, &second, &unique, &gone} {
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		return tx.Delete(&gone)
	}))
	return st, first, second, unique
}

func flagged(t *testing.T, st *model.Store) map[string]bool {
	t.Helper()
	items, err := List(st.DB(), Query{Sort: "ref"})
	require.NoError(t, err)
	out := map[string]bool{}
	for _, it := range items {
		out[it.ID] = it.DuplicateRef
	}
	return out
}

func TestDuplicateRefsAreFlaggedAndNeverPicked(t *testing.T) {
	st, first, second, unique := twoLaptopsRegistry(t)
	db := st.DB()
	require.Equal(t, map[string]bool{first.ID: true, second.ID: true, unique.ID: false}, flagged(t, st))

	// A page that holds one of the two still flags it (the other is on another page).
	items, err := List(db, Query{Sort: "name", Limit: 1})
	require.NoError(t, err)
	require.Equal(t, "Ex deposito", items[0].Name)
	items, err = List(db, Query{Sort: "name", Limit: 1, Offset: 1})
	require.NoError(t, err)
	require.Equal(t, "Orto della Zisa", items[0].Name)
	require.True(t, items[0].DuplicateRef)

	tests := []struct {
		name, ref, id string
		want          string // the id found; "" when an error is expected
		ambiguous     bool
		notFound      bool
	}{
		{name: "duplicated reference", ref: "ASSET-0042", ambiguous: true},
		{name: "duplicated reference, other case", ref: "asset-0042", ambiguous: true},
		{name: "duplicated reference with --id", ref: "ASSET-0042", id: second.ID, want: second.ID},
		{name: "id alone", id: first.ID, want: first.ID},
		{name: "id as the reference", ref: first.ID, want: first.ID},
		{name: "unique reference", ref: "asset-0043", want: unique.ID},
		{name: "id of another reference", ref: "ASSET-0043", id: first.ID},
		{name: "deleted", ref: "ASSET-0050", notFound: true},
		{name: "unknown id", id: "nope", notFound: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Resolve(db, tc.ref, tc.id)
			if tc.want != "" {
				require.NoError(t, err)
				require.Equal(t, tc.want, a.ID)
				return
			}
			require.Error(t, err)
			var amb *model.AmbiguousRefError
			require.Equal(t, tc.ambiguous, errors.As(err, &amb), "%v", err)
			require.Equal(t, tc.notFound, errors.Is(err, model.ErrAssetNotFound), "%v", err)
			if tc.ambiguous {
				require.Equal(t, "ASSET-0042", amb.Ref)
				require.Equal(t, []model.RefHolder{
					{ID: first.ID, Ref: "ASSET-0042", Name: "Piazza Magione", Detail: "Kalsa"},
					{ID: second.ID, Ref: "ASSET-0042", Name: "Orto della Zisa", Detail: "Zisa"},
				}, amb.Holders)
			}
		})
	}
	_, err = Get(db, "ASSET-0042")
	var amb *model.AmbiguousRefError
	require.ErrorAs(t, err, &amb, "Get never picks one of two")
}

func TestRenumberGivesTheNextFreeNumber(t *testing.T) {
	tests := []struct {
		name    string
		ref     string
		pick    func(first, second, unique model.Asset) string
		wantErr error  // a sentinel, or nil
		errText string // or a message
		newRef  string
	}{
		{name: "the second holder", ref: "ASSET-0042", pick: func(_, s, _ model.Asset) string { return s.ID }, newRef: "ASSET-0051"},
		{name: "the first holder, reference as a form gives it", ref: "", pick: func(f, _, _ model.Asset) string { return f.ID }, newRef: "ASSET-0051"},
		{name: "a reference nobody else holds", ref: "ASSET-0043", pick: func(_, _, u model.Asset) string { return u.ID }, wantErr: model.ErrNotDuplicated},
		{name: "an id that is not the reference's", ref: "ASSET-0043", pick: func(f, _, _ model.Asset) string { return f.ID }, errText: "has the reference ASSET-0042, not ASSET-0043"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, first, second, unique := twoLaptopsRegistry(t)
			id := tc.pick(first, second, unique)
			before, err := model.LoadAsset(st.DB(), id)
			require.NoError(t, err)
			after, err := Renumber(context.Background(), st, tc.ref, id)
			if tc.wantErr != nil || tc.errText != "" {
				if tc.wantErr != nil {
					require.ErrorIs(t, err, tc.wantErr)
				} else {
					require.ErrorContains(t, err, tc.errText)
				}
				now, err := model.LoadAsset(st.DB(), id)
				require.NoError(t, err)
				require.Equal(t, before, now, "nothing written")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.newRef, after.Ref, "one more than the highest number ever given out, the deleted one included")
			got, err := Get(st.DB(), tc.newRef)
			require.NoError(t, err)
			require.Equal(t, id, got.ID)
			before.Ref = tc.newRef
			require.Equal(t, before, got.Asset, "only the reference changed")
			other := first
			if id == first.ID {
				other = second
			}
			kept, err := Get(st.DB(), "ASSET-0042")
			require.NoError(t, err, "the reference is no longer ambiguous")
			require.Equal(t, other.ID, kept.ID, "the other keeps its number")
			require.Equal(t, map[string]bool{first.ID: false, second.ID: false, unique.ID: false}, flagged(t, st))
			hits, err := List(st.DB(), Query{Text: tc.newRef})
			require.NoError(t, err)
			require.Len(t, hits, 1, "the search finds the new number")

			_, err = Renumber(context.Background(), st, "ASSET-0042", other.ID)
			require.ErrorIs(t, err, model.ErrNotDuplicated, "once is enough")
		})
	}
}

// An asset named in a signed pact keeps its number: the other holder takes the new one,
// unless it is in a signed pact too.
func TestRenumberKeepsTheNumberOfASignedAgreement(t *testing.T) {
	st, first, second, _ := twoLaptopsRegistry(t)
	ctx := context.Background()
	sign := func(a model.Asset) {
		require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
			p := model.Pact{Ref: "PACT-2026-00" + a.Name[:2], Title: "Cura di " + a.Name, Kind: "ordinary", Status: "signed", Version: 1}
			if err := tx.Put(&p); err != nil {
				return err
			}
			if err := tx.Put(&model.PactAsset{PactID: p.ID, AssetID: a.ID}); err != nil {
				return err
			}
			return tx.Put(&model.PactVersion{PactID: p.ID, Number: 1, Content: "{}", SHA256: "x"})
		}))
	}
	sign(first)
	c, err := CheckRef(st.DB(), first.ID)
	require.NoError(t, err)
	require.True(t, c.Duplicate())
	require.True(t, c.Signed)
	require.False(t, c.Renumberable())
	require.Equal(t, []model.RefHolder{{ID: second.ID, Ref: "ASSET-0042", Name: "Orto della Zisa", Detail: "Zisa"}}, c.Others)
	_, err = Renumber(ctx, st, "ASSET-0042", first.ID)
	require.ErrorIs(t, err, model.ErrRefSigned)
	c, err = CheckRef(st.DB(), second.ID)
	require.NoError(t, err)
	require.True(t, c.Renumberable(), "the other one may move")

	sign(second)
	c, err = CheckRef(st.DB(), first.ID)
	require.NoError(t, err)
	require.True(t, c.Renumberable(), "both signed: one of them has to move all the same")
	after, err := Renumber(ctx, st, "ASSET-0042", first.ID)
	require.NoError(t, err)
	require.Equal(t, "ASSET-0051", after.Ref)
}
