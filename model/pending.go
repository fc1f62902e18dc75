// What an export reads: the changes of this device that no segment holds yet, built from
// the rows (and from own_lost), and the seal that records a segment holds them.

package model

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

// change is one change of this device still in place in a row: its stamp, whether it
// created the row, and the fields that still hold its values.
type change struct {
	Stamp
	creation bool
	cols     []column
}

// changes lists the changes of this device that no segment holds yet among a row's
// clocks, by sequence number.
func (o ownLog) changes(ti *tableInfo, clocks rowClocks) map[int64]*change {
	var out map[int64]*change
	add := func(st Stamp, creation bool, c *column) {
		if !o.unsealed(st.Writer()) {
			return
		}
		if out == nil {
			out = map[int64]*change{}
		}
		ch := out[st.Seq]
		if ch == nil {
			ch = &change{Stamp: st, creation: creation}
			out[st.Seq] = ch
		}
		if c != nil {
			ch.cols = append(ch.cols, *c)
		}
	}
	// A creation creates the row even when every field was written again since.
	if st, ok := clocks[wholeRow]; ok {
		add(st, true, nil)
	}
	for i := range ti.cols[1:] {
		c := &ti.cols[1+i]
		if st, own := clocks[c.name]; own {
			add(st, false, c)
		} else if st, ok := clocks[wholeRow]; ok {
			add(st, true, c)
		}
	}
	return out
}

