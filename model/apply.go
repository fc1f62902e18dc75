package model

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// ApplyResult says what applying one remote change did.
type ApplyResult int

// Outcomes of Applier.Apply.
const (
	ApplyDuplicate ApplyResult = iota // (device, seq) was applied before: nothing done
	ApplyWon                          // the value is now in place
	ApplyLost                         // logged; a newer value stays in place
	ApplyIgnored                      // logged but not applied: the writer may not change this
)

// FutureLimit is how far ahead of this laptop's wall clock a remote change's clock may be
// before the change is flagged (it is still applied, so that replicas converge).
const FutureLimit = time.Hour

// ApplyStats counts what an Applier did.
type ApplyStats struct {
	Applied    int `json:"applied"` // new entries in the log (won + lost + ignored)
	Won        int `json:"won"`
	Lost       int `json:"lost"`
	Ignored    int `json:"ignored"`
	Duplicates int `json:"duplicates"`
	Conflicts  int `json:"conflicts"`
	Flagged    int `json:"flagged"`
}

// Applier applies remote changes inside one Update, with the transaction's prepared
// statements, so applying many changes in one transaction is cheap. Names of tables and
// fields come from an untrusted folder: they are checked against the registry before any
// SQL is built.
type Applier struct {
	tx   *Tx
	now  int64 // wall clock, ms
	open bool  // some conflict is open, so wins may supersede one
	// Permit decides whether the writer of ch may change it (nil permits everything). A
	// change that is not permitted is logged (the device's sequence stays contiguous) but
	// not applied.
	Permit func(ch Change) bool
	// Progress, when set, is told every so many changes how many of a batch were applied.
	Progress func(n int)
	// AuthorWall is the wall clock of the changes' author when it wrote them (Unix ms; 0
	// when unknown: the change's own clock stands in). Only an author whose own clock runs
	// ahead is flagged: a change's clock also runs ahead when its author saw such a laptop.
	AuthorWall int64
	// Own applies this device's own changes, sealed before a backup was restored and
	// recovered from the shared folder (RecoverOwn): every change must be this device's,
	// and none is logged among the other devices' changes (this device's own live in its
	// rows' stamps). Each is applied once: the caller applies the segments after the last
	// this device holds, in order.
	Own   bool
	Stats ApplyStats
}

// NewApplier prepares to apply remote changes in tx.
func (tx *Tx) NewApplier() (*Applier, error) {
	a := &Applier{tx: tx, now: tx.store.hlc.PhysicalNow().UnixMilli()}
	var n int
	if err := tx.Get(&n, "SELECT count(*) FROM sync_conflicts WHERE resolved = ''"); err != nil {
		return nil, fmt.Errorf("apply: read conflicts: %w", err)
	}
	a.open = n > 0
	return a, nil
}

func (a *Applier) exec(q string, args ...any) (sql.Result, error) {
	s, err := a.tx.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(a.tx.rowCtx, args...)
}

// ApplyRemote applies one remote change (see Applier.Apply). deps is the writer's version
// vector when it wrote the change (it may be nil).
func (tx *Tx) ApplyRemote(ch Change, deps map[string]int64) (ApplyResult, error) {
	a, err := tx.NewApplier()
	if err != nil {
		return ApplyDuplicate, err
	}
	return a.Apply(ch, deps)
}

// checked is a change whose names and values were validated.
type checked struct {
	Change
	ti    *tableInfo
	cols  []column        // the changed fields, in the table's order
	vals  []reflect.Value // their values, of the columns' types
	prev  map[string]Writer
	hlc   HLC
	stamp stamp
	whole bool // the change carries every field (it created the row)
}

