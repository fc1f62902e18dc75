package model

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"
)

// Change is one entry of the change log: the fields that one Put changed in one row, with
// their new values, written by one device. A change that creates a row also carries the
// row's id, and stands for every field: those it leaves out are at their zero value.
// Prev names, for each changed field that had a value from an earlier change, the writer
// of the value it replaced; sync uses it to tell a causal overwrite from a concurrent edit.
type Change struct {
	Device string  `db:"device" json:"device"`
	Seq    int64   `db:"seq" json:"seq"`
	HLC    string  `db:"hlc" json:"hlc"`
	Table  string  `db:"tbl" json:"table"`
	Row    string  `db:"row" json:"row"`
	Fields RawJSON `db:"fields" json:"fields"`       // JSON object: field → value
	Prev   RawJSON `db:"prev" json:"prev,omitempty"` // JSON object: field → [device, seq]
}

// Values decodes the changed fields as JSON values.
func (c Change) Values() (map[string]RawJSON, error) {
	var m map[string]RawJSON
	if err := json.Unmarshal(c.Fields, &m); err != nil || m == nil {
		return nil, fmt.Errorf("change %s/%d: the fields are not a JSON object", c.Device, c.Seq)
	}
	return m, nil
}

// PrevWriters decodes Prev.
func (c Change) PrevWriters() (map[string]Writer, error) {
	if len(c.Prev) == 0 {
		return nil, nil
	}
	var m map[string]Writer
	if err := json.Unmarshal(c.Prev, &m); err != nil {
		return nil, fmt.Errorf("change %s/%d: previous writers: %w", c.Device, c.Seq, err)
	}
	return m, nil
}

// RawJSON is a JSON value kept as text in SQLite and embedded as-is in JSON output.
type RawJSON []byte

// Scan implements sql.Scanner.
func (r *RawJSON) Scan(src any) error {
	switch v := src.(type) {
	case string:
		*r = RawJSON(v)
	case []byte:
		*r = append(RawJSON(nil), v...)
	case nil:
		*r = nil
	default:
		return fmt.Errorf("raw json: cannot scan %T", src)
	}
	return nil
}

// Value implements driver.Valuer.
func (r RawJSON) Value() (driver.Value, error) { return string(r), nil }

// MarshalJSON implements json.Marshaler.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *RawJSON) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}

// Tx is a write transaction. Domain code changes synced rows only through Put and Delete.
type Tx struct {
	ctx context.Context
	// rowCtx is ctx without its cancellation, for the short statements run row by row:
	// with a cancellable context, go-sqlite3 starts a goroutine for every statement to
	// watch it. Update checks ctx before it commits, and the loops over many rows check
	// it between batches.
	rowCtx   context.Context
	c        *sqlx.Conn // the store's writer connection, inside the transaction
	store    *Store
	seq      int64
	dataVer  int64 // PRAGMA data_version, once verKnown
	verKnown bool  // dataVer has been read (it cannot change: the transaction holds the write lock)
	seqReady bool  // seq and the clock are current (ready has run)
	changed  bool  // the change log grew: commit hooks run
	observed bool  // remote clocks were observed: the clock is persisted at commit
	grown    bool  // GrowCache raised the page cache: Update lowers it again at the end
	last     stamp // the clock of the last change logged (PutEdit's conflicts name it)
	// temp are statements prepared for this transaction only (the store keeps no more):
	// Update closes them at its end.
	temp []*sql.Stmt
}

// stmt returns the writer's prepared statement for query (Store.stmt).
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	st, err := tx.store.stmt(query)
	if err == nil && tx.store.prepared[query] != st {
		// No room to keep it: it lives as long as this transaction.
		tx.temp = append(tx.temp, st)
	}
	return st, err
}

// execCached runs query through the statement cache.
func (tx *Tx) execCached(query string, args ...any) error {
	st, err := tx.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(tx.rowCtx, args...)
	return err
}

const (
	insertChangeQ = "INSERT INTO changes(device, seq, hlc, tbl, row, fields, prev) VALUES(?, ?, ?, ?, ?, ?, ?)"
	dataVersionQ  = "PRAGMA data_version"
	maxSeqQ       = "SELECT coalesce(max(seq), 0) FROM changes WHERE device = ?"
)

