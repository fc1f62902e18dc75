package assets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// ImportFields are the fields a column of an import file can fill. "latlon" is a
// "latitude, longitude" pair in one cell; "pacta_id" is the id of an asset exported from
// Pacta (so that re-importing an export updates rather than duplicates).
var ImportFields = []string{"source_id", "pacta_id", "ref", "name", "kind", "description", "address", "district",
	"municipality", "region", "territory", "lat", "lon", "latlon", "owner", "ownership", "protection", "designated",
	"reserved", "availability", "control_rights", "community", "licence", "heritage", "tags"}

// multiFields may be filled from several columns (their values are joined).
var multiFields = map[string]bool{"tags": true, "description": true}

// headerSynonyms map a folded column name to a field, in the languages registers come in.
var headerSynonyms = map[string]string{
	"id": "source_id", "source id": "source_id", "codice": "source_id", "codigo": "source_id", "code": "source_id",
	"identificativo": "source_id", "n": "source_id", "numero": "source_id", "nr": "source_id", "fid": "source_id",
	"name": "name", "nome": "name", "nombre": "name", "titolo proposta": "name", "titolo": "name", "title": "name",
	"denominazione": "name", "denominacion": "name", "bene": "name",
	"description": "description", "descrizione": "description", "descripcion": "description", "desc": "description",
	"address": "address", "indirizzo": "address", "direccion": "address", "ubicazione": "address", "localita": "address", "ubicacion": "address",
	"district": "district", "quartiere": "district", "barrio": "district", "distrito": "district", "neighbourhood": "district",
	"neighborhood": "district", "zona": "district",
	"municipality": "municipality", "comune": "municipality", "municipio": "municipality", "city": "municipality",
	"citta": "municipality", "ciudad": "municipality", "canton": "municipality",
	"region": "region", "regione": "region", "provincia": "region", "province": "region",
	"territory": "territory", "territorio": "territory", "comuna": "territory", "circoscrizione": "territory",
	"lat": "lat", "latitude": "lat", "latitudine": "lat", "latitud": "lat", "y": "lat",
	"lon": "lon", "lng": "lon", "long": "lon", "longitude": "lon", "longitudine": "lon", "longitud": "lon", "x": "lon",
	"coordinate": "latlon", "coordinates": "latlon", "coordenadas": "latlon", "coords": "latlon", "latlon": "latlon",
	"lat long": "latlon", "lat lon": "latlon", "lat lng": "latlon", "geouri": "latlon", "geo": "latlon", "wkt": "latlon",
	"kind": "kind", "type": "kind", "tipo": "kind", "tipologia": "kind", "category": "kind", "categoria": "kind",
	"owner": "owner", "proprietario": "owner", "propietario": "owner", "proprieta": "owner",
	"ownership": "ownership", "titolarita": "ownership", "tenencia": "ownership",
	"protection": "protection", "tutela": "protection", "proteccion": "protection",
	"designated": "designated", "designato": "designated", "designado": "designated", "bene comune": "designated",
	"reserved": "reserved", "riservato": "reserved", "reservado": "reserved",
	"availability": "availability", "disponibilita": "availability", "disponibilidad": "availability",
	"control rights": "control_rights", "diritti di controllo": "control_rights", "derechos de control": "control_rights",
	"community": "community", "comunita": "community", "comunidad": "community", "rappresentante": "community",
	"licence": "licence", "license": "licence", "licenza": "licence", "licencia": "licence",
	"heritage": "heritage", "vincolo": "heritage", "patrimonio": "heritage", "heritage constraint": "heritage",
	"tags": "tags", "tag": "tags", "ambiti di azione": "tags", "ambiti": "tags", "etiquetas": "tags", "parole chiave": "tags", "keywords": "tags",
}

// Mapping says which field each column of a file fills, by column position; "" ignores
// the column.
type Mapping []string

// normHeader folds a column name and reduces its punctuation to single spaces
// ("Lat." → "lat", "Source_ID" → "source id").
func normHeader(h string) string {
	return strings.Join(Words(h), " ")
}