// check validates a change from the folder against the registry and this device.
func (a *Applier) check(ch Change) (checked, error) {
	c := checked{Change: ch}
	if ch.Device == "" || ch.Seq <= 0 {
		return c, fmt.Errorf("apply: change without a device or sequence")
	}
	if own := ch.Device == a.tx.store.device; own != a.Own {
		if a.Own {
			return c, fmt.Errorf("apply: change %s/%d is not this device's own", ch.Device, ch.Seq)
		}
		return c, fmt.Errorf("apply: change %s/%d claims to come from this device", ch.Device, ch.Seq)
	}
	ti := tables[ch.Table]
	if ti == nil {
		return c, fmt.Errorf("apply: change %s/%d names an unknown table %q", ch.Device, ch.Seq, ch.Table)
	}
	if ch.Row == "" || len(ch.Row) > 200 {
		return c, fmt.Errorf("apply: change %s/%d has an invalid row id", ch.Device, ch.Seq)
	}
	h, err := ParseHLC(ch.HLC)
	if err != nil || h.Device != ch.Device {
		return c, fmt.Errorf("apply: change %s/%d has an invalid clock %q", ch.Device, ch.Seq, ch.HLC)
	}
	vals, err := ch.Values()
	if err != nil {
		return c, fmt.Errorf("apply: %w", err)
	}
	if len(vals) == 0 {
		return c, fmt.Errorf("apply: change %s/%d changes no field", ch.Device, ch.Seq)
	}
	for f := range vals {
		if _, ok := ti.byName[f]; !ok {
			return c, fmt.Errorf("apply: change %s/%d names an unknown field %s.%q", ch.Device, ch.Seq, ch.Table, f)
		}
	}
	// A creation names the row's id and stands for every field, the missing ones at their
	// zero value.
	if raw, ok := vals["id"]; ok {
		var id string
		if err := json.Unmarshal(raw, &id); err != nil || id != ch.Row {
			return c, fmt.Errorf("apply: change %s/%d creates a row other than its own", ch.Device, ch.Seq)
		}
		c.whole = true
	}
	for _, col := range ti.cols[1:] {
		p := reflect.New(col.typ).Elem()
		raw, ok := vals[col.name]
		if !ok && !c.whole {
			continue
		}
		if ok {
			if err := decodeValue(raw, p); err != nil {
				return c, fmt.Errorf("apply: change %s/%d: value of %s.%s: %w", ch.Device, ch.Seq, ch.Table, col.name, err)
			}
		}
		c.cols = append(c.cols, col)
		c.vals = append(c.vals, p)
	}
	if c.prev, err = ch.PrevWriters(); err != nil {
		return c, fmt.Errorf("apply: %w", err)
	}
	c.ti, c.hlc, c.stamp = ti, h, stamp{HLC: ch.HLC, Seq: ch.Seq}
	return c, nil
}

// logRemoteQ logs a change of another device, leaving a (device, seq) already logged as it is.
const logRemoteQ = "INSERT OR IGNORE INTO changes(device, seq, hlc, tbl, row, fields, prev) VALUES(?, ?, ?, ?, ?, ?, ?)"

