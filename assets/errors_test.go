package assets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

// The errors a person meets in the registry have kinds; the window translates them (the
// validation problems say themselves in a language), the command line adds its hints.
func TestErrorKinds(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	lat := 91.0
	invalid := Validate(&model.Asset{Kind: "square", Lat: &lat})
	_, resolve := Resolve(st.DB(), "ASSET-9999", "")
	_, byID := Resolve(st.DB(), "", "01nothere")
	_, photo := AddPhoto(ctx, st, model.Blobs{Dir: t.TempDir()}, "x", "notes.txt", strings.NewReader("x"))
	for _, tc := range []struct {
		name string
		err  error
		kind errs.Kind
		is   error
	}{
		{"validation", fmt.Errorf("save: %w", invalid), errs.Invalid, nil},
		{"one field", invalid.(ValidationError)[0], errs.Invalid, nil},
		{"not in the registry, by reference", resolve, errs.NotFound, model.ErrAssetNotFound},
		{"not in the registry, by id", byID, errs.NotFound, model.ErrAssetNotFound},
		{"not a photo", photo, errs.Invalid, ErrNotAPhoto},
		{"no column for the name", Mapping{"kind"}.Check(), errs.Invalid, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			require.Equal(t, tc.kind, errs.KindOf(tc.err), "%v", tc.err)
			if tc.is != nil {
				require.ErrorIs(t, tc.err, tc.is)
			}
			require.NotContains(t, tc.err.Error(), "--", "the command line adds its own hints")
		})
	}
	v := Problems(fmt.Errorf("save: %w", invalid))
	require.Len(t, v, 3)
	require.Equal(t, "Indique el nombre del bien.", v[0].Localized("es"))
	require.Contains(t, v.Localized("it"), "La latitudine 91 è fuori intervallo")
	require.Equal(t, 2, strings.Count(v.Localized("it"), "\n"), "one problem a line")
}
