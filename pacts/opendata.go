package pacts

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// The open-data register: one row per live pact with the columns a municipal register
// publishes (Bologna, Palermo), and nothing that names a natural person. Proponents and
// co-signatories are listed only when they are organisations (a type other than a person,
// an informal group, or none given); representatives, signers, officers, fiscal codes,
// addresses and e-mails of parties never appear.

// OpenDataFormats are the formats of the open-data export.
var OpenDataFormats = []string{"csv", "json"}

// OpenDataField is one column of the open-data export, as its table schema describes it.
type OpenDataField struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // string, integer, number, date
	Description string `json:"description"`
	Required    bool   `json:"-"`
}

// OpenDataFields are the export's columns, in order.
var OpenDataFields = []OpenDataField{
	{"reference", "string", "the pact's reference in the municipality's register", true},
	{"title", "string", "the title of the pact", true},
	{"kind", "string", "ordinary or complex", true},
	{"status", "string", "where the pact is in its procedure (draft, submitted, in_review, signed, extended, concluded, …)", true},
	{"category", "string", "the pact's field of action", false},
	{"proponents", "string", "the organisations that proposed or co-signed the pact, separated by \" | \" (natural persons and informal groups are not named)", false},
	{"proponent_types", "string", "the types of every proponent, persons and informal groups included, separated by \" | \"", false},
	{"commons", "string", "the commons the pact cares for, separated by \" | \"", false},
	{"commons_refs", "string", "the commons' references in the registry, separated by \" | \"", false},
	{"districts", "string", "the districts of the commons, separated by \" | \"", false},
	{"latitude", "number", "the latitude (WGS 84) of the first of the commons that has coordinates", false},
	{"longitude", "number", "the longitude (WGS 84) of the first of the commons that has coordinates", false},
	{"proposed_on", "date", "when the proposal was submitted", false},
	{"signed_on", "date", "when the last party signed the pact's current version", false},
	{"start_date", "date", "when the collaboration starts", false},
	{"end_date", "date", "when its term ends (with the extension, once extended)", false},
	{"duration_months", "integer", "the term in months", false},
	{"extension_months", "integer", "the extension in months the pact allows", false},
	{"support", "string", "the forms of municipal support, separated by \" | \"", false},
	{"support_value", "number", "the estimated value of the municipal support, in the workspace's currency", false},
	{"document_url", "string", "where the signed pact is published", false},
}

// OpenDataRow is one pact as the open-data export writes it. Empty values are "" (and
// null in JSON).
type OpenDataRow map[string]string

// personTypes are the party types whose names the open data never publishes.
var personTypes = map[string]bool{"person": true, "informal_group": true, "": true}

