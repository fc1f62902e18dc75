package assets

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestEffectiveAvailabilityAndLinkedPacts(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	a := &model.Asset{Ref: "ASSET-0001", Kind: "square", Name: "Piazza", Availability: "available"}
	b := &model.Asset{Ref: "ASSET-0002", Kind: "square", Name: "Portico"}
	p := &model.Pact{Ref: "PACT-2026-0001", Title: "Care of the square", Status: "draft"}
	require.NoError(t, s.Update(ctx, func(tx *model.Tx) error {
		for _, e := range []model.Entity{a, b, p} {
			if err := tx.Put(e); err != nil {
				return err
			}
		}
		return tx.Put(&model.PactAsset{PactID: p.ID, AssetID: a.ID})
	}))
	avail := func(ref string) string {
		v, err := GetAsset(s.DB(), ref)
		require.NoError(t, err)
		return v.Effective
	}
	require.Equal(t, "available", avail("ASSET-0001"), "a draft pact does not hold its assets")
	require.Equal(t, "available", avail("asset-0002"), "unset availability reads as available; refs are case-insensitive")
	for _, st := range model.PactStatusesHoldingAssets {
		p.Status = st
		require.NoError(t, s.Update(ctx, func(tx *model.Tx) error { return tx.Put(p) }))
		require.Equal(t, "under_pact", avail("ASSET-0001"), st)
	}
	n, err := CountAssets(s.DB(), AssetFilter{Availability: "under_pact"})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	links, err := PactsOfAsset(s.DB(), a.ID)
	require.NoError(t, err)
	require.Equal(t, []PactLink{{ID: p.ID, Ref: "PACT-2026-0001", Title: "Care of the square", Status: "extended"}}, links)
	p.Status = "concluded"
	require.NoError(t, s.Update(ctx, func(tx *model.Tx) error { return tx.Put(p) }))
	require.Equal(t, "available", avail("ASSET-0001"))
	byAvail, err := AssetCountsByAvailability(s.DB())
	require.NoError(t, err)
	require.Equal(t, []AssetCount{{Key: "available", N: 2}}, byAvail)
	_, err = GetAsset(s.DB(), "ASSET-0404")
	require.ErrorIs(t, err, model.ErrAssetNotFound)
}
