package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

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
	state    bool  // this device's numbering (log_state) was read in this transaction (ready)
	sealed   int64 // then: the highest sequence number of this device that a segment holds
	reserved bool  // it reserved a block of sequence numbers (nextSeq)
	stamped  bool  // it stamped a change of this device (record)
	// listed is the last sequence number PendingChanges listed (-1: it did not run), and
	// listedVer the connection's data_version then; covered is set when every change it
	// listed was sealed (or there was none). See Store.quiet.
	listed    int64
	listedVer int64
	covered   bool
	changed   bool  // a change was stamped or applied: commit hooks run
	observed  bool  // remote clocks were observed: the clock is persisted at commit
	grown     bool  // GrowCache raised the page cache: Update lowers it again at the end
	last      Stamp // the clock of the last change logged (PutEdit's conflicts name it)
	// conflicts is whether some conflict is open, once this transaction looked (0: not yet,
	// 1: none, 2: some): an edit of a field with an open conflict settles it.
	conflicts int8
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

// Context is the context of the Update.
func (tx *Tx) Context() context.Context { return tx.ctx }

// Device is the writing device.
func (tx *Tx) Device() string { return tx.store.device }

// WallNow is this laptop's wall clock as the store's clock reads it (a test may set it).
func (tx *Tx) WallNow() time.Time { return tx.store.hlc.PhysicalNow() }

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

// ExecLocal writes to a local-only table (never to a synced one: those go through Put),
// through the statement cache: replica logs every applied change with it. It runs one
// statement (a prepared statement would silently drop the rest), uncancelled like the
// other statements run row by row: Update checks the context before it commits.
func (tx *Tx) ExecLocal(query string, args ...any) (sql.Result, error) {
	s := tx.store
	if !s.localQ[query] {
		if i := strings.IndexByte(query, ';'); i >= 0 && strings.TrimSpace(query[i+1:]) != "" {
			return nil, fmt.Errorf("exec local: one statement at a time")
		}
		for _, t := range SyncedTables() {
			if strings.Contains(query, " "+t+" ") || strings.Contains(query, `"`+t+`"`) {
				if q := strings.ToUpper(strings.TrimSpace(query)); strings.HasPrefix(q, "INSERT") || strings.HasPrefix(q, "UPDATE") || strings.HasPrefix(q, "DELETE") {
					return nil, fmt.Errorf("exec local: %s is a synced table; use Put", t)
				}
			}
		}
		if s.localQ == nil {
			s.localQ = map[string]bool{}
		}
		if len(s.localQ) < maxPrepared {
			s.localQ[query] = true
		}
	}
	if strings.Contains(query, "sync_conflicts") {
		tx.conflicts = 0 // conflicts may have opened or closed: an edit looks again (settle)
	}
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(tx.rowCtx, args...)
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
// only the fields that differ from the stored row. The change gets a sequence number of
// this device, and the changed fields its clock, in the same statement as their values
// (see record): the next export finds it there. An unchanged Put writes nothing. (Many
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
		if err := tx.insertRun([]NewRow{newRow(ti, v)}); err != nil {
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
	var seq int64
	var err error
	var ct clockText
	var keys [8]string
	var sts [8]Stamp
	var spans [8][2]int
	ct.keys, ct.st, ct.spans = keys[:0], sts[:0], spans[:0]
	if readClockText(clk, &ct) {
		clk, seq, err = tx.stampText(&ct, changed, tx.unsealed)
	} else {
		var clocks rowClocks
		if clocks, err = parseClocks(clk); err == nil {
			clk, seq, err = tx.record(ti, clocks, changed, false, tx.unsealed)
		}
	}
	if err != nil {
		return fmt.Errorf("put %s %s: %w", ti.name, id, err)
	}
	vals := make([]any, len(changed))
	for i, c := range changed {
		vals[i] = v.FieldByIndex(c.index).Interface()
	}
	if err := tx.updateFields(ti, id, changed, vals, clk, seq); err != nil {
		return fmt.Errorf("put %s %s: update: %w", ti.name, id, err)
	}
	return tx.settle(ti, id, changed)
}

// settle closes the open conflicts of the fields cols of row id that this device has just
// written over: both sides were applied here, so the new value replaces both, as every
// other replica concludes from its writer's version vector when it arrives (supersede).
func (tx *Tx) settle(ti *tableInfo, id string, cols []column) error {
	if tx.conflicts == 0 {
		var some bool
		if err := tx.c.QueryRowContext(tx.rowCtx, "SELECT EXISTS(SELECT 1 FROM sync_conflicts WHERE resolved = '')").Scan(&some); err != nil {
			return fmt.Errorf("read conflicts: %w", err)
		}
		tx.conflicts = 1
		if some {
			tx.conflicts = 2
		}
	}
	if tx.conflicts == 1 {
		return nil
	}
	at := tx.store.hlc.PhysicalNow().UTC().Format(time.RFC3339)
	for _, c := range cols {
		if err := tx.execCached("UPDATE sync_conflicts SET resolved = 'superseded', resolved_at = ? WHERE tbl = ? AND row = ? AND field = ? AND resolved = ''",
			at, ti.name, id, c.name); err != nil {
			return fmt.Errorf("settle conflicts of %s %s: %w", ti.name, id, err)
		}
	}
	return nil
}

// updateFields sets the fields cols of row id to vals (both in the table's order), and its
// clocks to clk; with lseq (a change of this device, numbered lseq) also the row's lseq
// column.
func (tx *Tx) updateFields(ti *tableInfo, id string, cols []column, vals []any, clk string, lseq int64) error {
	var set uint64
	for _, c := range cols {
		set |= 1 << c.pos
	}
	args := append(vals, clk)
	if lseq > 0 {
		args = append(args, lseq)
	}
	return tx.execCached(ti.updateOf(set, lseq > 0), append(args, id)...)
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
// It also notes this device's numbering, which comes with the row (see ready).
func (tx *Tx) readRow(ti *tableInfo, id string, dst reflect.Value) (exists bool, clk string, err error) {
	st, err := tx.stmt(ti.selectQ)
	if err != nil {
		return false, "", err
	}
	var reserved int64
	err = st.QueryRowContext(tx.rowCtx, id).Scan(ti.dests(dst, &clk, &reserved)...)
	if errors.Is(err, sql.ErrNoRows) {
		return false, "", nil
	}
	if err != nil {
		return false, "", err
	}
	if !tx.state {
		if err := tx.noteState(reserved); err != nil {
			return false, "", err
		}
	}
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