// OpenData reads the register as open data: the live pacts, by reference.
func OpenData(ctx context.Context, q model.Querier) ([]OpenDataRow, error) {
	ps, err := ListPacts(q)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Ref < ps[j].Ref })

	var parties []model.PactParty
	if err := q.Select(&parties, `SELECT pact_id, position, role, type, name FROM pact_parties
		WHERE deleted = 0 AND role <> ? ORDER BY pact_id, position, id`, RoleMunicipality); err != nil {
		return nil, fmt.Errorf("open data: parties: %w", err)
	}
	var places []struct {
		PactID   string   `db:"pact_id"`
		Ref      string   `db:"ref"`
		Name     string   `db:"name"`
		District string   `db:"district"`
		Lat      *float64 `db:"lat"`
		Lon      *float64 `db:"lon"`
	}
	if err := q.Select(&places, `SELECT pa.pact_id, a.ref, a.name, a.district, a.lat, a.lon FROM pact_assets pa
		JOIN assets a ON a.id = pa.asset_id WHERE pa.deleted = 0 AND a.deleted = 0 ORDER BY pa.pact_id, a.ref, a.id`); err != nil {
		return nil, fmt.Errorf("open data: commons: %w", err)
	}
	var support []model.PactSupport
	if err := q.Select(&support, `SELECT pact_id, position, kind, details, value FROM pact_support
		WHERE deleted = 0 ORDER BY pact_id, position, id`); err != nil {
		return nil, fmt.Errorf("open data: support: %w", err)
	}
	var signed []struct {
		PactID string `db:"pact_id"`
		On     string `db:"signed_on"`
	}
	if err := q.Select(&signed, `SELECT s.pact_id, max(s.signed_on) AS signed_on FROM pact_signatures s JOIN pacts p ON p.id = s.pact_id
		WHERE s.deleted = 0 AND s.version = p.version AND s.id NOT IN (SELECT corrects FROM pact_signatures WHERE deleted = 0 AND corrects <> '')
		GROUP BY s.pact_id`); err != nil {
		return nil, fmt.Errorf("open data: signatures: %w", err)
	}

	type acc struct {
		orgs, types, commons, refs, districts, support []string
		lat, lon                                       *float64
		value                                          float64
		hasValue                                       bool
		signedOn                                       string
	}
	by := map[string]*acc{}
	get := func(id string) *acc {
		if by[id] == nil {
			by[id] = &acc{}
		}
		return by[id]
	}
	for _, x := range parties {
		a := get(x.PactID)
		if x.Role == RoleProponent {
			a.types = append(a.types, x.Type)
		}
		if !personTypes[x.Type] && strings.TrimSpace(x.Name) != "" {
			a.orgs = appendNew(a.orgs, x.Name)
		}
	}
	for _, x := range places {
		a := get(x.PactID)
		a.commons, a.refs = append(a.commons, x.Name), append(a.refs, x.Ref)
		if x.District != "" {
			a.districts = appendNew(a.districts, x.District)
		}
		if a.lat == nil && x.Lat != nil && x.Lon != nil {
			a.lat, a.lon = x.Lat, x.Lon
		}
	}
	for _, x := range support {
		a := get(x.PactID)
		s := x.Kind
		if d := strings.TrimSpace(x.Details); d != "" {
			s += ": " + d
		}
		a.support = append(a.support, s)
		a.value += x.Value
		a.hasValue = a.hasValue || x.Value != 0
	}
	for _, x := range signed {
		get(x.PactID).signedOn = x.On
	}

	out := make([]OpenDataRow, 0, len(ps))
	for _, p := range ps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a := get(p.ID)
		r := OpenDataRow{"reference": p.Ref, "title": p.Title, "kind": p.Kind, "status": p.Status, "category": p.Category,
			"proponents": strings.Join(a.orgs, " | "), "proponent_types": strings.Join(a.types, " | "),
			"commons": strings.Join(a.commons, " | "), "commons_refs": strings.Join(a.refs, " | "),
			"districts": strings.Join(a.districts, " | "), "proposed_on": p.SubmittedOn, "signed_on": a.signedOn,
			"start_date": p.StartDate, "end_date": EndDate(p, p.Status == Extended), "support": strings.Join(a.support, " | "),
			"document_url": p.DocumentURL}
		if a.lat != nil {
			r["latitude"], r["longitude"] = strconv.FormatFloat(*a.lat, 'f', -1, 64), strconv.FormatFloat(*a.lon, 'f', -1, 64)
		}
		if p.DurationMonths > 0 {
			r["duration_months"] = strconv.FormatInt(p.DurationMonths, 10)
		}
		if p.ExtensionMonths > 0 {
			r["extension_months"] = strconv.FormatInt(p.ExtensionMonths, 10)
		}
		if a.hasValue {
			r["support_value"] = strconv.FormatFloat(a.value, 'f', 2, 64)
		}
		out = append(out, r)
	}
	return out, nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// WriteOpenData writes rows as CSV (a header of the field names, CRLF lines) or JSON (an
