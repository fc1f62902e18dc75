package assets

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestImportPalermoRegister(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src, err := OpenFile(palermoCSV(t))
	require.NoError(t, err)
	require.Equal(t, ',', src.Delimiter)
	m := DefaultMapping(src.Header)
	want := map[string]string{"Id": "source_id", "Lat.": "lat", "Long.": "lon", "Indirizzo": "address", "Quartiere": "district",
		"Circoscrizione": "territory", "Titolo proposta": "name", "Ambiti di azione": "tags", "Coordinate": "latlon"}
	for i, h := range src.Header {
		if f, ok := want[h]; ok {
			require.Equal(t, f, m[i], h)
		}
	}

	rep, err := Import(ctx, s, src, ImportOptions{Municipality: "Comune di Palermo"})
	require.NoError(t, err)
	require.Empty(t, rep.Rejected)
	require.Equal(t, 73, rep.Rows)
	require.Equal(t, 73, rep.New)
	require.Equal(t, 73, count(t, s))

	items, err := List(s.DB(), Query{Sort: "ref"})
	require.NoError(t, err)
	require.Equal(t, "ASSET-0001", items[0].Ref)
	require.Equal(t, "ASSET-0073", items[72].Ref)
	for _, it := range items {
		require.NotEmpty(t, it.District, it.Ref)
		require.NotNil(t, it.Lat, it.Ref)
		require.InDelta(t, 38.1, *it.Lat, 0.2, it.Ref)
		require.InDelta(t, 13.35, *it.Lon, 0.2, it.Ref)
	}
	a, err := Get(s.DB(), "ASSET-0001")
	require.NoError(t, err)
	require.Equal(t, "001", a.SourceID)
	require.Equal(t, "Piazza Fonderia", a.Address)
	require.Equal(t, "Tribunali-Castellammare", a.District)
	require.Equal(t, "Riqualificazione di aree di Piazza Fonderia", a.Name)
	require.Equal(t, "square", a.Kind)
	require.Equal(t, "Comune di Palermo", a.Municipality)
	require.InDelta(t, 38.11930862, *a.Lat, 1e-9)

	// Importing the same file again creates nothing and logs nothing.
	before := changes(t, s)
	rep, err = Import(ctx, s, src, ImportOptions{Municipality: "Comune di Palermo"})
	require.NoError(t, err)
	require.Equal(t, 0, rep.New)
	require.Equal(t, 73, rep.Unchanged)
	require.Equal(t, 73, count(t, s))
	require.Equal(t, before, changes(t, s))

	// Search finds Palermo places without their accents.
	n, err := Count(s.DB(), Query{Text: "ballaro"})
	require.NoError(t, err)
	require.Positive(t, n)
}
