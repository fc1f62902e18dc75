package model

import (
	"bytes"
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

// Change is one entry of the change log: one field of one row, written by one device.
// Prev is the writer of the value it replaced, which sync uses to tell a causal overwrite
// from a concurrent edit.
type Change struct {
	Device     string  `db:"device" json:"device"`
	Seq        int64   `db:"seq" json:"seq"`
	HLC        string  `db:"hlc" json:"hlc"`
	Table      string  `db:"tbl" json:"table"`
	Row        string  `db:"row" json:"row"`
	Field      string  `db:"field" json:"field"`
	Value      RawJSON `db:"value" json:"value"`
	PrevDevice string  `db:"prev_device" json:"prev_device,omitempty"`
	PrevSeq    int64   `db:"prev_seq" json:"prev_seq,omitempty"`
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
	ctx     context.Context
	tx      *sqlx.Tx
	store   *Store
	seq     int64
	changed bool
	// stmts caches the prepared statements of Put's fixed queries for this transaction.
	// database/sql closes statements prepared on a Tx when it commits or rolls back, so
	// they never outlive it. A bulk import of 100 000 rows runs these queries millions of
	// times; preparing once saves parsing each time.
	stmts map[string]*sqlx.Stmt
}

// stmt returns the transaction's prepared statement for query, preparing it once.
func (tx *Tx) stmt(query string) (*sqlx.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	st, err := tx.tx.PreparexContext(tx.ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sqlx.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// execCached runs one of Put's fixed queries through the statement cache.
func (tx *Tx) execCached(query string, args ...any) error {
	st, err := tx.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(tx.ctx, args...)
	return err
}

// multiRow turns a one-row "INSERT … VALUES(?, …)" statement into one inserting n rows.
func multiRow(q string, cols, n int) string {
	if n == 1 {
		return q
	}
	key := fmt.Sprintf("%d\x00%s", n, q)
	if s, ok := multiRowCache.Load(key); ok {
		return s.(string)
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	i := strings.Index(q, "VALUES(")
	rest := q[i+len("VALUES("):]
	rest = rest[strings.Index(rest, ")")+1:]
	s := q[:i] + "VALUES" + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") + rest
	multiRowCache.Store(key, s)
	return s
}

var multiRowCache sync.Map

const (
	insertChangeQ = `INSERT INTO changes(device, seq, hlc, tbl, row, field, value, prev_device, prev_seq)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`
	upsertClockQ = `INSERT INTO clocks(tbl, row, field, hlc, device, seq) VALUES(?, ?, ?, ?, ?, ?)
			ON CONFLICT(tbl, row, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device, seq = excluded.seq`
	selectClocksQ = "SELECT field, device, seq FROM clocks WHERE tbl = ? AND row = ?"
)

func (tx *Tx) begin() error {
	// Another process (the command line beside the GUI) may have written since we last
	// looked: take the device counter and the clock from the database, under the write lock.
	if err := tx.tx.GetContext(tx.ctx, &tx.seq, "SELECT coalesce(max(seq), 0) FROM changes WHERE device = ?", tx.store.device); err != nil {
		return fmt.Errorf("begin update: read sequence: %w", err)
	}
	last, err := tx.store.persistedHLC(tx.ctx, tx.tx)
	if err != nil {
		return fmt.Errorf("begin update: %w", err)
	}
	tx.store.hlc.Observe(last)
	return nil
}

// Context is the context of the Update.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Device is the writing device.
func (tx *Tx) Device() string { return tx.store.device }

// Get runs a query inside the transaction and scans one row into dest.
func (tx *Tx) Get(dest any, query string, args ...any) error {
	return tx.tx.GetContext(tx.ctx, dest, query, args...)
}

// Select runs a query inside the transaction and scans all rows into dest.
func (tx *Tx) Select(dest any, query string, args ...any) error {
	return tx.tx.SelectContext(tx.ctx, dest, query, args...)
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
	return tx.tx.ExecContext(tx.ctx, query, args...)
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
// only the fields that differ from the stored row. Each changed field gets one change-log
// entry and a new field clock, in this transaction. An unchanged Put writes nothing.
func (tx *Tx) Put(e Entity) error { return tx.put(e, false) }

// Insert writes e as a new row, for callers that know it is new (a bulk import that
// minted the id itself). It skips reading the current row and the field clocks, and
// otherwise does exactly what Put does for a new row: one change-log entry and one
// field clock per non-zero field. Inserting an id that already exists is an error.
func (tx *Tx) Insert(e Entity) error { return tx.put(e, true) }

func (tx *Tx) put(e Entity, knownNew bool) error {
	ti, v, err := lookupTable(e)
	if err != nil {
		return err
	}
	idc := ti.byName["id"]
	idv := v.FieldByIndex(idc.index)
	if idv.String() == "" {
		idv.SetString(NewID())
	}
	id := idv.String()

	old := reflect.New(ti.typ)
	exists := false
	if !knownNew {
		sel, err := tx.stmt(ti.selectQ)
		if err != nil {
			return fmt.Errorf("put %s %s: read current row: %w", ti.name, id, err)
		}
		err = sel.QueryRowxContext(tx.ctx, id).StructScan(old.Interface())
		exists = true
		if errors.Is(err, sql.ErrNoRows) {
			exists = false
		} else if err != nil {
			return fmt.Errorf("put %s %s: read current row: %w", ti.name, id, err)
		}
	}

	type fieldChange struct {
		col column
		val []byte
	}
	var changes []fieldChange
	for _, c := range ti.cols {
		if c.name == "id" {
			continue
		}
		nv := v.FieldByIndex(c.index)
		nb, err := json.Marshal(nv.Interface())
		if err != nil {
			return fmt.Errorf("put %s %s: encode %s: %w", ti.name, id, c.name, err)
		}
		if exists {
			ob, err := json.Marshal(old.Elem().FieldByIndex(c.index).Interface())
			if err != nil {
				return fmt.Errorf("put %s %s: encode %s: %w", ti.name, id, c.name, err)
			}
			if bytes.Equal(ob, nb) {
				continue
			}
		} else if nv.IsZero() {
			// A new row's zero fields equal the column defaults every replica creates the
			// row with, so they need no entry.
			continue
		}
		changes = append(changes, fieldChange{col: c, val: nb})
	}
	if !exists && len(changes) == 0 {
		// Still record the row's existence.
		c := ti.byName["deleted"]
		changes = append(changes, fieldChange{col: c, val: []byte("false")})
	}
	if len(changes) == 0 {
		return nil
	}

	// Write the row.
	if !exists {
		args := make([]any, len(ti.cols))
		for i, c := range ti.cols {
			args[i] = v.FieldByIndex(c.index).Interface()
		}
		if err := tx.execCached(ti.insertQ, args...); err != nil {
			return fmt.Errorf("put %s %s: insert: %w", ti.name, id, err)
		}
	} else {
		sets := make([]string, len(changes))
		args := make([]any, 0, len(changes)+1)
		for i, ch := range changes {
			sets[i] = quoteIdent(ch.col.name) + " = ?"
			args = append(args, v.FieldByIndex(ch.col.index).Interface())
		}
		args = append(args, id)
		q := fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", quoteIdent(ti.name), strings.Join(sets, ", "))
		if _, err := tx.tx.ExecContext(tx.ctx, q, args...); err != nil {
			return fmt.Errorf("put %s %s: update: %w", ti.name, id, err)
		}
	}

	// Previous writers of the changed fields.
	prev := map[string]Change{}
	if exists {
		var rows []Change
		st, err := tx.stmt(selectClocksQ)
		if err == nil {
			err = st.SelectContext(tx.ctx, &rows, ti.name, id)
		}
		if err != nil {
			return fmt.Errorf("put %s %s: read field clocks: %w", ti.name, id, err)
		}
		for _, r := range rows {
			prev[r.Field] = r
		}
	}

	// One change-log entry and one field clock per changed field, written with one
	// multi-row INSERT each: the same rows as one statement per field, in a tenth of the
	// round trips through cgo (a bulk import writes millions of them).
	h := tx.store.hlc.Now().String()
	logArgs := make([]any, 0, 9*len(changes))
	clockArgs := make([]any, 0, 6*len(changes))
	for _, ch := range changes {
		tx.seq++
		p := prev[ch.col.name]
		logArgs = append(logArgs, tx.store.device, tx.seq, h, ti.name, id, ch.col.name, string(ch.val), p.Device, p.Seq)
		clockArgs = append(clockArgs, ti.name, id, ch.col.name, h, tx.store.device, tx.seq)
	}
	if err := tx.execCached(multiRow(insertChangeQ, 9, len(changes)), logArgs...); err != nil {
		return fmt.Errorf("put %s %s: log changes: %w", ti.name, id, err)
	}
	if err := tx.execCached(multiRow(upsertClockQ, 6, len(changes)), clockArgs...); err != nil {
		return fmt.Errorf("put %s %s: field clocks: %w", ti.name, id, err)
	}
	tx.changed = true
	return nil
}

// MarkChanged tells Update that this transaction wrote change-log entries by another path
// of this package (applying remote changes), so that commit hooks run.
func (tx *Tx) markChanged() { tx.changed = true }

// GrowCache raises the writer connection's page cache to mb megabytes (it stays so for
// the life of the connection). A bulk import touches far more B-tree pages than SQLite's default
// 2 MB cache holds; a larger cache keeps them in memory until the commit.
func (tx *Tx) GrowCache(mb int) error {
	if _, err := tx.tx.ExecContext(tx.ctx, fmt.Sprintf("PRAGMA cache_size = -%d", mb*1024)); err != nil {
		return fmt.Errorf("grow cache: %w", err)
	}
	return nil
}