// array of objects, numbers as numbers, empty values as null).
func WriteOpenData(w io.Writer, format string, rows []OpenDataRow) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		head := make([]string, len(OpenDataFields))
		for i, f := range OpenDataFields {
			head[i] = f.Name
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		rec := make([]string, len(head))
		for _, r := range rows {
			for i, f := range OpenDataFields {
				rec[i] = r[f.Name]
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "json":
		objs := make([]json.RawMessage, 0, len(rows))
		for _, r := range rows {
			b, err := openDataJSON(r)
			if err != nil {
				return err
			}
			objs = append(objs, b)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(objs)
	}
	return errs.E(errs.Invalid, fmt.Errorf("the open-data format must be csv or json, not %q", format))
}

// openDataJSON writes one row as a JSON object with the fields in their order.
func openDataJSON(r OpenDataRow) ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range OpenDataFields {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Name)
		b.Write(k)
		b.WriteByte(':')
		v := r[f.Name]
		switch {
		case v == "":
			b.WriteString("null")
		case f.Type == "number" || f.Type == "integer":
			b.WriteString(v)
		default:
			s, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			b.Write(s)
		}
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// OpenDataPackage describes an export as a Frictionless Data Package (datapackage.json)
// with a table schema of its columns, so that open-data portals and the frictionless
// tools read their types and check every row.
func OpenDataPackage(municipality, format, resourcePath, created string) ([]byte, error) {
	type field struct {
		Name        string         `json:"name"`
		Type        string         `json:"type"`
		Format      string         `json:"format,omitempty"`
		Description string         `json:"description"`
		Constraints map[string]any `json:"constraints,omitempty"`
	}
	fields := make([]field, len(OpenDataFields))
	for i, f := range OpenDataFields {
		fields[i] = field{Name: f.Name, Type: f.Type, Description: f.Description}
		if f.Type == "date" {
			fields[i].Format = "%Y-%m-%d"
		}
		if f.Required {
			fields[i].Constraints = map[string]any{"required": true}
		}
		if f.Name == "kind" {
			fields[i].Constraints["enum"] = []string{Ordinary, Complex}
		}
		if f.Name == "status" {
			fields[i].Constraints["enum"] = Statuses
		}
	}
	words := strings.FieldsFunc(strings.ToLower(municipality), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') // a package name is lower-case ASCII
	})
	name := "collaboration-pacts"
	if len(words) > 0 {
		name = strings.Join(words, "-") + "-collaboration-pacts"
	}
	res := map[string]any{
		"name":     "pacts",
		"path":     resourcePath,
		"profile":  "tabular-data-resource",
		"format":   format,
		"encoding": "utf-8",
		"schema":   map[string]any{"fields": fields, "missingValues": []string{""}},
	}
	if format == "csv" {
		res["mediatype"] = "text/csv"
		res["dialect"] = map[string]any{"delimiter": ",", "lineTerminator": "\r\n", "header": true}
	} else {
		res["mediatype"] = "application/json"
	}
	pkg := map[string]any{
		"profile":   "tabular-data-package",
		"name":      name,
		"title":     strings.TrimSpace(municipality + " — register of collaboration pacts"),
		"created":   created,
		"resources": []map[string]any{res},
	}
	return json.MarshalIndent(pkg, "", "  ")
}

// ExportOpenData writes the open-data register to path in format (through a temporary
// file, so that a failed export never leaves half a file under the chosen name) and, with
// datapackage, a datapackage.json beside it. It returns the number of pacts written.
func ExportOpenData(ctx context.Context, q model.Querier, municipality, format, path string, datapackage bool, created string) (int, error) {
	if format != "csv" && format != "json" {
		return 0, errs.E(errs.Invalid, fmt.Errorf("the open-data format must be csv or json, not %q", format))
	}
	rows, err := OpenData(ctx, q)
	if err != nil {
		return 0, err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".pacta-export-*")
	if err != nil {
		return 0, fmt.Errorf("export pacts: %w", err)
	}
	defer os.Remove(tmp.Name())
	err = WriteOpenData(tmp, format, rows)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("export pacts: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("export pacts: %w", err)
	}
	if datapackage {
		b, err := OpenDataPackage(municipality, format, filepath.Base(path), created)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(dir, "datapackage.json"), append(b, '\n'), 0o644); err != nil {
			return 0, fmt.Errorf("export pacts: %w", err)
		}
	}
	return len(rows), nil
}
