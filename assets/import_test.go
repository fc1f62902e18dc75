package assets

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

func TestImportRejectsAndDuplicates(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	p := writeFile(t, "beni.csv", "name;address;kind;lat;lon;licence\n"+
		"Piazza Uno;Via A 1;square;38,1;13,3;\n"+ // line 2 ok
		";Via A 2;square;;;\n"+ // line 3: no name
		"Piazza Tre;Via A 3;castle;;;\n"+ // line 4: bad kind
		"Piazza Quattro;Via A 4;square;95;13;\n"+ // line 5: latitude
		"\"Piazza\nCinque\";Via A 5;square;;;\n"+ // lines 6-7: a quoted newline, ok
		"Piazza Uno;via a 1;square;;;\n"+ // line 8: same name and address as line 2
		"Piazza Nove;Via A 9;square;;;CC BY\n") // line 9: licence on a square
	src, err := OpenFile(p)
	require.NoError(t, err)
	rep, err := Import(ctx, s, src, ImportOptions{DryRun: true})
	require.NoError(t, err)
	require.Equal(t, 0, count(t, s), "a dry run writes nothing")
	require.Equal(t, 2, rep.New)
	lines := map[int]string{}
	for _, r := range rep.Rejected {
		lines[r.Line] = r.Reason
	}
	require.Len(t, lines, 5, rep.Rejected)
	require.Contains(t, lines[3], "name")
	require.Contains(t, lines[4], "castle")
	require.Contains(t, lines[5], "between -90 and 90")
	require.Contains(t, lines[8], "line 2")
	require.Contains(t, lines[9], "digital")

	rep, err = Import(ctx, s, src, ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, 2, rep.New)
	require.Equal(t, 2, count(t, s))

	// The same place edited in the file updates the registry, matched on name + address.
	p2 := writeFile(t, "beni2.csv", "name,address,district\nPIAZZA UNO,Via A 1,Centro\nPiazza Nuova,Via B,Zisa\n")
	src2, err := OpenFile(p2)
	require.NoError(t, err)
	rep, err = Import(ctx, s, src2, ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, 1, rep.Updated)
	require.Equal(t, 1, rep.New)
	a, err := Get(s.DB(), "ASSET-0001")
	require.NoError(t, err)
	require.Equal(t, "Centro", a.District)
	require.Equal(t, "square", a.Kind, "unmapped fields keep their value")
	require.NotNil(t, a.Lat, "unmapped coordinates are kept")
}

func TestImportCancelAndFailureLeaveRegistryUnchanged(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	require.NoError(t, LoadSample(ctx, s))
	before, beforeChanges := count(t, s), changes(t, s)

	var b strings.Builder
	b.WriteString("id,name,address\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "S%d,Bene %d,Via %d\n", i, i, i)
	}
	src, err := OpenBytes("big.csv", []byte(b.String()))
	require.NoError(t, err)
	cctx, cancel := context.WithCancel(ctx)
	_, err = Import(cctx, s, src, ImportOptions{Progress: func(done, total int) {
		require.Equal(t, 2000, total)
		if done >= 1000 {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
	require.Equal(t, before, count(t, s))
	require.Equal(t, beforeChanges, changes(t, s))
	n, err := Count(s.DB(), Query{Text: "bene"})
	require.NoError(t, err)
	require.Zero(t, n, "the search index rolled back too")

	// And it imports fully when left alone.
	rep, err := Import(ctx, s, src, ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, 2000, rep.New)
	require.Equal(t, before+2000, count(t, s))
}

func TestImportGeoJSON(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	src, err := OpenFile("testdata/points.geojson")
	require.NoError(t, err)
	m, err := ParseMapping(src.Header, DefaultMapping(src.Header), []string{"licenza=licence"})
	require.NoError(t, err)
	rep, err := Import(ctx, s, src, ImportOptions{Mapping: m})
	require.NoError(t, err)
	require.Equal(t, 3, rep.New)
	require.Len(t, rep.Rejected, 1)
	require.Equal(t, 4, rep.Rejected[0].Line)
	items, err := List(s.DB(), Query{Sort: "ref"})
	require.NoError(t, err)
	require.Equal(t, "Piazza Fonderia", items[0].Name)
	require.Equal(t, "Tribunali-Castellammare", items[0].District)
	require.InDelta(t, 38.1, *items[1].Lat, 1e-9)
	require.Equal(t, "digital", items[2].Kind)
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	require.NoError(t, LoadSample(ctx, s))
	dir := t.TempDir()
	for _, f := range Formats {
		n, err := ExportFile(ctx, s.DB(), Query{}, f, filepath.Join(dir, "assets."+f))
		require.NoError(t, err)
		require.Equal(t, 13, n)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "assets.csv"))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(raw, bom))
	require.Equal(t, 14, bytes.Count(raw, []byte("\r\n")))

	var fc struct {
		Type     string
		Features []struct {
			Geometry   *struct{ Coordinates []float64 }
			Properties map[string]any
		}
	}
	raw, err = os.ReadFile(filepath.Join(dir, "assets.geojson"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &fc))
	require.Equal(t, "FeatureCollection", fc.Type)
	require.Len(t, fc.Features, 13)
	var arr []map[string]any
	raw, err = os.ReadFile(filepath.Join(dir, "assets.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &arr))
	require.Len(t, arr, 13)
	dp, err := DataPackage("Comune di Palermo", "assets.json", "2026-01-01T00:00:00Z")
	require.NoError(t, err)
	require.Contains(t, string(dp), `"comune-di-palermo-commons-registry"`)

	// Re-importing an export updates nothing; into an empty workspace it recreates the registry.
	before := changes(t, s)
	for _, f := range []string{"assets.csv", "assets.geojson"} {
		src, err := OpenFile(filepath.Join(dir, f))
		require.NoError(t, err)
		rep, err := Import(ctx, s, src, ImportOptions{})
		require.NoError(t, err, f)
		require.Equal(t, 13, rep.Unchanged, f)
		require.Empty(t, rep.Rejected, f)
	}
	require.Equal(t, before, changes(t, s))
	s2 := openStore(t)
	src, err := OpenFile(filepath.Join(dir, "assets.csv"))
	require.NoError(t, err)
	rep, err := Import(ctx, s2, src, ImportOptions{})
	require.NoError(t, err)
	require.Equal(t, 13, rep.New)
	orig, err := Get(s.DB(), "ASSET-0013")
	require.NoError(t, err)
	copied, err := Get(s2.DB(), "ASSET-0013")
	require.NoError(t, err)
	orig.ID, copied.ID = "", ""
	require.Equal(t, orig, copied)
}

func TestAvailableListPDF(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	require.NoError(t, LoadSample(ctx, s))
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	b, err := AvailableList(ctx, s.DB(), "Comune di Palermo", "it", date)
	require.NoError(t, err)
	b2, err := AvailableList(ctx, s.DB(), "Comune di Palermo", "it", date)
	require.NoError(t, err)
	require.Equal(t, b, b2, "same registry and date, same bytes")
	p := filepath.Join(t.TempDir(), "a.pdf")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Skipf("pdftotext is not installed: %v", err)
	}
	text := string(out)
	require.Contains(t, text, "Beni comuni disponibili")
	require.Contains(t, text, "Libertà (2)")
	require.Contains(t, text, "Villa Trabia")
	require.Contains(t, text, "Comune di Palermo")
	require.Regexp(t, `Pagina 1 di \d`, text, "page x of N")
	require.NotContains(t, text, "Ex deposito", "an unavailable asset is not listed")
}
