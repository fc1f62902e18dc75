package assets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

type geoFeature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   *geoGeometry    `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

type geoGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  []geoGeometry   `json:"geometries"`
}

// ReadGeoJSON reads a GeoJSON FeatureCollection (or a single Feature). Each feature is a
// row; its properties are the columns, in the order they first appear, plus "id" for a
// feature id. A Point gives the coordinates; a Polygon or MultiPolygon its centroid; a
// line or a MultiPoint the mean of its points.
func ReadGeoJSON(name string, b []byte) (*Source, error) {
	b = bytes.TrimPrefix(b, bom)
	var top struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return nil, fmt.Errorf("%s is not valid GeoJSON: %v", name, err)
	}
	raws := top.Features
	switch top.Type {
	case "FeatureCollection":
	case "Feature":
		raws = []json.RawMessage{b}
	default:
		return nil, fmt.Errorf("%s is not a GeoJSON FeatureCollection (its type is %q)", name, top.Type)
	}
	s := &Source{Name: name, Format: "geojson", Charset: "utf-8"}
	col := map[string]int{}
	addCol := func(k string) int {
		if i, ok := col[k]; ok {
			return i
		}
		col[k] = len(s.Header)
		s.Header = append(s.Header, k)
		return col[k]
	}
	type cell struct {
		col int
		val string
	}
	rows := make([][]cell, len(raws))
	for i, raw := range raws {
		rec := Record{Line: i + 1}
		var f geoFeature
		if err := json.Unmarshal(raw, &f); err != nil {
			rec.Err = fmt.Errorf("feature %d is not a GeoJSON feature: %v", i+1, err)
			s.features = append(s.features, rec)
			continue
		}
		if f.Type != "Feature" {
			rec.Err = fmt.Errorf("feature %d has type %q, not \"Feature\"", i+1, f.Type)
			s.features = append(s.features, rec)
			continue
		}
		if id := jsonScalar(f.ID); id != "" {
			rows[i] = append(rows[i], cell{addCol("id"), id})
		}
		keys, vals, err := orderedProperties(f.Properties)
		if err != nil {
			rec.Err = fmt.Errorf("feature %d: the properties cannot be read: %v", i+1, err)
			s.features = append(s.features, rec)
			continue
		}
		for j, k := range keys {
			rows[i] = append(rows[i], cell{addCol(strings.TrimSpace(k)), vals[j]})
		}
		if f.Geometry != nil {
			lat, lon, ok, err := geometryPoint(*f.Geometry)
			if err != nil {
				rec.Err = fmt.Errorf("feature %d: %v", i+1, err)
			} else if ok {
				rec.Lat, rec.Lon = &lat, &lon
			}
		}
		s.features = append(s.features, rec)
	}
	// Now that every column is known, spread each feature's cells over the header.
	for i := range s.features {
		r := &s.features[i]
		if r.Err != nil {
			continue
		}
		r.Values = make([]string, len(s.Header))
		for _, c := range rows[r.Line-1] {
			r.Values[c.col] = c.val
		}
	}
	if len(s.Header) == 0 && len(s.features) == 0 {
		return nil, fmt.Errorf("%s: the collection has no features", name)
	}
	return s, nil
}

// jsonScalar renders a JSON value as the text a spreadsheet cell would hold.
func jsonScalar(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			b, _ := json.Marshal(e)
			parts = append(parts, jsonScalar(b))
		}
		return strings.Join(parts, ", ")
	}
	return string(raw)
}

// orderedProperties reads a properties object keeping its keys in file order (a Go map
// would shuffle the columns of the preview).
func orderedProperties(raw json.RawMessage) ([]string, []string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	t, err := d.Token()
	if err != nil {
		return nil, nil, err
	}
	if t != json.Delim('{') {
		return nil, nil, fmt.Errorf("properties must be an object")
	}
	var keys, vals []string
	seen := map[string]bool{}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, nil, err
		}
		k, ok := t.(string)
		if !ok {
			return nil, nil, fmt.Errorf("bad key %v", t)
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, nil, err
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		vals = append(vals, jsonScalar(v))
	}
	return keys, vals, nil
}

// geometryPoint reduces a geometry to one point. ok is false for an empty geometry.
func geometryPoint(g geoGeometry) (lat, lon float64, ok bool, err error) {
	bad := func() (float64, float64, bool, error) {
		return 0, 0, false, fmt.Errorf("the %s geometry has malformed coordinates", g.Type)
	}
	switch g.Type {
	case "Point":
		var p []float64
		if json.Unmarshal(g.Coordinates, &p) != nil || len(p) < 2 {
			return bad()
		}
		return p[1], p[0], true, nil
	case "MultiPoint", "LineString":
		var ps [][]float64
		if json.Unmarshal(g.Coordinates, &ps) != nil {
			return bad()
		}
		return meanPoint(ps)
	case "MultiLineString":
		var ls [][][]float64
		if json.Unmarshal(g.Coordinates, &ls) != nil {
			return bad()
		}
		var all [][]float64
		for _, l := range ls {
			all = append(all, l...)
		}
		return meanPoint(all)
	case "Polygon":
		var rings [][][]float64
		if json.Unmarshal(g.Coordinates, &rings) != nil {
			return bad()
		}
		if len(rings) == 0 {
			return 0, 0, false, nil
		}
		cx, cy, a, ok := ringCentroid(rings[0])
		if !ok {
			return bad()
		}
		if a == 0 {
			return meanPoint(rings[0])
		}
		return cy, cx, true, nil
	case "MultiPolygon":
		var polys [][][][]float64
		if json.Unmarshal(g.Coordinates, &polys) != nil {
			return bad()
		}
		var sx, sy, sa float64
		var all [][]float64
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			cx, cy, a, ok := ringCentroid(p[0])
			if !ok {
				return bad()
			}
			sx, sy, sa = sx+cx*math.Abs(a), sy+cy*math.Abs(a), sa+math.Abs(a)
			all = append(all, p[0]...)
		}
		if sa == 0 {
			return meanPoint(all)
		}
		return sy / sa, sx / sa, true, nil
	case "GeometryCollection":
		for _, sub := range g.Geometries {
			if lat, lon, ok, err := geometryPoint(sub); err != nil || ok {
				return lat, lon, ok, err
			}
		}
		return 0, 0, false, nil
	}
	return 0, 0, false, fmt.Errorf("the geometry type %q is not supported; use Point or Polygon", g.Type)
}

func meanPoint(ps [][]float64) (lat, lon float64, ok bool, err error) {
	n := 0
	for _, p := range ps {
		if len(p) < 2 {
			return 0, 0, false, fmt.Errorf("a position has fewer than two numbers")
		}
		lon, lat = lon+p[0], lat+p[1]
		n++
	}
	if n == 0 {
		return 0, 0, false, nil
	}
	return lat / float64(n), lon / float64(n), true, nil
}

// ringCentroid is the centroid of a closed ring by the shoelace formula; area is signed.
func ringCentroid(ring [][]float64) (cx, cy, area float64, ok bool) {
	if len(ring) < 3 {
		return 0, 0, 0, len(ring) > 0 && validPositions(ring)
	}
	if !validPositions(ring) {
		return 0, 0, 0, false
	}
	// Shift to the first vertex to keep precision for small rings far from (0, 0).
	x0, y0 := ring[0][0], ring[0][1]
	for i := 0; i < len(ring)-1; i++ {
		xi, yi := ring[i][0]-x0, ring[i][1]-y0
		xj, yj := ring[i+1][0]-x0, ring[i+1][1]-y0
		c := xi*yj - xj*yi
		area += c
		cx += (xi + xj) * c
		cy += (yi + yj) * c
	}
	area /= 2
	if area == 0 {
		return 0, 0, 0, true
	}
	return cx/(6*area) + x0, cy/(6*area) + y0, area, true
}

func validPositions(ps [][]float64) bool {
	for _, p := range ps {
		if len(p) < 2 {
			return false
		}
	}
	return true
}