// PendingChanges lists the changes of this device that no segment holds yet, as the
// entries a segment carries, in the order they were made, and the first sequence number
// the segment covers (the one after the last sealed). Numbers the list skips were changes
// written over again since, by this device: their values never leave the laptop. A
// creation carries the fields that still hold its values; the others are set by the later
// entries, in the same segment (a segment is applied in one transaction, so rows referred
// to are there at its end).
func (tx *Tx) PendingChanges() ([]Change, int64, error) {
	if err := tx.ready(); err != nil {
		return nil, 0, err
	}
	var ver int64
	if err := tx.c.GetContext(tx.rowCtx, &ver, "PRAGMA data_version"); err != nil {
		return nil, 0, fmt.Errorf("read data version: %w", err)
	}
	if s := tx.store; s.quiet && ver == s.quietVer && !tx.stamped {
		return nil, tx.sealed + 1, nil
	}
	var out []Change
	for _, name := range SyncedTables() {
		ti := tables[name]
		rows, err := tx.c.QueryContext(tx.rowCtx, ti.pendingQ, tx.sealed)
		if err != nil {
			return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
		}
		for n := 0; rows.Next(); n++ {
			if n%1024 == 1023 {
				if err := tx.ctx.Err(); err != nil {
					rows.Close()
					return nil, 0, err
				}
			}
			v := reflect.New(ti.typ).Elem()
			var clk string
			err := rows.Scan(ti.dests(v, &clk)...)
			var clocks rowClocks
			if err == nil {
				clocks, err = parseClocks(clk)
			}
			var chs []Change
			if err == nil {
				chs, err = tx.entries(ti, v, clocks)
			}
			if err != nil {
				rows.Close()
				return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
			}
			out = append(out, chs...)
		}
		if err := rows.Close(); err != nil {
			return nil, 0, fmt.Errorf("read changes of %s: %w", name, err)
		}
		if err := tx.ctx.Err(); err != nil {
			return nil, 0, err
		}
	}
	out, err := tx.withLost(out)
	if err != nil {
		return nil, 0, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	tx.listed, tx.listedVer, tx.covered = tx.sealed, ver, len(out) == 0
	if len(out) > 0 {
		tx.listed = out[len(out)-1].Seq
	}
	return out, tx.sealed + 1, nil
}

// lostValue is a value of a change of this device that a concurrent change overwrote here
// before any segment held it (own_lost).
type lostValue struct {
	Seq        int64   `db:"seq"`
	HLC        string  `db:"hlc"`
	Table      string  `db:"tbl"`
	Row        string  `db:"row"`
	Field      string  `db:"field"`
	Value      RawJSON `db:"value"`
	BaseDevice string  `db:"base_device"`
	BaseSeq    int64   `db:"base_seq"`
}

// withLost adds to out (the entries of the changes still in their rows) the values of this
// device's unsealed changes that concurrent changes overwrote here: each joins the entry of
// its change, or makes one when nothing of that change is in place any more.
func (tx *Tx) withLost(out []Change) ([]Change, error) {
	var lost []lostValue
	if err := tx.c.SelectContext(tx.rowCtx, &lost, "SELECT seq, hlc, tbl, row, field, value, base_device, base_seq FROM own_lost WHERE seq > ? ORDER BY seq, tbl, row, field", tx.sealed); err != nil {
		return nil, fmt.Errorf("read overwritten changes: %w", err)
	}
	if len(lost) == 0 {
		return out, nil
	}
	bySeq := map[int64]int{}
	for i, c := range out {
		bySeq[c.Seq] = i
	}
	for _, l := range lost {
		i, ok := bySeq[l.Seq]
		if !ok {
			out = append(out, Change{Device: tx.store.device, Seq: l.Seq, HLC: l.HLC, Table: l.Table, Row: l.Row})
			i = len(out) - 1
			bySeq[l.Seq] = i
		}
		c := &out[i]
		if c.Table != l.Table || c.Row != l.Row {
			return nil, fmt.Errorf("read overwritten changes: change %d wrote two rows", l.Seq)
		}
		var err error
		if c.Fields, err = withKey(c.Fields, l.Field, json.RawMessage(l.Value)); err != nil {
			return nil, fmt.Errorf("read overwritten changes: %w", err)
		}
		if l.BaseDevice != "" {
			b, _ := json.Marshal(Writer{Device: l.BaseDevice, Seq: l.BaseSeq})
			if c.Prev, err = withKey(c.Prev, l.Field, b); err != nil {
				return nil, fmt.Errorf("read overwritten changes: %w", err)
			}
		}
	}
	return out, nil
}

// withKey adds key: value to the JSON object obj (empty: a new object).
func withKey(obj RawJSON, key string, value json.RawMessage) (RawJSON, error) {
	m := map[string]json.RawMessage{}
	if len(obj) > 0 {
		if err := json.Unmarshal(obj, &m); err != nil {
			return nil, err
		}
	}
	m[key] = value
	b, err := json.Marshal(m)
	return RawJSON(b), err
}

// entries makes the entries of the unsealed changes of row v of ti.
func (tx *Tx) entries(ti *tableInfo, v reflect.Value, clocks rowClocks) ([]Change, error) {
	id := v.FieldByIndex(ti.cols[0].index).String()
	var out []Change
	for seq, ch := range (ownLog{tx.store.device, tx.sealed}).changes(ti, clocks) {
		cols := ch.cols
		if ch.creation {
			cols = append([]column{ti.cols[0]}, cols...)
		}
		fields, err := encodeFields(v, cols, ch.creation)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", ti.name, id, err)
		}
		var prev []byte
		for _, c := range ch.cols {
			if ch.creation {
				break // a creation replaces nothing
			}
			b := clocks[c.name].Base
			if b.IsZero() {
				continue
			}
			if prev == nil {
				prev = append(prev, '{')
			} else {
				prev = append(prev, ',')
			}
			prev = appendJSONString(prev, c.name)
			prev = appendPair(append(prev, ':'), b.Device, b.Seq)
		}
		if prev != nil {
			prev = append(prev, '}')
		}
		out = append(out, Change{Device: tx.store.device, Seq: seq, HLC: ch.HLC, Table: ti.name, Row: id, Fields: fields, Prev: prev})
	}
	return out, nil
}

