// Many new rows at once: multi-row INSERTs for imports.

package model

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// insertBatch is how many rows InsertRows writes with one statement: enough that SQLite's
// cost per statement (and the trip through cgo) disappears, few enough for its limit on
// bound values whatever the table.
const insertBatch = 64

// NewRow is an entity made ready to be inserted as a new row: its id minted and its
// column values gathered. Making one needs no transaction, so a bulk import makes them
// beside the transaction that writes them (Tx.InsertRows).
type NewRow struct {
	ti   *tableInfo
	set  uint64 // the columns bound (bit i: ti.cols[i]): the id and the non-zero ones
	args []any  // their values
}

// PrepareNew makes the NewRow of e, minting its id when it has none (e's id is then set).
func PrepareNew(e Entity) (NewRow, error) {
	ti, v, err := lookupTable(e)
	if err != nil {
		return NewRow{}, err
	}
	idv := v.FieldByIndex(ti.cols[0].index)
	if idv.String() == "" {
		idv.SetString(NewID())
	}
	return newRow(ti, v), nil
}

// newRow makes the NewRow of v, whose id is set.
func newRow(ti *tableInfo, v reflect.Value) NewRow {
	r := NewRow{ti: ti}
	r.set, r.args = boundColumns(ti, v)
	return r
}

// InsertAll writes es as new rows, each exactly as Put writes a new row (ids are minted
// where empty; an id that exists already is an error), without reading first; see
// InsertRows.
func (tx *Tx) InsertAll(es []Entity) error {
	rows := make([]NewRow, len(es))
	for i, e := range es {
		r, err := PrepareNew(e)
		if err != nil {
			return err
		}
		rows[i] = r
	}
	return tx.InsertRows(rows)
}

// InsertRows writes rows as Put writes new rows, each a change of its own with its clock,
// but runs of rows of one table with the same fields set go in with one multi-row INSERT.
// A bulk import spends half its time in SQLite's work per statement otherwise.
func (tx *Tx) InsertRows(rows []NewRow) error {
	for len(rows) > 0 {
		n := 1
		for n < len(rows) && n < insertBatch && rows[n].ti == rows[0].ti && rows[n].set == rows[0].set {
			n++
		}
		if err := tx.insertRun(rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// insertRun writes rows of one table and one column set.
func (tx *Tx) insertRun(run []NewRow) error {
	ti := run[0].ti
	w := len(run[0].args) + 2
	vals := make([]any, 0, len(run)*w)
	for _, r := range run {
		clk, seq, err := tx.record(ti, nil, nil, true, tx.unsealed)
		if err != nil {
			return fmt.Errorf("insert %s: %w", ti.name, err)
		}
		vals = append(append(vals, r.args...), clk, seq)
	}
	if len(run) < insertBatch {
		// A short run: one row at a time, with the statements every Put shares (one
		// multi-row statement for each length would fill the statement cache).
		for i := range run {
			if err := tx.execCached(ti.insertOf(run[i].set), vals[i*w:(i+1)*w]...); err != nil {
				return fmt.Errorf("insert %s %v: %w", ti.name, run[i].args[0], err)
			}
		}
		return nil
	}
	if err := tx.execCached(multiRow(ti.insertOf(run[0].set), len(run)), vals...); err != nil {
		return fmt.Errorf("insert %d rows of %s: %w", len(run), ti.name, err)
	}
	return nil
}

// multiRow turns a one-row "INSERT … VALUES (…)" into one inserting n rows.
func multiRow(q string, n int) string {
	key := multiKey{n, q}
	if s, ok := multiRows.Load(key); ok {
		return s.(string)
	}
	i := strings.LastIndex(q, "VALUES")
	one := strings.TrimSpace(q[i+len("VALUES"):])
	s := q[:i] + "VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
	multiRows.Store(key, s)
	return s
}

type multiKey struct {
	n int
	q string
}

var multiRows sync.Map // multiKey → query of n rows
