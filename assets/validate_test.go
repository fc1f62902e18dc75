package assets

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

func TestValidate(t *testing.T) {
	ok := func() model.Asset { return model.Asset{Name: "Piazza", Kind: "square", Lat: pf(38.1), Lon: pf(13.3)} }
	for _, tc := range []struct {
		name   string
		change func(a *model.Asset)
		fields []string
	}{
		{"valid", func(a *model.Asset) {}, nil},
		{"no coordinates is fine", func(a *model.Asset) { a.Lat, a.Lon = nil, nil }, nil},
		{"name required", func(a *model.Asset) { a.Name = "" }, []string{"name"}},
		{"kind required", func(a *model.Asset) { a.Kind = "" }, []string{"kind"}},
		{"unknown kind", func(a *model.Asset) { a.Kind = "castle" }, []string{"kind"}},
		{"latitude out of range", func(a *model.Asset) { a.Lat = pf(91) }, []string{"lat"}},
		{"longitude out of range", func(a *model.Asset) { a.Lon = pf(-181) }, []string{"lon"}},
		{"half a pair", func(a *model.Asset) { a.Lon = nil }, []string{"lat"}},
		{"licence on a square", func(a *model.Asset) { a.Licence = "CC BY 4.0" }, []string{"licence"}},
		{"licence on digital", func(a *model.Asset) { a.Kind, a.Licence = "digital", "CC BY 4.0" }, nil},
		{"bad availability", func(a *model.Asset) { a.Availability = "maybe" }, []string{"availability"}},
		{"bad protection", func(a *model.Asset) { a.Protection = "very" }, []string{"protection"}},
		{"bad ownership", func(a *model.Asset) { a.Ownership = "mine" }, []string{"ownership"}},
		{"several problems", func(a *model.Asset) { a.Name, a.Lat = "", pf(200) }, []string{"name", "lat"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ok()
			tc.change(&a)
			err := Validate(&a)
			if tc.fields == nil {
				require.NoError(t, err)
				return
			}
			v := Problems(err)
			require.Len(t, v, len(tc.fields), err)
			for i, f := range tc.fields {
				require.Equal(t, f, v[i].Field)
				require.NotEqual(t, v[i].Key, v[i].Error(), "the message is translated")
				require.Error(t, v.For(f))
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	a := model.Asset{Name: "  Piazza  ", Kind: " Square ", Tags: "piazza; Centro storico,, centro STORICO |verde "}
	Normalize(&a)
	require.Equal(t, "Piazza", a.Name)
	require.Equal(t, "square", a.Kind)
	require.Equal(t, "none", a.Protection)
	require.Equal(t, "available", a.Availability)
	require.Equal(t, "piazza, Centro storico, verde", a.Tags)
}

func TestParsers(t *testing.T) {
	for in, want := range map[string]float64{"38.1193": 38.1193, "38,1193": 38.1193, " -13.5 ": -13.5, "\u00a038,5": 38.5} {
		got, err := ParseNumber(in)
		require.NoError(t, err, in)
		require.InDelta(t, want, got, 1e-12, in)
	}
	for _, in := range []string{"", "1.234,5", "1,2,3", "abc", "NaN", "Inf"} {
		_, err := ParseNumber(in)
		require.Error(t, err, in)
	}
	for in, want := range map[string][2]float64{
		"38.119308620896014, 13.366252026682226": {38.119308620896014, 13.366252026682226},
		"38,1193; 13,3662":                       {38.1193, 13.3662},
		"38.1,13.3":                              {38.1, 13.3},
		"38.1 13.3":                              {38.1, 13.3},
		"geo:38.1,13.3;u=35":                     {38.1, 13.3},
		"POINT(13.3 38.1)":                       {38.1, 13.3},
		"38,1, 13,3":                             {38.1, 13.3},
	} {
		lat, lon, err := ParseLatLon(in)
		require.NoError(t, err, in)
		require.InDelta(t, want[0], lat, 1e-12, in)
		require.InDelta(t, want[1], lon, 1e-12, in)
	}
	for _, in := range []string{"", "38.1", "a, b", "1,2,3,4", "POINT(1)"} {
		_, _, err := ParseLatLon(in)
		require.Error(t, err, in)
	}
	for in, want := range map[string]bool{"sì": true, "Yes": true, "1": true, "x": true, "no": false, "": false, "falso": false} {
		got, err := ParseBool(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	_, err := ParseBool("perhaps")
	require.Error(t, err)
	for in, want := range map[string]string{"square": "square", "Piazza": "square", "Área verde": "green_area", "green area": "green_area",
		"Corso d'acqua": "waterway", "parco": "green_area", "Other": "other", "Altro": "other"} {
		got, ok := ParseEnum("kind", in)
		require.True(t, ok, in)
		require.Equal(t, want, got, in)
	}
	got, ok := ParseEnum("availability", "In patto")
	require.True(t, ok)
	require.Equal(t, "under_pact", got)
	_, ok = ParseEnum("kind", "castle")
	require.False(t, ok)
	require.Equal(t, "square", GuessKind("Riqualificazione di Piazza Fonderia", ""))
	require.Equal(t, "green_area", GuessKind("Una cosa", "Parco della Favorita"))
	require.Equal(t, "other", GuessKind("Azioni immateriali", ""))
}

// TestLabelKeysExist covers the dynamic keys (kind, availability, protection, ownership
// labels and field labels) that the bundle scan cannot see.
func TestLabelKeysExist(t *testing.T) {
	for field, e := range enumLabels {
		for _, c := range e.codes {
			require.True(t, i18n.Default().Has(LabelKey(field, c)), LabelKey(field, c))
		}
	}
	for _, f := range append(append([]string{}, ImportFields...), "description", "photos", "ignore") {
		require.True(t, i18n.Default().Has(FieldLabelKey(f)), FieldLabelKey(f))
	}
	for _, c := range AssetSortColumns {
		require.True(t, i18n.Default().Has(FieldLabelKey(c)), c)
	}
	// Messages built as FieldError{Key: "…"} anywhere in this package.
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	keyRe := regexp.MustCompile(`Key:\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			found++
			require.True(t, i18n.Default().Has(m[1]), "%s in %s", m[1], f)
		}
	}
	require.Positive(t, found)
}