// ready makes the device counter and the clock current before the first change this
// transaction logs. Another process (the command line beside the GUI) may have written
// since this one last did: then the counter and the clock are read from the database,
// under the write lock. SQLite's data_version tells whether anyone else committed
// meanwhile, so a person's edits one after another do not read them again each time; and
// Put reads data_version with the row it edits, so that an edit runs no query for it.
func (tx *Tx) ready() error {
	if tx.seqReady {
		return nil
	}
	s := tx.store
	if !tx.verKnown {
		st, err := tx.stmt(dataVersionQ)
		if err == nil {
			err = st.QueryRowContext(tx.rowCtx).Scan(&tx.dataVer)
		}
		if err != nil {
			return fmt.Errorf("read data version: %w", err)
		}
		tx.verKnown = true
	}
	if s.seqKnown && tx.dataVer == s.dataVer {
		tx.seq, tx.seqReady = s.seq, true
		return nil
	}
	st, err := tx.stmt(maxSeqQ)
	if err == nil {
		err = st.QueryRowContext(tx.rowCtx, s.device).Scan(&tx.seq)
	}
	if err != nil {
		return fmt.Errorf("read sequence: %w", err)
	}
	last, err := s.persistedHLC(tx.ctx, tx.c)
	if err != nil {
		return err
	}
	s.hlc.Observe(last)
	tx.seqReady = true
	return nil
}

// Context is the context of the Update.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Device is the writing device.
func (tx *Tx) Device() string { return tx.store.device }

// Get runs a query inside the transaction and scans one row into dest.
func (tx *Tx) Get(dest any, query string, args ...any) error {
	return tx.c.GetContext(tx.ctx, dest, query, args...)
}

// Select runs a query inside the transaction and scans all rows into dest.
func (tx *Tx) Select(dest any, query string, args ...any) error {
	return tx.c.SelectContext(tx.ctx, dest, query, args...)
}

// Querier is the read side shared by *sqlx.DB and *Tx, so query functions in this package
// work both inside and outside an Update.
type Querier interface {
	Get(dest any, query string, args ...any) error
	Select(dest any, query string, args ...any) error
}

// ExecLocal writes to a local-only table (never to a synced one: those go through Put).
func (tx *Tx) ExecLocal(query string, args ...any) (sql.Result, error) {
	for _, t := range SyncedTables() {
		if strings.Contains(query, " "+t+" ") || strings.Contains(query, `"`+t+`"`) {
			if q := strings.ToUpper(strings.TrimSpace(query)); strings.HasPrefix(q, "INSERT") || strings.HasPrefix(q, "UPDATE") || strings.HasPrefix(q, "DELETE") {
				return nil, fmt.Errorf("exec local: %s is a synced table; use Put", t)
			}
		}
	}
	return tx.c.ExecContext(tx.ctx, query, args...)
}

// Delete tombstones e: its deleted field becomes true, logged like any other change.
func (tx *Tx) Delete(e Entity) error {
	ti, v, err := lookupTable(e)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	c, ok := ti.byName["deleted"]
	if !ok {
		return fmt.Errorf("delete %s: the table has no deleted column", ti.name)
	}
	v.FieldByIndex(c.index).SetBool(true)
	return tx.Put(e)
}

// Put writes e: a new row when its id is empty or unknown (the id is then filled in), else
// only the fields that differ from the stored row. The changed fields get one change-log
// entry and new field clocks, in this transaction. An unchanged Put writes nothing. (Many
// new rows at once: InsertAll.)
func (tx *Tx) Put(e Entity) error {
	ti, v, err := lookupTable(e)
	if err != nil {
		return err
	}
	idv := v.FieldByIndex(ti.cols[0].index)
	knownNew := false
	if idv.String() == "" {
		// A freshly minted id names no stored row: nothing to read.
		idv.SetString(NewID())
		knownNew = true
	}
	id := idv.String()

	var old reflect.Value
	var clk string
	exists := false
	if !knownNew {
		old = reflect.New(ti.typ).Elem()
		if exists, clk, err = tx.readRow(ti, id, old); err != nil {
			return fmt.Errorf("put %s %s: read current row: %w", ti.name, id, err)
		}
	}
	return tx.putOver(ti, v, id, exists, old, clk)
}