// Seal records that a segment holds this device's changes up to last (PendingChanges
// listed them): a later edit of a field they carry names them as the value it replaces.
func (tx *Tx) Seal(last int64) error {
	if err := tx.ready(); err != nil {
		return err
	}
	if last < tx.sealed {
		return fmt.Errorf("seal changes up to %d: changes up to %d are sealed already", last, tx.sealed)
	}
	// reserved moves by one, so that another process on this file notices (noteState).
	if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET sealed = ?, reserved = reserved + 1, hlc = max(hlc, ?)",
		last, tx.store.hlc.Last().String()); err != nil {
		return fmt.Errorf("seal changes up to %d: %w", last, err)
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "DELETE FROM own_lost WHERE seq <= ?", last); err != nil {
		return fmt.Errorf("seal changes up to %d: %w", last, err)
	}
	s := tx.store
	tx.sealed, s.sealed, tx.reserved = last, last, true
	s.limit++ // ready made it log_state's
	if tx.listed >= 0 && last >= tx.listed {
		tx.covered = true
	}
	return nil
}

// RecoverOwn records that this device's own changes up to last, sealed before the backup
// this database was restored from, are back in its rows (Applier.Own): they count as
// sealed, and no number up to last is issued again.
func (tx *Tx) RecoverOwn(last int64) error {
	if err := tx.ready(); err != nil {
		return err
	}
	if last <= tx.sealed {
		return nil
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET sealed = ?, reserved = max(reserved, ?) + 1, hlc = max(hlc, ?)",
		last, last, tx.store.hlc.Last().String()); err != nil {
		return fmt.Errorf("recover own changes up to %d: %w", last, err)
	}
	tx.sealed, tx.store.sealed = last, last
	tx.store.limit = -1 // read log_state again before the next number
	return nil
}

// SkipNumbers moves this device's numbering n numbers on: a database restored from a
// backup does not know the numbers it issued after the backup, which the shared folder
// may hold; those it issues now must not be the same.
func (tx *Tx) SkipNumbers(n int64) error {
	if err := tx.ready(); err != nil {
		return err
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET reserved = reserved + ?", n); err != nil {
		return fmt.Errorf("skip numbers: %w", err)
	}
	tx.store.limit = -1
	return nil
}

// Numbering is this device's numbering of its changes as the database holds it.
type Numbering struct {
	Reserved int64 `db:"reserved"` // every number issued is at most this
	Sealed   int64 `db:"sealed"`   // segments hold the changes up to this
}

// ReadNumbering reads this device's numbering.
func ReadNumbering(q Querier) (Numbering, error) {
	var n Numbering
	if err := q.Get(&n, "SELECT reserved, sealed FROM log_state"); err != nil {
		return n, fmt.Errorf("read numbering: %w", err)
	}
	return n, nil
}

// PendingCount counts the changes of this device that no segment holds yet (what
// PendingChanges would list), for the status of sync.
func (s *Store) PendingCount(ctx context.Context) (int, error) {
	if s.isQuiet(ctx) {
		return 0, nil
	}
	num, err := ReadNumbering(s.r)
	if err != nil {
		return 0, err
	}
	o := ownLog{s.device, num.Sealed}
	n := 0
	for _, name := range SyncedTables() {
		ti := tables[name]
		var clks []string
		if err := s.r.SelectContext(ctx, &clks, fmt.Sprintf("SELECT clk FROM %s WHERE lseq > ?", quoteIdent(name)), o.sealed); err != nil {
			return 0, fmt.Errorf("count changes of %s: %w", name, err)
		}
		for _, clk := range clks {
			clocks, err := parseClocks(clk)
			if err != nil {
				return 0, fmt.Errorf("count changes of %s: %w", name, err)
			}
			n += len(o.changes(ti, clocks))
		}
	}
	var lost int
	if err := s.r.GetContext(ctx, &lost, "SELECT count(DISTINCT seq) FROM own_lost WHERE seq > ?", o.sealed); err != nil {
		return 0, fmt.Errorf("count overwritten changes: %w", err)
	}
	return n + lost, nil
}

// isQuiet reports whether no change of this device can be waiting in the rows (quiet).
func (s *Store) isQuiet(ctx context.Context) bool {
	if s.lock(ctx) != nil {
		return false // busy: the caller counts instead
	}
	defer s.unlock()
	if !s.quiet {
		return false
	}
	var ver int64
	err := s.wc.QueryRowContext(ctx, "PRAGMA data_version").Scan(&ver)
	return err == nil && ver == s.quietVer
}