// DefaultMapping guesses the field of each column from its name: the field names
// themselves (a Pacta export), then the words registers use in English, Italian and
// Spanish. A field is given to the first column that names it.
func DefaultMapping(header []string) Mapping {
	m := make(Mapping, len(header))
	taken := map[string]bool{}
	// Exact field names first (a Pacta export, or a file prepared for Pacta), so that a
	// "source_id" column wins over an "id" column that merely looks like one.
	for pass := 0; pass < 2; pass++ {
		for i, h := range header {
			if m[i] != "" {
				continue
			}
			n := normHeader(h)
			f := ""
			if pass == 0 && slices.Contains(ImportFields, strings.ReplaceAll(n, " ", "_")) {
				f = strings.ReplaceAll(n, " ", "_")
			} else if s, ok := headerSynonyms[n]; ok && pass == 1 {
				f = s
			}
			if f == "" || (taken[f] && !multiFields[f]) {
				continue
			}
			taken[f] = true
			m[i] = f
		}
	}
	return m
}

// ParseMapping applies "column=field" overrides (from --map) to a mapping. A column is
// named as in the header (case and accents do not matter) or by its number from 1; an
// empty field ignores the column.
func ParseMapping(header []string, base Mapping, specs []string) (Mapping, error) {
	m := append(Mapping{}, base...)
	for len(m) < len(header) {
		m = append(m, "")
	}
	for _, spec := range specs {
		col, field, ok := strings.Cut(spec, "=")
		if !ok {
			return nil, fmt.Errorf("%q: write it as column=field", spec)
		}
		field = strings.TrimSpace(field)
		if field != "" && !slices.Contains(ImportFields, field) {
			return nil, fmt.Errorf("%q: %q is not a field; the fields are %s", spec, field, strings.Join(ImportFields, ", "))
		}
		idx := -1
		for i, h := range header {
			if normHeader(h) == normHeader(col) {
				idx = i
				break
			}
		}
		if idx < 0 {
			var n int
			if _, err := fmt.Sscanf(strings.TrimSpace(col), "%d", &n); err == nil && n >= 1 && n <= len(header) {
				idx = n - 1
			}
		}
		if idx < 0 {
			return nil, fmt.Errorf("%q: the file has no column %q; its columns are %s", spec, col, strings.Join(header, ", "))
		}
		if field != "" && !multiFields[field] {
			for i := range m {
				if m[i] == field {
					m[i] = "" // a field comes from one column; the override wins
				}
			}
		}
		m[idx] = field
	}
	return m, nil
}

// Has reports whether some column fills field.
func (m Mapping) Has(field string) bool { return slices.Contains(m, field) }

// Check refuses a mapping that cannot make an asset.
func (m Mapping) Check() error {
	if !m.Has("name") {
		return errs.E(errs.Invalid, errs.Key("asset.error.no_name_column"))
	}
	return nil
}

// headerKey identifies a set of column names, for remembering its mapping.
func headerKey(header []string) string {
	n := make([]string, len(header))
	for i, h := range header {
		n[i] = normHeader(h)
	}
	sum := sha256.Sum256([]byte(strings.Join(n, "\x1f")))
	return "assets.import.mapping." + hex.EncodeToString(sum[:8])
}

// RememberedMapping returns the mapping last used for files with this header, else the
// default one. The memory is local to this laptop (the meta table), like a window size.
func RememberedMapping(ctx context.Context, st *model.Store, header []string) Mapping {
	v, err := st.GetMeta(ctx, headerKey(header))
	if err == nil && v != "" {
		var m Mapping
		if json.Unmarshal([]byte(v), &m) == nil && len(m) == len(header) {
			return m
		}
	}
	return DefaultMapping(header)
}

// RememberMapping stores the mapping used for files with this header.
func RememberMapping(ctx context.Context, st *model.Store, header []string, m Mapping) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return st.SetMeta(ctx, headerKey(header), string(b))
}
