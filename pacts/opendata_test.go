package pacts

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// dataPackage is the part of a Frictionless Data Package the validation reads.
type dataPackage struct {
	Profile   string `json:"profile"`
	Resources []struct {
		Path    string `json:"path"`
		Format  string `json:"format"`
		Profile string `json:"profile"`
		Schema  struct {
			Fields []struct {
				Name        string `json:"name"`
				Type        string `json:"type"`
				Constraints struct {
					Required bool     `json:"required"`
					Enum     []string `json:"enum"`
				} `json:"constraints"`
			} `json:"fields"`
		} `json:"schema"`
	} `json:"resources"`
}

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// validateExport checks an export against the datapackage.json beside it: the header (CSV)
// or the keys (JSON) are the schema's fields in order, every value of every row has its
// field's type, required fields are present, enums hold. It returns the rows as read.
func validateExport(t *testing.T, dir string) []map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	require.NoError(t, err)
	var pkg dataPackage
	require.NoError(t, json.Unmarshal(raw, &pkg))
	require.Equal(t, "tabular-data-package", pkg.Profile)
	require.Len(t, pkg.Resources, 1)
	res := pkg.Resources[0]
	require.Equal(t, "tabular-data-resource", res.Profile)
	fields := res.Schema.Fields
	require.NotEmpty(t, fields)
	data, err := os.ReadFile(filepath.Join(dir, res.Path))
	require.NoError(t, err, "the resource's path names the exported file")

	var rows []map[string]string
	switch res.Format {
	case "csv":
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		require.NoError(t, err)
		require.NotEmpty(t, recs)
		for i, f := range fields {
			require.Equal(t, f.Name, recs[0][i], "header column %d", i)
		}
		require.Len(t, recs[0], len(fields))
		for _, rec := range recs[1:] {
			require.Len(t, rec, len(fields))
			r := map[string]string{}
			for i, f := range fields {
				r[f.Name] = rec[i]
			}
			rows = append(rows, r)
		}
	case "json":
		var objs []map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(data, &objs))
		for _, o := range objs {
			require.Len(t, o, len(fields), "every object has every field, and no other")
			r := map[string]string{}
			for _, f := range fields {
				v, ok := o[f.Name]
				require.True(t, ok, "field %s", f.Name)
				switch {
				case string(v) == "null":
					r[f.Name] = ""
				case f.Type == "number" || f.Type == "integer":
					require.NotEqual(t, byte('"'), v[0], "%s is a JSON number", f.Name)
					r[f.Name] = string(v)
				default:
					var s string
					require.NoError(t, json.Unmarshal(v, &s), "%s is a JSON string", f.Name)
					require.NotEmpty(t, s, "an empty value is null")
					r[f.Name] = s
				}
			}
			rows = append(rows, r)
		}
	default:
		t.Fatalf("format %q", res.Format)
	}
	for n, r := range rows {
		for _, f := range fields {
			v := r[f.Name]
			if v == "" {
				require.False(t, f.Constraints.Required, "row %d: %s is required", n, f.Name)
				continue
			}
			switch f.Type {
			case "string":
			case "integer":
				_, err := strconv.ParseInt(v, 10, 64)
				require.NoError(t, err, "row %d: %s", n, f.Name)
			case "number":
				_, err := strconv.ParseFloat(v, 64)
				require.NoError(t, err, "row %d: %s", n, f.Name)
			case "date":
				require.Regexp(t, isoDate, v, "row %d: %s", n, f.Name)
				_, err := time.Parse("2006-01-02", v)
				require.NoError(t, err, "row %d: %s is a date that exists", n, f.Name)
			default:
				t.Fatalf("field %s: type %s", f.Name, f.Type)
			}
			if len(f.Constraints.Enum) > 0 {
				require.Contains(t, f.Constraints.Enum, v, "row %d: %s", n, f.Name)
			}
		}
	}
	return rows
}

