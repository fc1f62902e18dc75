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

// ImportOptions tunes Import.
type ImportOptions struct {
	Mapping      Mapping // nil: the default mapping for the header
	DryRun       bool    // validate and count, write nothing
	Municipality string  // given to new assets when no column fills it
	// Progress is called from the goroutine that called Import while rows are written, a
	// batch at a time: done of total rows in the file (rejected ones included).
	Progress func(done, total int)
}

// Reject is a row that was not imported, and why.
type Reject struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// ImportReport says what an import did (or, dry, would do).
type ImportReport struct {
	File      string   `json:"file"`
	Format    string   `json:"format"`
	Rows      int      `json:"rows"`
	New       int      `json:"new"`
	Updated   int      `json:"updated"`
	Unchanged int      `json:"unchanged"`
	Rejected  []Reject `json:"rejected"`
	DryRun    bool     `json:"dry_run"`
}

// importer holds one import's state across its two passes.
type importer struct {
	src     *Source
	opt     ImportOptions
	col     map[string][]int // field → columns
	byID    map[string]bool
	bySrc   map[string]string // source id → asset id
	byKey   map[string]string // folded name|address → asset id
	seen    map[string]int    // key → line, within this file
	nextRef int
}

// Import reads every row of src, validates it, and imports the valid rows in one
// transaction: new assets are added, assets already in the registry (same source id when
// that column is mapped, else same name and address) are updated, so importing a file
// twice creates no duplicates. Rejected rows are reported with their line and reason. A
// cancelled (ctx) or failed import writes nothing.
func Import(ctx context.Context, st *model.Store, src *Source, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{File: src.Name, Format: src.Format, DryRun: opt.DryRun, Rejected: []Reject{}}
	if opt.Mapping == nil {
		opt.Mapping = DefaultMapping(src.Header)
	}
	if len(opt.Mapping) != len(src.Header) {
		return rep, fmt.Errorf("import %s: the mapping has %d columns but the file has %d", src.Name, len(opt.Mapping), len(src.Header))
	}
	if err := opt.Mapping.Check(); err != nil {
		return rep, fmt.Errorf("import %s: %w", src.Name, err)
	}
	im := &importer{src: src, opt: opt, col: map[string][]int{}}
	for i, f := range opt.Mapping {
		if f != "" {
			im.col[f] = append(im.col[f], i)
		}
	}
	if err := im.loadKeys(st.DB()); err != nil {
		return rep, err
	}
	// count classifies a checked row and counts it in the report.
	count := func(p preparedRow) rowKind {
		rep.Rows++
		k := p.kind()
		switch k {
		case rowRejected:
			rep.Rejected = append(rep.Rejected, Reject{Line: p.line, Reason: p.err.Error()})
		case rowNew:
			rep.New++
		case rowUnchanged:
			rep.Unchanged++
		case rowUpdated:
			rep.Updated++
		}
		return k
	}

	if opt.DryRun {
		rows, wait := im.checked(ctx, st, false)
		defer wait()
		for b := range rows {
			for _, p := range b {
				count(p)
			}
		}
		if err := wait(); err != nil {
			return rep, fmt.Errorf("import %s: %w", src.Name, err)
		}
		return rep, nil
	}

	// The rows are counted first, cheaply, so that the progress bar knows where the end is.
	total := 0
	if err := src.Each(ctx, func(Record) error { total++; return nil }); err != nil {
		return rep, fmt.Errorf("import %s: %w", src.Name, err)
	}
	err := st.Update(ctx, func(tx *model.Tx) error {
		if err := tx.GrowCache(64); err != nil {
			return err
		}
		last, err := model.NextRef(tx, "assets", RefPrefix, RefWidth)
		if err != nil {
			return err
		}
		im.nextRef, _ = refNumber(last)
		// Many rows: index the new ones for search in one statement at the end.
		bulk := total >= 1000
		var after int64
		if bulk {
			if after, err = tx.BeginBulkAssets(); err != nil {
				return err
			}
		}
		// Reading and checking the rows runs beside the writing, a batch ahead: on two
		// cores the Go work then hides behind SQLite's.
		rows, wait := im.checked(ctx, st, true)
		defer wait() // on any return: stop the reader and let it finish
		var news []model.NewRow
		done := 0
		for b := range rows {
			// A cancelled context also ends the transaction under us: say so, rather than
			// what failed because of it.
			if err := ctx.Err(); err != nil {
				return err
			}
			for i := range b {
				p := &b[i]
				switch count(*p) {
				case rowNew:
					news = append(news, p.row)
				case rowUpdated:
					if err := tx.Put(&p.asset); err != nil {
						if ctx.Err() != nil {
							return ctx.Err()
						}
						return fmt.Errorf("line %d: %w", p.line, err)
					}
				}
			}
			// New rows are written a batch at a time.
			if err := tx.InsertRows(news); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("write new assets: %w", err)
			}
			news = news[:0]
			done += len(b)
			if opt.Progress != nil {
				opt.Progress(done, max(total, done))
			}
		}
		if err := wait(); err != nil {
			return err
		}
		if bulk {
			return tx.EndBulkAssets(after)
		}
		return nil
	})
	if err != nil {
		rep.New, rep.Updated, rep.Unchanged = 0, 0, 0
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return rep, fmt.Errorf("import %s cancelled; the registry is unchanged: %w", src.Name, err)
		}
		return rep, fmt.Errorf("import %s: nothing was imported: %w", src.Name, err)
	}
	return rep, nil
}

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
