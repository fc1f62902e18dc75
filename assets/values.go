package assets

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"pacta/i18n"
	"pacta/model"
)

// ParseNumber reads a decimal number as people write it in a spreadsheet: "38.1193",
// "38,1193" (decimal comma), " 13.36 ". It refuses thousands separators in coordinates
// ("1.234,5") rather than guess.
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", ""))
	if s == "" {
		return 0, fmt.Errorf("empty number")
	}
	if strings.Contains(s, ",") {
		if strings.Contains(s, ".") || strings.Count(s, ",") > 1 {
			return 0, fmt.Errorf("%q is not a decimal number", s)
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a decimal number", s)
	}
	return f, nil
}

// ParseLatLon reads a coordinate pair from one cell: "38.1193, 13.3662",
// "38,1193; 13,3662" (decimal commas), "38.1 13.3", "geo:38.1,13.3" and WKT "POINT(13.3 38.1)"
// (longitude first, as WKT has it).
func ParseLatLon(s string) (lat, lon float64, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, fmt.Errorf("empty coordinates")
	}
	low := strings.ToLower(s)
	if strings.HasPrefix(low, "point") {
		inner := strings.Trim(strings.TrimSpace(s[len("point"):]), "() ")
		f := strings.Fields(inner)
		if len(f) != 2 {
			return 0, 0, fmt.Errorf("%q is not a POINT(longitude latitude)", s)
		}
		lon, err1 := ParseNumber(f[0])
		lat, err2 := ParseNumber(f[1])
		if err1 != nil || err2 != nil {
			return 0, 0, fmt.Errorf("%q is not a POINT(longitude latitude)", s)
		}
		return lat, lon, nil
	}
	if strings.HasPrefix(low, "geo:") {
		s = s[4:]
		if i := strings.IndexByte(s, ';'); i >= 0 { // geo URI parameters (;u=35)
			s = s[:i]
		}
	}
	var parts []string
	switch {
	case strings.Contains(s, ";"):
		parts = strings.Split(s, ";")
	case strings.Contains(s, ", "):
		parts = strings.Split(s, ", ")
	case strings.Count(s, ",") == 1:
		parts = strings.Split(s, ",")
	default:
		parts = strings.Fields(s)
	}
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("%q is not a \"latitude, longitude\" pair", s)
	}
	lat, err1 := ParseNumber(parts[0])
	lon, err2 := ParseNumber(parts[1])
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("%q is not a \"latitude, longitude\" pair", s)
	}
	return lat, lon, nil
}