func TestOpenDataExportValidatesAndNamesNoPerson(t *testing.T) {
	st := openStore(t)
	f, err := os.Open(palermoCSV(t))
	require.NoError(t, err)
	regRows, _, err := ReadRegister(f)
	f.Close()
	require.NoError(t, err)
	_, err = ImportRegister(ctx, st, regRows, by(0))
	require.NoError(t, err)

	// A pact of our own: an association represented by a person, a person co-signing,
	// signers, an officer, support with a value.
	d := readyPact(t, st, "it")
	persons := []string{"Mario Rossi", "Anna Bianchi", "Firmatario Mario Rossi", "Dott.ssa Paola Di Trapani", "RSSMRA80A01G273X"}
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, p := range d.Parties {
			if p.Role == RoleProponent {
				q := p
				q.Representative, q.FiscalCode = "Anna Bianchi", "RSSMRA80A01G273X"
				if err := tx.Put(&q); err != nil {
					return err
				}
			}
		}
		if err := tx.Put(&model.PactParty{PactID: d.Pact.ID, Position: 9, Role: RoleCosignatory, Type: "person", Name: "Mario Rossi"}); err != nil {
			return err
		}
		p := d.Pact
		p.Officer, p.StartDate = "Dott.ssa Paola Di Trapani", "2026-07-01"
		if err := tx.Put(&p); err != nil {
			return err
		}
		return AddSupport(tx, d.Pact.ID, model.PactSupport{Kind: "ppe", Details: "gilet", Value: 120.5})
	}))
	d, err = Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	signAll(t, st, d, "2026-06-01")

	for _, format := range OpenDataFormats {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "pacts."+format)
			n, err := ExportOpenData(ctx, st.DB(), "Comune di Palermo", format, path, true, "2026-12-03T00:00:00Z")
			require.NoError(t, err)
			require.Equal(t, 74, n)
			rows := validateExport(t, dir)
			require.Len(t, rows, 74)

			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			for _, name := range persons {
				require.NotContains(t, string(raw), name, "a natural person's name or code")
			}
			var ours, r004, r065 map[string]string
			for _, r := range rows {
				switch r["reference"] {
				case d.Pact.Ref:
					ours = r
				}
				if strings.HasSuffix(r["document_url"], "patto_004.pdf") {
					r004 = r
				}
				if strings.HasSuffix(r["document_url"], "patto_065.pdf") {
					r065 = r
				}
			}
			require.NotNil(t, ours)
			require.Equal(t, "Associazione Àncora", ours["proponents"], "the organisation is named, the person is not")
			require.Equal(t, "association", ours["proponent_types"])
			require.Equal(t, "2026-06-01", ours["signed_on"])
			require.Equal(t, "2026-07-01", ours["start_date"])
			require.Equal(t, "2027-07-01", ours["end_date"])
			require.Equal(t, "12", ours["duration_months"])
			require.Equal(t, "120.50", ours["support_value"])
			require.Equal(t, "ppe: gilet", ours["support"])
			require.Equal(t, "Piazza Magione", ours["commons"])
			require.Equal(t, "Kalsa", ours["districts"])
			require.Equal(t, "38.1163", ours["latitude"])

			require.NotNil(t, r004)
			require.Equal(t, "Per esempio Onlus", r004["proponents"])
			require.Equal(t, "Palazzo Reale - Monte di Pietà", r004["districts"])
			require.Equal(t, "38.11252695", r004["latitude"])
			require.Equal(t, "Palermo Football club S.p.A.", r065["proponents"])

			// Rows whose proponent is a natural person or an informal group name no proponent.
			for _, r := range rows {
				if r["proponent_types"] == "person" || r["proponent_types"] == "informal_group" {
					require.Empty(t, r["proponents"], r["reference"])
				}
			}
		})
	}

	_, err = ExportOpenData(ctx, st.DB(), "Comune di Palermo", "xls", filepath.Join(t.TempDir(), "x"), false, "")
	require.ErrorContains(t, err, "csv or json")
}
