// What applying another device's change needs from the store: the change checked against
// the registry, the row it meets with the clock of each field, and the writes of the
// fields it wins. Which value wins, what is a conflict and what a writer may change are
// internal/replica's rules (its Applier); rows, their clocks and this device's own log
// are the store's, so they are read and written here.

package model

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Incoming is a change of another device whose table, row, clock, fields and values were
// checked against the registry (DecodeChange). Names from a shared folder are untrusted:
// no SQL is built from a change before this check.
type Incoming struct {
	Change
	Clock    HLC               // the change's clock, parsed
	Names    []string          // the fields it writes, in the table's order (a creation: every field)
	Replaced map[string]Writer // the writer of the value each field replaced, as the change says
	Whole    bool              // it creates the row: the fields it leaves out are at their zero value

	ti   *tableInfo
	cols []column
	vals []reflect.Value // the values of Names, of their columns' types
}

// DecodeChange checks a change read from the shared folder: a known table, a row id, a clock
// that names the change's device, known fields with values of their columns' types, and a
// creation that creates its own row. Who may write it is not checked here.
func DecodeChange(ch Change) (*Incoming, error) {
	in := &Incoming{Change: ch}
	if ch.Device == "" || ch.Seq <= 0 {
		return nil, fmt.Errorf("apply: change without a device or sequence")
	}
	ti := tables[ch.Table]
	if ti == nil {
		return nil, fmt.Errorf("apply: change %s/%d names an unknown table %q", ch.Device, ch.Seq, ch.Table)
	}
	if ch.Row == "" || len(ch.Row) > 200 {
		return nil, fmt.Errorf("apply: change %s/%d has an invalid row id", ch.Device, ch.Seq)
	}
	// The clock must be written as this program writes it (replicas compare clocks as text
	// too), its wall within MaxWall.
	h, err := ParseHLC(ch.HLC)
	if err != nil || h.Device != ch.Device || h.String() != ch.HLC || h.Wall < 0 || h.Wall > MaxWall {
		return nil, fmt.Errorf("apply: change %s/%d has an invalid clock %q", ch.Device, ch.Seq, ch.HLC)
	}
	vals, err := ch.Values()
	if err != nil {
		return nil, fmt.Errorf("apply: %w", err)
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("apply: change %s/%d changes no field", ch.Device, ch.Seq)
	}
	for f := range vals {
		if _, ok := ti.byName[f]; !ok {
			return nil, fmt.Errorf("apply: change %s/%d names an unknown field %s.%q", ch.Device, ch.Seq, ch.Table, f)
		}
	}
	// A creation names the row's id and stands for every field, the missing ones at their
	// zero value.
	if raw, ok := vals["id"]; ok {
		var id string
		if err := json.Unmarshal(raw, &id); err != nil || id != ch.Row {
			return nil, fmt.Errorf("apply: change %s/%d creates a row other than its own", ch.Device, ch.Seq)
		}
		in.Whole = true
	}
	for _, col := range ti.cols[1:] {
		p := reflect.New(col.typ).Elem()
		raw, ok := vals[col.name]
		if !ok && !in.Whole {
			continue
		}
		if ok {
			if err := decodeValue(raw, p); err != nil {
				return nil, fmt.Errorf("apply: change %s/%d: value of %s.%s: %w", ch.Device, ch.Seq, ch.Table, col.name, err)
			}
		}
		in.cols = append(in.cols, col)
		in.vals = append(in.vals, p)
		in.Names = append(in.Names, col.name)
	}
	if in.Replaced, err = ch.PrevWriters(); err != nil {
		return nil, fmt.Errorf("apply: %w", err)
	}
	in.ti, in.Clock = ti, h
	return in, nil
}

// Stamp is the clock the fields in writes take.
func (in *Incoming) Stamp() Stamp { return Stamp{HLC: in.HLC, Seq: in.Seq} }

// Value is the JSON of the value in writes to field i of Names.
func (in *Incoming) Value(i int) (RawJSON, error) { return appendValue(nil, in.vals[i]) }

// IsTrue reports whether in sets field i of Names to true.
func (in *Incoming) IsTrue(i int) bool {
	v := in.vals[i]
	return v.Kind() == reflect.Bool && v.Bool()
}

// Columns are the fields of in's table, its id aside, in the table's order.
func (in *Incoming) Columns() []string { return TableColumns(in.Table)[1:] }

// HasField reports whether in's table has the field.
func (in *Incoming) HasField(field string) bool {
	_, ok := in.ti.byName[field]
	return ok
}

// Target is the row an incoming change meets: its values and the clock of each field.
type Target struct {
	v      reflect.Value
	clocks rowClocks
}