// ParseBool reads yes/no in English, Spanish and Italian, and 1/0, true/false, x.
func ParseBool(s string) (bool, error) {
	switch Fold(strings.TrimSpace(s)) {
	case "", "0", "no", "n", "false", "falso", "f", "-":
		return false, nil
	case "1", "yes", "y", "true", "si", "s", "sì", "vero", "verdadero", "x", "v":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

// enumLabels lists, for a coded field, its codes and the i18n key prefix of their labels.
var enumLabels = map[string]struct {
	codes  []string
	prefix string
}{
	"kind":         {model.AssetKinds, "asset.kind."},
	"availability": {model.Availabilities, "asset.availability."},
	"protection":   {model.Protections, "asset.protection."},
	"ownership":    {model.Ownerships, "asset.ownership."},
}

// enumSynonyms are words real registers use for coded values, beyond the codes and their
// labels in every language.
var enumSynonyms = map[string]map[string]string{
	"kind": {"piazza": "square", "plaza": "square", "street": "street", "strada": "street", "via": "street", "calle": "street",
		"portico": "street", "park": "green_area", "parco": "green_area", "parque": "green_area", "giardino": "green_area",
		"garden": "green_area", "jardin": "green_area", "edificio": "building", "room": "building", "aula": "building",
		"river": "waterway", "fiume": "waterway", "rio": "waterway", "bosco": "forest", "bosque": "forest",
		"terreno": "land", "tierra": "land", "software": "digital", "platform": "digital", "piattaforma": "digital"},
	"availability": {"free": "available", "libero": "available", "libre": "available", "disponibile": "available",
		"disponible": "available", "patto stipulato": "under_pact", "in use": "under_pact", "occupied": "unavailable"},
	"protection": {"no": "none", "nessuna": "none", "ninguna": "none", "": "none"},
}

// ParseEnum reads a coded value (kind, availability, protection, ownership) from its code,
// its label in English, Spanish or Italian, or a common synonym; case and accents do not matter.
func ParseEnum(field, s string) (string, bool) {
	// A register repeats a handful of values over thousands of rows: remember the answers
	// (folding every label of every language again for each row cost an import of 100,000
	// rows more than a second).
	key := field + "\x00" + s
	if r, ok := enumMemo.Load(key); ok {
		r := r.(enumResult)
		return r.code, r.ok
	}
	code, ok := parseEnum(field, s)
	if enumMemoSize.Add(1) <= maxEnumMemo {
		enumMemo.Store(key, enumResult{code, ok})
	}
	return code, ok
}

type enumResult struct {
	code string
	ok   bool
}

// maxEnumMemo bounds the memory of ParseEnum's answers (a file of random values must not
// grow it without end).
const maxEnumMemo = 10_000

var (
	enumMemo     sync.Map // field NUL value → enumResult
	enumMemoSize atomic.Int64
)

func parseEnum(field, s string) (string, bool) {
	e, ok := enumLabels[field]
	if !ok {
		return "", false
	}
	f := Fold(strings.Join(strings.Fields(s), " "))
	for _, c := range e.codes {
		if f == c || f == strings.ReplaceAll(c, "_", " ") {
			return c, true
		}
		for _, l := range i18n.Complete {
			if Fold(i18n.In(l).T(LabelKey(field, c))) == f {
				return c, true
			}
		}
	}
	if c, ok := enumSynonyms[field][f]; ok {
		return c, true
	}
	return "", false
}

// kindWords guess a kind from the words of a name or address (Italian, Spanish, English).
var kindWords = map[string]string{
	"piazza": "square", "piazzetta": "square", "largo": "square", "plaza": "square", "plazoleta": "square", "square": "square", "piazzale": "square",
	"via": "street", "viale": "street", "vicolo": "street", "corso": "street", "strada": "street", "portico": "street", "portici": "street",
	"calle": "street", "avenida": "street", "street": "street", "road": "street", "marciapiede": "street", "scalinata": "street",
	"parco": "green_area", "giardino": "green_area", "giardini": "green_area", "villa": "green_area", "aiuola": "green_area", "aiuole": "green_area",
	"orto": "green_area", "parque": "green_area", "jardin": "green_area", "huerto": "green_area", "park": "green_area", "garden": "green_area", "verde": "green_area",
	"scuola": "building", "istituto": "building", "edificio": "building", "palazzo": "building", "biblioteca": "building", "casa": "building",
	"escuela": "building", "school": "building", "building": "building", "library": "building", "mercato": "building",
	"fiume": "waterway", "torrente": "waterway", "canale": "waterway", "rio": "waterway", "river": "waterway", "estero": "waterway", "quebrada": "waterway",
	"bosco": "forest", "bosque": "forest", "forest": "forest", "pineta": "forest",
	"spiaggia": "land", "terreno": "land", "playa": "land", "beach": "land", "costa": "land",
}

// GuessKind guesses an asset's kind from its name, then its address; "other" when nothing fits.
func GuessKind(name, address string) string {
	for _, s := range []string{name, address} {
		for _, w := range Words(s) {
			if k, ok := kindWords[w]; ok {
				return k
			}
		}
	}
	return "other"
}

// LabelKey is the i18n key of a coded value's label: "asset.kind.square". The kind
// "other" is labelled by "asset.kind.unclassified", because "other" is a reserved word of
// the bundle format and cannot end a key.
func LabelKey(field, code string) string {
	e, ok := enumLabels[field]
	if !ok {
		return "asset." + field + "." + code
	}
	if code == "other" {
		return e.prefix + "unclassified"
	}
	return e.prefix + code
}

// Label is a coded value's label in the current language; an unknown code shows as is.
func Label(field, code string) string {
	k := LabelKey(field, code)
	if !i18n.Default().Has(k) {
		return code
	}
	return i18n.T(k)
}

// FieldLabelKey is the i18n key of a field's label ("description" is a reserved word, so
// its key is "asset.field.desc").
func FieldLabelKey(field string) string {
	if field == "description" {
		return "asset.field.desc"
	}
	return "asset.field." + field
}
