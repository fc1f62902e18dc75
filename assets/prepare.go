// Reading and checking an import's rows before they are written: mapping, values, keys of rows already there.

package assets

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"pacta/i18n"
	"pacta/model"
)

// rowKind is what an import does with a row of the file.
type rowKind int

const (
	rowRejected rowKind = iota
	rowNew
	rowUpdated
	rowUnchanged
)

// kind says what the import does with p.
func (p preparedRow) kind() rowKind {
	switch {
	case p.err != nil:
		return rowRejected
	case p.existing == nil:
		return rowNew
	case reflect.DeepEqual(*p.existing, p.asset):
		return rowUnchanged
	}
	return rowUpdated
}

// preparedRow is a row of the file checked and made ready to write, or the reason it is
// rejected.
type preparedRow struct {
	asset    model.Asset
	existing *model.Asset
	row      model.NewRow // a new asset, ready to insert
	line     int
	err      error
}

// checked reads and checks every row of the file in a goroutine, and sends them in
// batches, in the file's order. It reads stored assets through the store's readers: while
// an import writes, its transaction holds the write lock, so they see what it started
// from. With write, it also gives new assets their references (from im.nextRef on) and
// makes them ready to insert. wait stops the goroutine (if it is still running), waits
// for it and returns its error; it may be called more than once.
func (im *importer) checked(ctx context.Context, st *model.Store, write bool) (<-chan []preparedRow, func() error) {
	const size = 256
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan []preparedRow, 2)
	done := make(chan struct{})
	var err error
	im.seen = map[string]int{}
	go func() {
		defer close(done)
		defer close(out)
		send := func(b []preparedRow) error {
			select {
			case out <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		batch := make([]preparedRow, 0, size)
		err = im.src.Each(ctx, func(r Record) error {
			a, existing, err := im.prepare(st.DB(), r)
			p := preparedRow{asset: a, existing: existing, line: r.Line, err: err}
			if write && err == nil && existing == nil {
				if p.asset.Ref == "" {
					p.asset.Ref = formatRef(im.nextRef)
					im.nextRef++
				}
				if p.row, err = model.PrepareNew(&p.asset); err != nil {
					return fmt.Errorf("line %d: %w", r.Line, err)
				}
			}
			batch = append(batch, p)
			if len(batch) == size {
				if err := send(batch); err != nil {
					return err
				}
				batch = make([]preparedRow, 0, size)
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = send(batch)
		}
	}()
	wait := func() error {
		cancel()
		for range out { // unblock a send in flight
		}
		<-done
		return err
	}
	return out, wait
}

func nameAddressKey(name, address string) string {
	return strings.Join(Words(name), " ") + "|" + strings.Join(Words(address), " ")
}

func (im *importer) loadKeys(q model.Querier) error {
	keys, err := AssetKeys(q)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	im.byID = make(map[string]bool, len(keys))
	im.bySrc = map[string]string{}
	im.byKey = make(map[string]string, len(keys))
	for _, k := range keys {
		im.byID[k.ID] = true
		if k.SourceID != "" {
			im.bySrc[k.SourceID] = k.ID
		}
		im.byKey[nameAddressKey(k.Name, k.Address)] = k.ID
	}
	return nil
}

// cell returns the first non-empty value of the columns mapped to field.
func (im *importer) cell(r Record, field string) string {
	for _, c := range im.col[field] {
		if c < len(r.Values) {
			if v := strings.TrimSpace(r.Values[c]); v != "" {
				return v
			}
		}
	}
	return ""
}

// cells returns every non-empty value of the columns mapped to field.
func (im *importer) cells(r Record, field string) []string {
	var out []string
	for _, c := range im.col[field] {
		if c < len(r.Values) {
			if v := strings.TrimSpace(r.Values[c]); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

func (im *importer) mapped(field string) bool { return len(im.col[field]) > 0 }

// prepare turns a row into the asset to write. existing is the stored asset it updates,
// nil for a new one. The returned error is the reason to reject the row.
func (im *importer) prepare(q model.Querier, r Record) (model.Asset, *model.Asset, error) {
	if r.Err != nil {
		return model.Asset{}, nil, r.Err
	}
	name := im.cell(r, "name")
	address := im.cell(r, "address")
	src := im.cell(r, "source_id")

	// Which asset is this row?
	var id, key string
	if pid := im.cell(r, "pacta_id"); pid != "" && im.byID[pid] {
		id, key = pid, "id:"+pid
	} else if src != "" {
		id, key = im.bySrc[src], "src:"+src
	} else {
		key = "na:" + nameAddressKey(name, address)
		id = im.byKey[nameAddressKey(name, address)]
	}
	if line, dup := im.seen[key]; dup {
		if strings.HasPrefix(key, "src:") {
			return model.Asset{}, nil, errors.New(i18n.T("asset.import.duplicate_source", map[string]any{"Line": line, "Value": src}))
		}
		return model.Asset{}, nil, errors.New(i18n.T("asset.import.duplicate_row", map[string]any{"Line": line}))
	}

	var a model.Asset
	var existing *model.Asset
	if id != "" {
		old, err := model.LoadAsset(q, id)
		if err != nil {
			return model.Asset{}, nil, err
		}
		existing = &old
		a = old
	} else {
		a.Ref = im.cell(r, "ref")
	}
	var problems []string
	set := func(field string, dst *string) {
		if im.mapped(field) {
			*dst = im.cell(r, field)
		}
	}
	set("name", &a.Name)
	set("address", &a.Address)
	set("source_id", &a.SourceID)
	for _, f := range []struct {
		name string
		dst  *string
	}{{"district", &a.District}, {"municipality", &a.Municipality}, {"region", &a.Region}, {"territory", &a.Territory},
		{"owner", &a.Owner}, {"control_rights", &a.ControlRights}, {"community", &a.Community}, {"licence", &a.Licence}, {"heritage", &a.Heritage}} {
		set(f.name, f.dst)
	}
	if im.mapped("description") {
		a.Description = strings.Join(im.cells(r, "description"), "\n")
	}
	if im.mapped("tags") {
		a.Tags = strings.Join(im.cells(r, "tags"), ", ")
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"kind", &a.Kind}, {"availability", &a.Availability}, {"protection", &a.Protection}, {"ownership", &a.Ownership}} {
		if !im.mapped(f.name) {
			continue
		}
		v := im.cell(r, f.name)
		if v == "" {
			if existing == nil {
				*f.dst = ""
			}
			continue
		}
		c, ok := ParseEnum(f.name, v)
		if !ok {
			problems = append(problems, i18n.T("asset.import.bad_value", map[string]any{"Field": i18n.T(FieldLabelKey(f.name)), "Value": v}))
			continue
		}
		*f.dst = c
	}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"designated", &a.Designated}, {"reserved", &a.Reserved}} {
		if !im.mapped(f.name) {
			continue
		}
		b, err := ParseBool(im.cell(r, f.name))
		if err != nil {
			problems = append(problems, i18n.T("asset.import.bad_value", map[string]any{"Field": i18n.T(FieldLabelKey(f.name)), "Value": im.cell(r, f.name)}))
			continue
		}
		*f.dst = b
	}

	// Coordinates: the two columns, else the pair in one cell, else the geometry.
	if im.mapped("lat") || im.mapped("lon") || im.mapped("latlon") || r.Lat != nil || existing == nil {
		a.Lat, a.Lon = nil, nil
		la, lo := im.cell(r, "lat"), im.cell(r, "lon")
		switch {
		case la != "" || lo != "":
			lat, err1 := ParseNumber(la)
			lon, err2 := ParseNumber(lo)
			if err1 != nil || err2 != nil {
				problems = append(problems, i18n.T("asset.import.bad_coordinates", map[string]any{"Value": strings.TrimSpace(la + " " + lo)}))
			} else {
				a.Lat, a.Lon = &lat, &lon
			}
		case im.cell(r, "latlon") != "":
			lat, lon, err := ParseLatLon(im.cell(r, "latlon"))
			if err != nil {
				problems = append(problems, i18n.T("asset.import.bad_coordinates", map[string]any{"Value": im.cell(r, "latlon")}))
			} else {
				a.Lat, a.Lon = &lat, &lon
			}
		case r.Lat != nil && r.Lon != nil:
			lat, lon := *r.Lat, *r.Lon
			a.Lat, a.Lon = &lat, &lon
		}
	}
	if existing == nil {
		if a.Kind == "" {
			a.Kind = GuessKind(a.Name, a.Address)
		}
		if a.Municipality == "" && !im.mapped("municipality") {
			a.Municipality = im.opt.Municipality
		}
	}
	if len(problems) > 0 {
		return model.Asset{}, nil, errors.New(strings.Join(problems, "; "))
	}
	Normalize(&a)
	if err := Validate(&a); err != nil {
		return model.Asset{}, nil, err
	}
	if existing != nil {
		// Compare like with like: the stored row normalised the same way.
		Normalize(existing)
	}
	im.seen[key] = r.Line
	if id == "" {
		a.ID = model.NewID()
	}
	return a, existing, nil
}