// putOver writes v as row id of ti over old, the row stored now with its clocks clk (as
// readRow read them), or as a new row when it does not exist.
func (tx *Tx) putOver(ti *tableInfo, v reflect.Value, id string, exists bool, old reflect.Value, clk string) error {
	if !exists {
		r, err := newRow(ti, v)
		if err == nil {
			err = tx.insertRun([]NewRow{r})
		}
		if err != nil {
			return fmt.Errorf("put %s %s: %w", ti.name, id, err)
		}
		return nil
	}
	var changed []column
	for _, c := range ti.cols[1:] {
		if !equalValue(old.FieldByIndex(c.index), v.FieldByIndex(c.index)) {
			changed = append(changed, c)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	clocks, err := parseClocks(clk)
	if err != nil {
		return fmt.Errorf("put %s %s: %w", ti.name, id, err)
	}
	clk, err = tx.record(ti, v, id, clocks, changed, false)
	if err != nil {
		return fmt.Errorf("put %s %s: %w", ti.name, id, err)
	}
	names := make([]string, len(changed))
	vals := make([]any, len(changed))
	for i, c := range changed {
		names[i], vals[i] = c.name, v.FieldByIndex(c.index).Interface()
	}
	if err := tx.updateFields(ti, id, names, vals, clk); err != nil {
		return fmt.Errorf("put %s %s: update: %w", ti.name, id, err)
	}
	return nil
}

// updateFields sets the named fields of row id to vals, and its clocks to clk.
func (tx *Tx) updateFields(ti *tableInfo, id string, names []string, vals []any, clk string) error {
	var q strings.Builder
	fmt.Fprintf(&q, "UPDATE %s SET ", quoteIdent(ti.name))
	for _, n := range names {
		q.WriteString(quoteIdent(n) + " = ?, ")
	}
	q.WriteString("clk = ? WHERE id = ?")
	return tx.execCached(q.String(), append(vals, clk, id)...)
}

// boundColumns is what an INSERT of row v binds: the id and the fields not at their zero
// value (the columns' defaults are those zero values, and a bulk import's rows leave most
// columns empty), as a set (bit i: ti.cols[i]) and their values.
func boundColumns(ti *tableInfo, v reflect.Value) (uint64, []any) {
	var set uint64
	args := make([]any, 0, len(ti.cols)+1)
	for i, c := range ti.cols {
		if f := v.FieldByIndex(c.index); i == 0 || !f.IsZero() {
			set |= 1 << i
			args = append(args, f.Interface())
		}
	}
	return set, args
}

// readRow reads row id of ti into dst (a struct value of ti's type) with its field clocks.
// It also notes the connection's data_version, which comes with the row (see ready).
func (tx *Tx) readRow(ti *tableInfo, id string, dst reflect.Value) (exists bool, clk string, err error) {
	st, err := tx.stmt(ti.selectQ)
	if err != nil {
		return false, "", err
	}
	dests := make([]any, len(ti.cols)+2)
	for i, c := range ti.cols {
		dests[i] = dst.FieldByIndex(c.index).Addr().Interface()
	}
	var ver int64
	dests[len(ti.cols)], dests[len(ti.cols)+1] = &clk, &ver
	err = st.QueryRowContext(tx.rowCtx, id).Scan(dests...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, "", nil
	}
	if err != nil {
		return false, "", err
	}
	tx.dataVer, tx.verKnown = ver, true
	return true, clk, nil
}

// encodeFields writes the JSON object of cols' values in v; with creation, of the id and
// of the fields not at their zero value only.
func encodeFields(v reflect.Value, cols []column, creation bool) ([]byte, error) {
	b := make([]byte, 0, 256)
	b = append(b, '{')
	first := true
	for _, c := range cols {
		f := v.FieldByIndex(c.index)
		if creation && c.name != "id" && f.IsZero() {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, c.name)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, f); err != nil {
			return nil, fmt.Errorf("encode %s: %w", c.name, err)
		}
	}
	return append(b, '}'), nil
}

// encodeCreation writes the fields of a change that creates the row v: the id, which marks
// a creation, and every field that is not at its zero value. The fields left out are
// part of the change all the same: they are its zero values, which every replica creates
// the row with. (Writing them out would double the size of the log of a bulk import.)
func encodeCreation(v reflect.Value, ti *tableInfo) ([]byte, error) {
	return encodeFields(v, ti.cols, true)
}

// record logs one change of row id of ti: the values in v of the fields in cols (all of
// them, written as a creation, when creation is set) replace the values that clocks say
// who wrote. It updates clocks and returns them encoded for the row's clk column, which
// the caller writes with the row.
func (tx *Tx) record(ti *tableInfo, v reflect.Value, id string, clocks rowClocks, cols []column, creation bool) (string, error) {
	var fields []byte
	var err error
	if creation {
		fields, err = encodeCreation(v, ti)
	} else {
		fields, err = encodeFields(v, cols, false)
	}
	if err != nil {
		return "", err
	}
	if err := tx.ready(); err != nil {
		return "", fmt.Errorf("log change: %w", err)
	}
	clk, args := tx.entry(ti, id, clocks, cols, fields)
	if err := tx.execCached(insertChangeQ, args...); err != nil {
		return "", fmt.Errorf("log change: %w", err)
	}
	return clk, nil
}

// entry makes the change-log entry of record without writing it: the new clocks, and the
// arguments of insertChangeQ. The caller has made the transaction ready.
func (tx *Tx) entry(ti *tableInfo, id string, clocks rowClocks, cols []column, fields []byte) (string, []any) {
	var prev []byte
	for _, c := range cols {
		w := clocks.of(c.name).writer()
		if w.IsZero() {
			continue
		}
		if prev == nil {
			prev = append(prev, '{')
		} else {
			prev = append(prev, ',')
		}
		prev = appendJSONString(prev, c.name)
		prev = appendPair(append(prev, ':'), w.Device, w.Seq)
	}
	if prev != nil {
		prev = append(prev, '}')
	}
	tx.seq++
	tx.changed = true
	st := stamp{HLC: tx.store.hlc.Now().String(), Seq: tx.seq}
	tx.last = st
	var clk string
	if len(cols) == len(ti.cols)-1 {
		// Every field (a new row, the bulk of an import): one whole-row clock, without a
		// map.
		clk = wholeRowClock(st)
	} else {
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.name
		}
		clocks.set(st, names, ti)
		clk = clocks.encode()
	}
	return clk, []any{tx.store.device, st.Seq, st.HLC, ti.name, id, string(fields), string(prev)}
}

