package model

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

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
