package assets

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"pacta/model"
)

// ExportColumns are the columns of a CSV export, named as import fields so that an
// export imports back without a mapping ("pacta_id" matches the same rows again).
var ExportColumns = []string{"ref", "name", "kind", "description", "address", "district", "municipality", "region",
	"territory", "lat", "lon", "owner", "ownership", "protection", "designated", "reserved", "availability",
	"control_rights", "community", "licence", "heritage", "tags", "source_id", "pacta_id"}

// Formats are the export formats.
var Formats = []string{"csv", "geojson", "json"}

func formatFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func exportRow(a AssetView) []string {
	b := func(v bool) string {
		if v {
			return "yes"
		}
		return "no"
	}
	return []string{a.Ref, a.Name, a.Kind, a.Description, a.Address, a.District, a.Municipality, a.Region,
		a.Territory, formatFloat(a.Lat), formatFloat(a.Lon), a.Owner, a.Ownership, a.Protection, b(a.Designated),
		b(a.Reserved), a.Effective, a.ControlRights, a.Community, a.Licence, a.Heritage, a.Tags, a.SourceID, a.ID}
}

// each walks the assets a query selects in id order, a page at a time.
func each(ctx context.Context, db model.Querier, q Query, fn func(AssetView) error) error {
	after := ""
	f := q.Filter()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := AssetsPage(db, f, after, 1000)
		if err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < 1000 {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// ExportCSV writes the selected assets as CSV that spreadsheets open cleanly: UTF-8 with
// a byte-order mark (Excel needs it to read accents) and CRLF line ends.
func ExportCSV(ctx context.Context, db model.Querier, q Query, w io.Writer) (int, error) {
	bw := bufio.NewWriter(w)
	bw.Write(bom)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cw.Write(ExportColumns)
	n := 0
	err := each(ctx, db, q, func(a AssetView) error {
		n++
		return cw.Write(exportRow(a))
	})
	if err != nil {
		return n, fmt.Errorf("export csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("export csv: %w", err)
	}
	return n, bw.Flush()
}

// exportRecord is one asset in JSON and GeoJSON properties.
type exportRecord struct {
	ID            string   `json:"pacta_id"`
	Ref           string   `json:"ref"`
	Name          string   `json:"name"`
	Kind          string   `json:"kind"`
	Description   string   `json:"description"`
	Address       string   `json:"address"`
	District      string   `json:"district"`
	Municipality  string   `json:"municipality"`
	Region        string   `json:"region"`
	Territory     string   `json:"territory"`
	Lat           *float64 `json:"lat"`
	Lon           *float64 `json:"lon"`
	Owner         string   `json:"owner"`
	Ownership     string   `json:"ownership"`
	Protection    string   `json:"protection"`
	Designated    bool     `json:"designated"`
	Reserved      bool     `json:"reserved"`
	Availability  string   `json:"availability"`
	ControlRights string   `json:"control_rights"`
	Community     string   `json:"community"`
	Licence       string   `json:"licence"`
	Heritage      string   `json:"heritage"`
	Tags          string   `json:"tags"`
	SourceID      string   `json:"source_id"`
}

func toRecord(a AssetView) exportRecord {
	return exportRecord{ID: a.ID, Ref: a.Ref, Name: a.Name, Kind: a.Kind, Description: a.Description, Address: a.Address,
		District: a.District, Municipality: a.Municipality, Region: a.Region, Territory: a.Territory, Lat: a.Lat, Lon: a.Lon,
		Owner: a.Owner, Ownership: a.Ownership, Protection: a.Protection, Designated: a.Designated, Reserved: a.Reserved,
		Availability: a.Effective, ControlRights: a.ControlRights, Community: a.Community, Licence: a.Licence,
		Heritage: a.Heritage, Tags: a.Tags, SourceID: a.SourceID}
}

// ExportJSON writes the selected assets as a JSON array of objects, one per line.
func ExportJSON(ctx context.Context, db model.Querier, q Query, w io.Writer) (int, error) {
	n, err := writeArray(ctx, db, q, w, "[", "\n]\n", func(a AssetView) any { return toRecord(a) })
	if err != nil {
		return n, fmt.Errorf("export json: %w", err)
	}
	return n, nil
}

// ExportGeoJSON writes the selected assets as a GeoJSON FeatureCollection (WGS 84, as
// RFC 7946 requires, which QGIS reads directly). An asset without coordinates has a null
// geometry, which GeoJSON allows.
func ExportGeoJSON(ctx context.Context, db model.Querier, q Query, w io.Writer) (int, error) {
	n, err := writeArray(ctx, db, q, w, `{"type":"FeatureCollection","features":[`, "\n]}\n", func(a AssetView) any {
		f := struct {
			Type       string       `json:"type"`
			ID         string       `json:"id"`
			Geometry   any          `json:"geometry"`
			Properties exportRecord `json:"properties"`
		}{Type: "Feature", ID: a.ID, Properties: toRecord(a)}
		if a.Lat != nil && a.Lon != nil {
			f.Geometry = map[string]any{"type": "Point", "coordinates": []float64{*a.Lon, *a.Lat}}
		}
		return f
	})
	if err != nil {
		return n, fmt.Errorf("export geojson: %w", err)
	}
	return n, nil
}

// writeArray streams the selected assets as a JSON array, one element a line, between
// open and close, so that an export of 100 000 assets never holds them all in memory.
func writeArray(ctx context.Context, db model.Querier, q Query, w io.Writer, open, close string, item func(AssetView) any) (int, error) {
	bw := bufio.NewWriter(w)
	bw.WriteString(open)
	n := 0
	err := each(ctx, db, q, func(a AssetView) error {
		b, err := json.Marshal(item(a))
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(b)
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	bw.WriteString(close)
	return n, bw.Flush()
}

// Export writes the selected assets in format to w.
func Export(ctx context.Context, db model.Querier, q Query, format string, w io.Writer) (int, error) {
	switch strings.ToLower(format) {
	case "csv":
		return ExportCSV(ctx, db, q, w)
	case "json":
		return ExportJSON(ctx, db, q, w)
	case "geojson":
		return ExportGeoJSON(ctx, db, q, w)
	}
	return 0, fmt.Errorf("export: unknown format %q; use csv, geojson or json", format)
}

// ExportFile writes an export to path atomically (a temp file renamed into place, so a
// failed export never leaves half a file under the chosen name).
func ExportFile(ctx context.Context, db model.Querier, q Query, format, path string) (int, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".pacta-export-*")
	if err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	n, err := Export(ctx, db, q, format, tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// DataPackage describes a JSON export as a Frictionless Data Package (datapackage.json),
// so that open-data portals and the frictionless tools read its fields and types.
func DataPackage(municipality, resourcePath, created string) ([]byte, error) {
	type field struct {
		Name        string `json:"name"`
		Type        string `json:"type"`
		Description string `json:"description,omitempty"`
	}
	types := map[string]string{"lat": "number", "lon": "number", "designated": "boolean", "reserved": "boolean"}
	var fields []field
	for _, c := range append([]string{"pacta_id"}, ExportColumns[:len(ExportColumns)-1]...) {
		t := types[c]
		if t == "" {
			t = "string"
		}
		fields = append(fields, field{Name: c, Type: t})
	}
	name := "commons-registry"
	if s := strings.Join(Words(municipality), "-"); s != "" {
		name = s + "-commons-registry"
	}
	pkg := map[string]any{
		"profile": "data-package",
		"name":    name,
		"title":   strings.TrimSpace(municipality + " commons registry"),
		"created": created,
		"resources": []map[string]any{{
			"name":      "assets",
			"path":      resourcePath,
			"profile":   "tabular-data-resource",
			"format":    "json",
			"mediatype": "application/json",
			"encoding":  "utf-8",
			"schema":    map[string]any{"fields": fields, "primaryKey": []string{"pacta_id"}},
		}},
	}
	return json.MarshalIndent(pkg, "", "  ")
}