// insertBatch is how many rows InsertRows writes with one statement: enough that SQLite's
// cost per statement (and the trip through cgo) disappears, few enough for its limit on
// bound values whatever the table.
const insertBatch = 64

// NewRow is an entity made ready to be inserted as a new row: its id minted, its column
// values and the fields of its creation encoded. Making one needs no transaction, so a
// bulk import makes them beside the transaction that writes them (Tx.InsertRows).
type NewRow struct {
	ti     *tableInfo
	set    uint64 // the columns bound (bit i: ti.cols[i]): the id and the non-zero ones
	args   []any  // their values
	fields []byte // the creation's fields (encodeCreation)
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
	r, err := newRow(ti, v)
	if err != nil {
		return NewRow{}, fmt.Errorf("insert %s %s: %w", ti.name, idv.String(), err)
	}
	return r, nil
}

// newRow makes the NewRow of v, whose id is set.
func newRow(ti *tableInfo, v reflect.Value) (NewRow, error) {
	r := NewRow{ti: ti}
	r.set, r.args = boundColumns(ti, v)
	var err error
	r.fields, err = encodeCreation(v, ti)
	return r, err
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

// InsertRows writes rows as Put writes new rows, each with its change-log entry and clocks, but
// runs of rows of one table with the same fields set go in with one multi-row INSERT, and
// their log entries with another. A bulk import spends half its time in SQLite's work per
// statement otherwise.
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
	if err := tx.ready(); err != nil {
		return fmt.Errorf("insert %s: log changes: %w", ti.name, err)
	}
	vals := make([]any, 0, len(run)*(len(run[0].args)+1))
	logs := make([]any, 0, len(run)*7)
	for _, r := range run {
		clk, entry := tx.entry(ti, r.args[0].(string), rowClocks{}, ti.cols[1:], r.fields)
		vals = append(append(vals, r.args...), clk)
		logs = append(logs, entry...)
	}
	if len(run) < insertBatch {
		// A short run: one row at a time, with the statements every Put shares (one
		// multi-row statement for each length would fill the statement cache).
		w := len(run[0].args) + 1
		for i := range run {
			if err := tx.execCached(ti.insertOf(run[i].set), vals[i*w:(i+1)*w]...); err != nil {
				return fmt.Errorf("insert %s %v: %w", ti.name, run[i].args[0], err)
			}
			if err := tx.execCached(insertChangeQ, logs[i*7:(i+1)*7]...); err != nil {
				return fmt.Errorf("insert %s %v: log change: %w", ti.name, run[i].args[0], err)
			}
		}
		return nil
	}
	if err := tx.execCached(multiRow(ti.insertOf(run[0].set), len(run)), vals...); err != nil {
		return fmt.Errorf("insert %d rows of %s: %w", len(run), ti.name, err)
	}
	if err := tx.execCached(multiRow(insertChangeQ, len(run)), logs...); err != nil {
		return fmt.Errorf("insert %d rows of %s: log changes: %w", len(run), ti.name, err)
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

// defaultCacheSize is SQLite's own page cache size (negative: in KiB), which the writer
// returns to after an Update that grew it.
const defaultCacheSize = -2000

// GrowCache raises the writer connection's page cache to mb megabytes until the Update
// ends. A bulk import touches far more B-tree pages than SQLite's default 2 MB cache holds;
// a larger cache keeps them in memory until the commit.
func (tx *Tx) GrowCache(mb int) error {
	if _, err := tx.c.ExecContext(tx.ctx, fmt.Sprintf("PRAGMA cache_size = -%d", mb*1024)); err != nil {
		return fmt.Errorf("grow cache: %w", err)
	}
	tx.grown = true
	return nil
}
