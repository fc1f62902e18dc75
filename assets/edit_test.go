package assets

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

// TestSaveEditKeepsWhatChangedMeanwhile: a form opened on an asset; another process (or a
// sync) then changed one field; the form's user changed another and saves. Both changes
// are in place and nothing conflicts, also when the stored row was not normalised (a
// register import leaves protection and availability empty; the form shows and normalises
// them as "none" and "available", which the user did not choose).
func TestSaveEditKeepsWhatChangedMeanwhile(t *testing.T) {
	ctx := context.Background()
	normal := model.Asset{Ref: "ASSET-0001", Kind: "green_area", Name: "Giardino Sperone", Address: "Via Sperone 1",
		Protection: "none", Availability: "available", Tags: "verde, scuola"}
	imported := model.Asset{Ref: "ASSET-0002", Kind: "green_area", Name: "Giardino Sperone", Address: "Via Sperone 1", Tags: "verde,scuola"}
	cases := []struct {
		name      string
		stored    model.Asset
		elsewhere func(a *model.Asset)
		form      func(a *model.Asset)
		check     func(t *testing.T, a model.Asset)
	}{
		{"name kept, description set", normal, func(a *model.Asset) { a.Name = "Giardino dello Sperone" },
			func(a *model.Asset) { a.Description = "Orto didattico." },
			func(t *testing.T, a model.Asset) {
				require.Equal(t, "Giardino dello Sperone", a.Name)
				require.Equal(t, "Orto didattico.", a.Description)
			}},
		{"protection kept over an imported row", imported, func(a *model.Asset) { a.Protection = "protected" },
			func(a *model.Asset) { a.Owner = "Comune di Palermo" },
			func(t *testing.T, a model.Asset) {
				require.Equal(t, "protected", a.Protection, "the form's \"none\" was only the empty value normalised")
				require.Equal(t, "Comune di Palermo", a.Owner)
				require.Equal(t, "available", a.Availability, "what nobody changed is stored normalised")
				require.Equal(t, "verde, scuola", a.Tags)
			}},
		{"tags kept, availability set", imported, func(a *model.Asset) { a.Tags = "verde, scuola, orto" },
			func(a *model.Asset) { a.Availability = "under_pact" },
			func(t *testing.T, a model.Asset) {
				require.Equal(t, "verde, scuola, orto", a.Tags)
				require.Equal(t, "under_pact", a.Availability)
				require.Equal(t, "none", a.Protection)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			stored := c.stored
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(&stored) }))
			base, err := model.LoadAsset(st.DB(), stored.ID) // the form is filled in
			require.NoError(t, err)
			other, err := model.Open(st.Path(), model.Options{Device: "dev-other"})
			require.NoError(t, err)
			defer other.Close()
			require.NoError(t, other.Update(ctx, func(tx *model.Tx) error {
				a, err := model.LoadAsset(tx, stored.ID)
				if err != nil {
					return err
				}
				c.elsewhere(&a)
				return tx.Put(&a)
			}))
			edited := base
			c.form(&edited)
			require.NoError(t, SaveEdit(ctx, st, base, &edited))
			now, err := model.LoadAsset(st.DB(), stored.ID)
			require.NoError(t, err)
			require.Equal(t, now, edited, "SaveEdit leaves the asset as written in a")
			c.check(t, now)
			cs, err := replica.ListConflicts(st.DB(), true)
			require.NoError(t, err)
			require.Empty(t, cs)
		})
	}
}

// TestRemovePhotoWritesOnlyTheDeletion: the screen removes a photo from the copy it listed;
// a caption another process wrote since stays in the row.
func TestRemovePhotoWritesOnlyTheDeletion(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	a := model.Asset{Ref: "ASSET-0001", Kind: "green_area", Name: "Giardino", Protection: "none", Availability: "available"}
	require.NoError(t, Save(ctx, st, &a))
	blobs := model.Blobs{Dir: t.TempDir()}
	att, err := AddPhoto(ctx, st, blobs, a.ID, "giardino.jpg", strings.NewReader("jpeg bytes"))
	require.NoError(t, err)
	listed, err := Photos(st.DB(), a.ID)
	require.NoError(t, err)
	require.Len(t, listed, 1)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "attachments", att.ID)
		if err != nil {
			return err
		}
		e.(*model.Attachment).Caption = "L'ingresso, a maggio."
		return tx.Put(e)
	}))
	require.NoError(t, RemovePhoto(ctx, st, listed[0]))
	e, err := model.LoadEntity(st.DB(), "attachments", att.ID)
	require.NoError(t, err)
	row := e.(*model.Attachment)
	require.True(t, row.Deleted)
	require.Equal(t, "L'ingresso, a maggio.", row.Caption)
	left, err := Photos(st.DB(), a.ID)
	require.NoError(t, err)
	require.Empty(t, left)
}