// logChange stores the change in the log; false when (device, seq) was there already.
func (a *Applier) logChange(c checked) (bool, error) {
	if a.Own {
		a.Stats.Applied++
		a.tx.store.hlc.Observe(c.hlc)
		a.tx.observed, a.tx.changed = true, true
		return true, nil
	}
	res, err := a.exec(logRemoteQ, c.Device, c.Seq, c.HLC, c.Table, c.Row, string(c.Fields), string(c.Prev))
	if err != nil {
		return false, fmt.Errorf("apply %s/%d: log: %w", c.Device, c.Seq, err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return false, nil
	}
	a.Stats.Applied++
	a.tx.store.hlc.Observe(c.hlc)
	a.tx.observed, a.tx.changed = true, true
	wall := c.hlc.Wall
	if a.AuthorWall > 0 {
		wall = a.AuthorWall
	}
	if wall > a.now+FutureLimit.Milliseconds() {
		if _, err := a.exec(`INSERT OR IGNORE INTO sync_flags(device, seq, reason, hlc, seen) VALUES(?, ?, 'future', ?, ?)`,
			c.Device, c.Seq, c.HLC, time.UnixMilli(a.now).UTC().Format(time.RFC3339)); err != nil {
			return false, fmt.Errorf("apply %s/%d: flag: %w", c.Device, c.Seq, err)
		}
		a.Stats.Flagged++
	}
	return true, nil
}

// Apply applies one remote change: idempotent on (device, seq); per field, the last writer
// wins by HLC; when the change and the value in place were written concurrently (the
// writer had not seen the value it competes with) and the values differ, a conflict
// record keeps both. deps is the writer's version vector when it wrote the change (it may
// be nil).
func (a *Applier) Apply(ch Change, deps map[string]int64) (ApplyResult, error) {
	c, err := a.check(ch)
	if err != nil {
		return ApplyDuplicate, err
	}
	fresh, err := a.logChange(c)
	if err != nil || !fresh {
		if err == nil {
			a.Stats.Duplicates++
		}
		return ApplyDuplicate, err
	}
	if a.Permit != nil && !a.Permit(c.Change) {
		a.Stats.Ignored++
		return ApplyIgnored, nil
	}
	row := reflect.New(c.ti.typ).Elem()
	if c.whole {
		// A creation usually meets no row (ids are random; only rows named by what they
		// hold, such as settings, are created twice): try the insert first, and read the
		// row only when it is there already.
		created, err := a.create(c, row, true)
		if err != nil || created {
			return ApplyWon, err
		}
		row = reflect.New(c.ti.typ).Elem()
	}
	exists, clk, err := a.tx.readRow(c.ti, c.Row, row)
	if err != nil {
		return ApplyDuplicate, fmt.Errorf("apply %s/%d: read %s %s: %w", c.Device, c.Seq, c.Table, c.Row, err)
	}
	if !exists {
		_, err := a.create(c, row, false)
		return ApplyWon, err
	}
	clocks, err := parseClocks(clk)
	if err != nil {
		return ApplyDuplicate, fmt.Errorf("apply %s/%d: %w", c.Device, c.Seq, err)
	}
	var won []int // indexes into c.cols
	for i, col := range c.cols {
		cur := clocks.of(col.name)
		local, lerr := ParseHLC(cur.HLC)
		if cur.HLC == "" {
			local, lerr = HLC{}, nil
		}
		if lerr != nil {
			return ApplyDuplicate, fmt.Errorf("apply: stored clock of %s.%s: %w", c.Table, col.name, lerr)
		}
		cmp := c.hlc.Compare(local)
		wins := cmp > 0 || (cmp == 0 && c.Seq > cur.Seq)
		// The writer saw the value in place exactly when it names it as the value it
		// replaced (causal delivery guarantees that everything it saw is here); a losing
		// change was never written after the value in place, or its clock would be later.
		causal := c.prev[col.name] == cur.writer()
		if causal && wins && a.open {
			if err := a.supersede(c, col.name, deps); err != nil {
				return ApplyDuplicate, err
			}
		}
		// A writer that replaces its own side of an open conflict (or a value that side
		// replaced) moves the conflict on to its new value: a conflict shows the values
		// in place now, not one nobody holds any more.
		followed := false
		if a.open {
			if followed, err = a.follow(c, i, wins); err != nil {
				return ApplyDuplicate, err
			}
		}
		if !followed && !causal && wins && a.open {
			// c takes the place of a value that is a side of other open conflicts (even
			// with the same value): they follow it, so that every conflict shows the
			// value in place.
			if err := a.replaceSide(c, i, cur.writer()); err != nil {
				return ApplyDuplicate, err
			}
		}
		if !followed && (!causal || !wins) && !equalValue(row.FieldByIndex(col.index), c.vals[i]) {
			if err := a.conflict(c, i, row.FieldByIndex(col.index), cur, wins); err != nil {
				return ApplyDuplicate, err
			}
		}
		if !wins {
			continue
		}
		if err := a.keepLost(c, i, row.FieldByIndex(col.index), cur); err != nil {
			return ApplyDuplicate, err
		}
		won = append(won, i)
	}
	if err := a.deleteAgainstEdit(c, row, clocks, won, deps); err != nil {
		return ApplyDuplicate, err
	}
	if len(won) == 0 {
		a.Stats.Lost++
		return ApplyLost, nil
	}
	names := make([]string, len(won))
	cols := make([]column, len(won))
	vals := make([]any, len(won))
	for k, i := range won {
		names[k], cols[k], vals[k] = c.cols[i].name, c.cols[i], c.vals[i].Interface()
	}
	clocks.set(c.stamp, names, c.ti)
	if err := a.tx.updateFields(c.ti, c.Row, cols, vals, clocks.encode(), 0); err != nil {
		return ApplyDuplicate, fmt.Errorf("apply %s/%d: write %s %s: %w", c.Device, c.Seq, c.Table, c.Row, err)
	}
	a.Stats.Won++
	return ApplyWon, nil
}

// create makes the row a change is the first to write here: its fields, the rest at their
// zero values (which every replica creates the row with). With unlessThere it does
// nothing, and says so, when the row exists.
func (a *Applier) create(c checked, row reflect.Value, unlessThere bool) (bool, error) {
	row.FieldByIndex(c.ti.cols[0].index).SetString(c.Row)
	names := make([]string, len(c.cols))
	for i, col := range c.cols {
		row.FieldByIndex(col.index).Set(c.vals[i])
		names[i] = col.name
	}
	clocks := rowClocks{}
	clocks.set(c.stamp, names, c.ti)
	set, args := boundColumns(c.ti, row)
	q := c.ti.insertOf(set)
	if unlessThere {
		q += " ON CONFLICT(id) DO NOTHING"
	}
	res, err := a.exec(q, append(args, clocks.encode(), 0)...)
	if err != nil {
		return false, fmt.Errorf("apply %s/%d: create %s %s: %w", c.Device, c.Seq, c.Table, c.Row, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	a.Stats.Won++
	return true, nil
}

// keepLost keeps the value of col that c overwrites here when it is a change of this
// device that no segment holds yet: the row no longer has it, but the other laptops must
// still receive it, or only this one would know of the conflict (see own_lost).
func (a *Applier) keepLost(c checked, i int, local reflect.Value, cur stamp) error {
	col := c.cols[i]
	if cur.writer().Device != a.tx.store.device || equalValue(local, c.vals[i]) {
		return nil
	}
	if err := a.tx.ready(); err != nil {
		return err
	}
	if cur.Seq <= a.tx.sealed {
		return nil
	}
	v, err := appendValue(nil, local)
	if err != nil {
		return fmt.Errorf("apply %s/%d: keep this device's value of %s: %w", c.Device, c.Seq, col.name, err)
	}
	if _, err := a.exec("INSERT OR REPLACE INTO own_lost(seq, hlc, tbl, row, field, value, base_device, base_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		cur.Seq, cur.HLC, c.Table, c.Row, col.name, string(v), cur.Base.Device, cur.Base.Seq); err != nil {
		return fmt.Errorf("apply %s/%d: keep this device's value of %s: %w", c.Device, c.Seq, col.name, err)
	}
	a.tx.stamped = true // a change of this device waits to leave: the store is not quiet
	return nil
}

// ApplyBatch applies a run of changes of one writer (a segment) in order, with the rules of
// Apply.
func (a *Applier) ApplyBatch(chs []Change, deps map[string]int64) error {
	for i, ch := range chs {
		if i%256 == 0 {
			if err := a.tx.ctx.Err(); err != nil {
				return err
			}
			if a.Progress != nil && i > 0 {
				a.Progress(i)
			}
		}
		if _, err := a.Apply(ch, deps); err != nil {
			return err
		}
	}
	return nil
}