// ReadTarget reads the row in writes, with its field clocks; nil when there is no such row.
func (tx *Tx) ReadTarget(in *Incoming) (*Target, error) {
	t := &Target{v: reflect.New(in.ti.typ).Elem()}
	exists, clk, err := tx.readRow(in.ti, in.Row, t.v)
	if err != nil {
		return nil, fmt.Errorf("apply %s/%d: read %s %s: %w", in.Device, in.Seq, in.Table, in.Row, err)
	}
	if !exists {
		return nil, nil
	}
	if t.clocks, err = parseClocks(clk); err != nil {
		return nil, fmt.Errorf("apply %s/%d: %w", in.Device, in.Seq, err)
	}
	return t, nil
}

// Clock is the clock of field's value (the zero Stamp when it was never written).
func (t *Target) Clock(field string) Stamp { return t.clocks.of(field) }

// Same reports whether the row holds the value in writes to field i of Names.
func (t *Target) Same(in *Incoming, i int) bool {
	return equalValue(t.v.FieldByIndex(in.cols[i].index), in.vals[i])
}

// Value is the JSON of the row's value of field i of in's Names.
func (t *Target) Value(in *Incoming, i int) (RawJSON, error) {
	return appendValue(nil, t.v.FieldByIndex(in.cols[i].index))
}

// IsTrue reports whether the row's field (of in's table) holds true.
func (t *Target) IsTrue(in *Incoming, field string) bool {
	c, ok := in.ti.byName[field]
	if !ok {
		return false
	}
	v := t.v.FieldByIndex(c.index)
	return v.Kind() == reflect.Bool && v.Bool()
}

// CreateRemote creates the row in is the first change to write here (the fields it leaves
// out at their zero values, which every replica creates the row with). With unlessThere it
// does nothing, and says so, when the row exists.
func (tx *Tx) CreateRemote(in *Incoming, unlessThere bool) (bool, error) {
	row := reflect.New(in.ti.typ).Elem()
	row.FieldByIndex(in.ti.cols[0].index).SetString(in.Row)
	for i, col := range in.cols {
		row.FieldByIndex(col.index).Set(in.vals[i])
	}
	clocks := rowClocks{}
	clocks.set(in.Stamp(), in.Names, in.ti)
	set, args := boundColumns(in.ti, row)
	q := in.ti.insertOf(set)
	if unlessThere {
		q += " ON CONFLICT(id) DO NOTHING"
	}
	st, err := tx.stmt(q)
	if err != nil {
		return false, err
	}
	res, err := st.ExecContext(tx.rowCtx, append(args, clocks.encode(), 0)...)
	if err != nil {
		return false, fmt.Errorf("apply %s/%d: create %s %s: %w", in.Device, in.Seq, in.Table, in.Row, err)
	}
	n, err := res.RowsAffected()
	return err == nil && n > 0, err
}

// WriteRemote writes the fields won (indexes into in.Names) of row t with in's values and
// clock. A value it replaces that is a change of this device no segment holds yet is kept
// in own_lost: the row no longer has it, but the other laptops must still receive it, or
// only this one would know of the conflict.
func (tx *Tx) WriteRemote(in *Incoming, t *Target, won []int) error {
	names := make([]string, len(won))
	cols := make([]column, len(won))
	vals := make([]any, len(won))
	for k, i := range won {
		if err := tx.keepLost(in, i, t); err != nil {
			return err
		}
		names[k], cols[k], vals[k] = in.Names[i], in.cols[i], in.vals[i].Interface()
	}
	t.clocks.set(in.Stamp(), names, in.ti)
	if err := tx.updateFields(in.ti, in.Row, cols, vals, t.clocks.encode(), 0); err != nil {
		return fmt.Errorf("apply %s/%d: write %s %s: %w", in.Device, in.Seq, in.Table, in.Row, err)
	}
	return nil
}

// keepLost keeps field i of t that in overwrites when this device wrote it and no segment
// holds it yet (see WriteRemote).
func (tx *Tx) keepLost(in *Incoming, i int, t *Target) error {
	col := in.cols[i]
	cur := t.clocks.of(col.name)
	local := t.v.FieldByIndex(col.index)
	if cur.Writer().Device != tx.store.device || equalValue(local, in.vals[i]) {
		return nil
	}
	if err := tx.ready(); err != nil {
		return err
	}
	if cur.Seq <= tx.sealed {
		return nil
	}
	v, err := appendValue(nil, local)
	if err != nil {
		return fmt.Errorf("apply %s/%d: keep this device's value of %s: %w", in.Device, in.Seq, col.name, err)
	}
	if err := tx.execCached("INSERT OR REPLACE INTO own_lost(seq, hlc, tbl, row, field, value, base_device, base_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		cur.Seq, cur.HLC, in.Table, in.Row, col.name, string(v), cur.Base.Device, cur.Base.Seq); err != nil {
		return fmt.Errorf("apply %s/%d: keep this device's value of %s: %w", in.Device, in.Seq, col.name, err)
	}
	tx.stamped = true // a change of this device waits to leave: the store is not quiet
	return nil
}

// Observe takes a remote change's clock into this device's clock (the next change here is
// later than every change applied), persisted when the Update commits.
func (tx *Tx) Observe(h HLC) {
	tx.store.hlc.Observe(h)
	tx.observed, tx.changed = true, true
}
