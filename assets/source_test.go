package assets

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadCSVVariants(t *testing.T) {
	src, err := OpenFile("testdata/bom.csv")
	require.NoError(t, err)
	require.Equal(t, "utf-8 with BOM", src.Charset)
	require.Equal(t, []string{"name", "kind", "lat", "lon"}, src.Header)
	rows, err := src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	require.Equal(t, "Piazza Città", rows[0].Values[0])
	require.Equal(t, 2, rows[0].Line)

	src, err = OpenFile("testdata/semicolon.csv")
	require.NoError(t, err)
	require.Equal(t, ';', src.Delimiter)
	require.Equal(t, "utf-8", src.Charset)
	rows, err = src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	require.Equal(t, `Una piazza; con "virgolette"`, rows[0].Values[4])
	require.Equal(t, []string{"Nome", "Tipo", "Latitudine", "Longitudine", "Descrizione"}, src.Header)
	require.Equal(t, Mapping{"name", "kind", "lat", "lon", "description"}, DefaultMapping(src.Header))

	src, err = OpenFile("testdata/broken-quotes.csv")
	require.NoError(t, err)
	rows, err = src.Preview(10)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	require.Equal(t, 2, rows[0].Line)

	// A quote opened and never closed swallows the following lines into one cell: the row
	// is rejected with a reason rather than imported as one strange asset; a cell that
	// legitimately spans two lines is kept.
	src, err = OpenFile(writeFile(t, "unclosed.csv", "name;kind;lat;lon\n\"Piazza;square;38,1;13\nParco;green_area;38,1;13,3\n"))
	require.NoError(t, err)
	rows, err = src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	require.ErrorContains(t, rows[0].Err, "never closed")
	src, err = OpenFile(writeFile(t, "multiline.csv", "name,address,lat,lon\nPiazza,\"Via Roma, 1\nPalermo\",38.1,13.3\n"))
	require.NoError(t, err)
	rows, err = src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	require.NoError(t, rows[0].Err)
	require.Equal(t, "Via Roma, 1\nPalermo", rows[0].Values[1])

	// Windows-1252 (a spreadsheet saved as "CSV" on an old Windows) is decoded.
	p := writeFile(t, "latin.csv", "nome;indirizzo\nPiazza Citt\xe0;Via Ni\xf1o\n")
	src, err = OpenFile(p)
	require.NoError(t, err)
	require.Equal(t, "windows-1252", src.Charset)
	rows, err = src.Preview(1)
	require.NoError(t, err)
	require.Equal(t, []string{"Piazza Città", "Via Niño"}, rows[0].Values)

	_, err = OpenFile(writeFile(t, "empty.csv", "\n\n"))
	require.ErrorIs(t, err, ErrEmpty)
	_, err = OpenFile("testdata/missing.csv")
	require.Error(t, err)
}

func TestReadGeoJSON(t *testing.T) {
	src, err := OpenFile("testdata/points.geojson")
	require.NoError(t, err)
	require.Equal(t, "geojson", src.Format)
	require.Equal(t, []string{"id", "nome", "quartiere", "tipo", "extra", "licenza"}, src.Header)
	rows, err := src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 4)
	require.InDelta(t, 38.1193, *rows[0].Lat, 1e-9)
	require.InDelta(t, 13.3662, *rows[0].Lon, 1e-9)
	require.Equal(t, "p1", rows[0].Values[0])
	require.InDelta(t, 38.1, *rows[1].Lat, 1e-9, "a polygon gives its centroid")
	require.InDelta(t, 13.1, *rows[1].Lon, 1e-9)
	require.Nil(t, rows[2].Lat)

	b, err := os.ReadFile("testdata/bad.geojson")
	require.NoError(t, err)
	src, err = ReadGeoJSON("bad.geojson", b)
	require.NoError(t, err)
	rows, err = src.Preview(10)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	for _, r := range rows {
		require.Error(t, r.Err, r.Line)
	}
	_, err = ReadGeoJSON("x", []byte(`{"type":"Point","coordinates":[1,2]}`))
	require.ErrorContains(t, err, "not a GeoJSON FeatureCollection")
	_, err = ReadGeoJSON("x", []byte(`not json`))
	require.ErrorContains(t, err, "not valid GeoJSON")
}

func TestMappingOverrides(t *testing.T) {
	h := []string{"Id", "Città", "Nome bene", "Coordinate"}
	m := DefaultMapping(h)
	require.Equal(t, Mapping{"source_id", "municipality", "", "latlon"}, m)
	m, err := ParseMapping(h, m, []string{"nome bene=name", "citta=", "4=latlon"})
	require.NoError(t, err)
	require.Equal(t, Mapping{"source_id", "", "name", "latlon"}, m)
	_, err = ParseMapping(h, m, []string{"Nope=name"})
	require.ErrorContains(t, err, "no column")
	_, err = ParseMapping(h, m, []string{"Id=castle"})
	require.ErrorContains(t, err, "not a field")
	_, err = ParseMapping(h, m, []string{"Id"})
	require.ErrorContains(t, err, "column=field")
}
