package assets

import (
	"context"
	"errors"
	"fmt"
	"time"

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
		// The new rows are numbered from the registry's highest reference on (one scan),
		// and the counter NextRef keeps is told where the numbering stopped.
		last, err := model.HighestRef(tx, "assets", RefPrefix)
		if err != nil {
			return err
		}
		im.nextRef = int(last) + 1
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
		var created []model.Asset    // what the undo of this import removes
		var updated [][2]model.Asset // and gives back: before, after
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
					created = append(created, p.asset)
				case rowUpdated:
					if p.existing != nil {
						updated = append(updated, [2]model.Asset{*p.existing, p.asset})
					}
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
		if err := recordImport(tx, src.Name, created, updated, time.Now()); err != nil {
			return err
		}
		if len(created) > 0 {
			if err := model.KeepRefCounter(tx, "assets", RefPrefix, int64(im.nextRef-1)); err != nil {
				return err
			}
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
