package assets

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// exercise reads every row of a source and turns each into an asset the way Import does
// (without a database), so the fuzzers reach the value parsers too.
func exercise(t *testing.T, src *Source) {
	m := DefaultMapping(src.Header)
	if len(m) != len(src.Header) {
		t.Fatalf("mapping has %d columns for %d", len(m), len(src.Header))
	}
	im := &importer{src: src, col: map[string][]int{}, byID: map[string]bool{}, bySrc: map[string]string{},
		byKey: map[string]string{}, seen: map[string]int{}}
	for i, f := range m {
		if f != "" {
			im.col[f] = append(im.col[f], i)
		}
	}
	if _, err := src.Preview(3); err != nil {
		return
	}
	_ = src.Each(context.Background(), func(r Record) error {
		if r.Err == nil && len(r.Values) != len(src.Header) {
			t.Fatalf("line %d has %d values for %d columns", r.Line, len(r.Values), len(src.Header))
		}
		a, _, err := im.prepare(nil, r)
		if err == nil && Validate(&a) != nil {
			t.Fatalf("line %d: prepare accepted an invalid asset", r.Line)
		}
		return nil
	})
}

func addSeeds(f *testing.F, pattern string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds match testdata/%s", pattern)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzReadCSV: no input makes the CSV reader or the row parsers panic.
func FuzzReadCSV(f *testing.F) {
	addSeeds(f, "*.csv")
	f.Add([]byte(""))
	f.Add([]byte("\xef\xbb\xbf"))
	f.Add([]byte("a;b\n\"x\"\"y\";\"z\n"))
	f.Add([]byte("name,latlon\nx,\"geo:1,2;u=3\"\ny,POINT(13 38)\n"))
	f.Add([]byte("name,lat,lon\nx,1.234,5\n\xff\xfe,9,9\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := openCSV("fuzz.csv", func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil })
		if err != nil {
			return
		}
		exercise(t, src)
	})
}

// FuzzReadGeoJSON: no input makes the GeoJSON reader panic.
func FuzzReadGeoJSON(f *testing.F) {
	addSeeds(f, "*.geojson")
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":{"name":"x"}}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[3,4]]}]},"properties":null}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		src, err := ReadGeoJSON("fuzz.geojson", b)
		if err != nil {
			return
		}
		exercise(t, src)
	})
}
