package model

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
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

// Applier applies remote changes inside one Update. It keeps prepared statements, so
// applying many changes in one transaction is cheap. Names of tables and fields come from
// an untrusted folder: they are checked against the registry before any SQL is built.
type Applier struct {
	tx    *Tx
	stmts map[string]*sql.Stmt
	now   int64 // wall clock, ms
	open  bool  // some conflict is open, so wins may supersede one
	// Permit decides whether the writer of ch may change it (nil permits everything). A
	// change that is not permitted is logged (the device's sequence stays contiguous) but
	// not applied.
	Permit func(ch Change) bool
	Stats  ApplyStats
}

// NewApplier prepares to apply remote changes in tx.
func (tx *Tx) NewApplier() (*Applier, error) {
	a := &Applier{tx: tx, stmts: map[string]*sql.Stmt{}, now: tx.store.hlc.PhysicalNow().UnixMilli()}
	var n int
	if err := tx.Get(&n, "SELECT count(*) FROM sync_conflicts WHERE resolved = ''"); err != nil {
		return nil, fmt.Errorf("apply: read conflicts: %w", err)
	}
	a.open = n > 0
	return a, nil
}

// Close releases the prepared statements.
func (a *Applier) Close() {
	for _, s := range a.stmts {
		s.Close()
	}
	a.stmts = map[string]*sql.Stmt{}
}

func (a *Applier) stmt(q string) (*sql.Stmt, error) {
	if s, ok := a.stmts[q]; ok {
		return s, nil
	}
	s, err := a.tx.tx.PrepareContext(a.tx.ctx, q)
	if err != nil {
		return nil, err
	}
	a.stmts[q] = s
	return s, nil
}

func (a *Applier) exec(q string, args ...any) (sql.Result, error) {
	s, err := a.stmt(q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(a.tx.ctx, args...)
}

// ApplyRemote applies one remote change (see Applier.Apply). deps is the writer's version
// vector when it wrote the change (it may be nil).
func (tx *Tx) ApplyRemote(ch Change, deps map[string]int64) (ApplyResult, error) {
	a, err := tx.NewApplier()
	if err != nil {
		return ApplyDuplicate, err
	}
	defer a.Close()
	return a.Apply(ch, deps)
}

// checked is a change whose names and value were validated.
type checked struct {
	Change
	ti    *tableInfo
	col   column
	val   any    // Go value to bind
	canon []byte // canonical JSON of the value
	hlc   HLC
}

// check validates a change from the folder against the registry and this device.
func (a *Applier) check(ch Change) (checked, error) {
	c := checked{Change: ch}
	if ch.Device == "" || ch.Seq <= 0 {
		return c, fmt.Errorf("apply: change without a device or sequence")
	}
	if ch.Device == a.tx.store.device {
		return c, fmt.Errorf("apply: change %s/%d claims to come from this device", ch.Device, ch.Seq)
	}
	ti := tables[ch.Table]
	if ti == nil {
		return c, fmt.Errorf("apply: change %s/%d names an unknown table %q", ch.Device, ch.Seq, ch.Table)
	}
	col, ok := ti.byName[ch.Field]
	if !ok || ch.Field == "id" {
		return c, fmt.Errorf("apply: change %s/%d names an unknown field %s.%q", ch.Device, ch.Seq, ch.Table, ch.Field)
	}
	if ch.Row == "" || len(ch.Row) > 200 {
		return c, fmt.Errorf("apply: change %s/%d has an invalid row id", ch.Device, ch.Seq)
	}
	h, err := ParseHLC(ch.HLC)
	if err != nil || h.Device != ch.Device {
		return c, fmt.Errorf("apply: change %s/%d has an invalid clock %q", ch.Device, ch.Seq, ch.HLC)
	}
	p := reflect.New(col.typ)
	if err := json.Unmarshal(ch.Value, p.Interface()); err != nil {
		return c, fmt.Errorf("apply: change %s/%d: value of %s.%s: %w", ch.Device, ch.Seq, ch.Table, ch.Field, err)
	}
	canon, err := json.Marshal(p.Elem().Interface())
	if err != nil {
		return c, fmt.Errorf("apply: change %s/%d: %w", ch.Device, ch.Seq, err)
	}
	c.ti, c.col, c.val, c.canon, c.hlc = ti, col, p.Elem().Interface(), canon, h
	return c, nil
}

// logChange stores the change in the log; false when (device, seq) was there already.
func (a *Applier) logChange(c checked) (bool, error) {
	res, err := a.exec(`INSERT OR IGNORE INTO changes(device, seq, hlc, tbl, row, field, value, prev_device, prev_seq)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Device, c.Seq, c.HLC, c.Table, c.Row, c.Field, string(c.canon), c.PrevDevice, c.PrevSeq)
	if err != nil {
		return false, fmt.Errorf("apply %s/%d: log: %w", c.Device, c.Seq, err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return false, nil
	}
	a.Stats.Applied++
	a.tx.store.hlc.Observe(c.hlc)
	a.tx.markChanged()
	if c.hlc.Wall > a.now+FutureLimit.Milliseconds() {
		if _, err := a.exec(`INSERT OR IGNORE INTO sync_flags(device, seq, reason, hlc, seen) VALUES(?, ?, 'future', ?, ?)`,
			c.Device, c.Seq, c.HLC, time.UnixMilli(a.now).UTC().Format(time.RFC3339)); err != nil {
			return false, fmt.Errorf("apply %s/%d: flag: %w", c.Device, c.Seq, err)
		}
		a.Stats.Flagged++
	}
	return true, nil
}

func (a *Applier) setField(c checked) error {
	q := fmt.Sprintf("UPDATE %s SET %s = ? WHERE id = ?", quoteIdent(c.ti.name), quoteIdent(c.col.name))
	if _, err := a.exec(q, c.val, c.Row); err != nil {
		return fmt.Errorf("apply %s/%d: write %s.%s: %w", c.Device, c.Seq, c.Table, c.Field, err)
	}
	_, err := a.exec(`INSERT INTO clocks(tbl, row, field, hlc, device, seq) VALUES(?, ?, ?, ?, ?, ?)
		ON CONFLICT(tbl, row, field) DO UPDATE SET hlc = excluded.hlc, device = excluded.device, seq = excluded.seq`,
		c.Table, c.Row, c.Field, c.HLC, c.Device, c.Seq)
	if err != nil {
		return fmt.Errorf("apply %s/%d: clock: %w", c.Device, c.Seq, err)
	}
	return nil
}

// Apply applies one remote change: idempotent on (device, seq); per-field last writer wins
// by HLC; when the change and the value in place were written concurrently (the writer had
// not seen the value it competes with) and the values differ, a conflict record keeps both.
func (a *Applier) Apply(ch Change, deps map[string]int64) (ApplyResult, error) {
	c, err := a.check(ch)
	if err != nil {
		return ApplyDuplicate, err
	}
	return a.apply(c, deps)
}

func (a *Applier) apply(c checked, deps map[string]int64) (ApplyResult, error) {
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
	var cur struct {
		HLC    string `db:"hlc"`
		Device string `db:"device"`
		Seq    int64  `db:"seq"`
	}
	s, err := a.stmt("SELECT hlc, device, seq FROM clocks WHERE tbl = ? AND row = ? AND field = ?")
	if err != nil {
		return ApplyDuplicate, fmt.Errorf("apply: %w", err)
	}
	err = s.QueryRowContext(a.tx.ctx, c.Table, c.Row, c.Field).Scan(&cur.HLC, &cur.Device, &cur.Seq)
	if errors.Is(err, sql.ErrNoRows) {
		// First value of this field here: make the row with its defaults if needed.
		q := fmt.Sprintf("INSERT OR IGNORE INTO %s (id) VALUES (?)", quoteIdent(c.ti.name))
		if _, err := a.exec(q, c.Row); err != nil {
			return ApplyDuplicate, fmt.Errorf("apply %s/%d: create %s %s: %w", c.Device, c.Seq, c.Table, c.Row, err)
		}
		if err := a.setField(c); err != nil {
			return ApplyDuplicate, err
		}
		a.Stats.Won++
		return ApplyWon, nil
	}
	if err != nil {
		return ApplyDuplicate, fmt.Errorf("apply %s/%d: read clock: %w", c.Device, c.Seq, err)
	}
	local, err := ParseHLC(cur.HLC)
	if err != nil {
		return ApplyDuplicate, fmt.Errorf("apply: stored clock: %w", err)
	}
	cmp := c.hlc.Compare(local)
	wins := cmp > 0 || (cmp == 0 && c.Seq > cur.Seq)
	// The writer saw the value in place exactly when it names it as the value it replaced
	// (causal delivery guarantees that everything it saw is here); a losing change was never
	// written after the value in place, or its clock would be later.
	causal := c.PrevDevice == cur.Device && c.PrevSeq == cur.Seq
	if !causal || !wins {
		localVal, err := a.readField(c)
		if err != nil {
			return ApplyDuplicate, err
		}
		if !bytes.Equal(localVal, c.canon) {
			winner := "local"
			if wins {
				winner = "incoming"
			}
			if _, err := a.exec(`INSERT INTO sync_conflicts(tbl, row, field, local_device, local_seq, local_hlc, local_value,
				incoming_device, incoming_seq, incoming_hlc, incoming_value, winner, detected) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				c.Table, c.Row, c.Field, cur.Device, cur.Seq, cur.HLC, string(localVal), c.Device, c.Seq, c.HLC, string(c.canon),
				winner, time.UnixMilli(a.now).UTC().Format(time.RFC3339)); err != nil {
				return ApplyDuplicate, fmt.Errorf("apply %s/%d: record conflict: %w", c.Device, c.Seq, err)
			}
			a.Stats.Conflicts++
			a.open = true
		}
	}
	if !wins {
		a.Stats.Lost++
		return ApplyLost, nil
	}
	if err := a.setField(c); err != nil {
		return ApplyDuplicate, err
	}
	if causal && a.open {
		if err := a.supersede(c, deps); err != nil {
			return ApplyDuplicate, err
		}
	}
	a.Stats.Won++
	return ApplyWon, nil
}

func (a *Applier) readField(c checked) ([]byte, error) {
	p := reflect.New(c.col.typ)
	q := fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", quoteIdent(c.col.name), quoteIdent(c.ti.name))
	s, err := a.stmt(q)
	if err != nil {
		return nil, fmt.Errorf("apply: %w", err)
	}
	if err := s.QueryRowContext(a.tx.ctx, c.Row).Scan(p.Interface()); err != nil {
		return nil, fmt.Errorf("apply %s/%d: read %s.%s: %w", c.Device, c.Seq, c.Table, c.Field, err)
	}
	b, err := json.Marshal(p.Elem().Interface())
	if err != nil {
		return nil, fmt.Errorf("apply: %w", err)
	}
	return b, nil
}

// supersede closes the open conflicts on c's field whose both sides c's writer had seen:
// someone already decided.
func (a *Applier) supersede(c checked, deps map[string]int64) error {
	type side struct {
		ID  int64  `db:"id"`
		LD  string `db:"local_device"`
		LS  int64  `db:"local_seq"`
		ID2 string `db:"incoming_device"`
		IS  int64  `db:"incoming_seq"`
	}
	var open []side
	if err := a.tx.Select(&open, `SELECT id, local_device, local_seq, incoming_device, incoming_seq FROM sync_conflicts
		WHERE tbl = ? AND row = ? AND field = ? AND resolved = ''`, c.Table, c.Row, c.Field); err != nil {
		return fmt.Errorf("apply: read conflicts: %w", err)
	}
	knew := func(dev string, seq int64) bool {
		return (dev == c.Device && seq < c.Seq) || deps[dev] >= seq
	}
	for _, o := range open {
		if knew(o.LD, o.LS) && knew(o.ID2, o.IS) {
			if _, err := a.exec("UPDATE sync_conflicts SET resolved = 'superseded', resolved_at = ? WHERE id = ?",
				time.UnixMilli(a.now).UTC().Format(time.RFC3339), o.ID); err != nil {
				return fmt.Errorf("apply: close conflict: %w", err)
			}
		}
	}
	return nil
}

// ApplyBatch applies a run of changes of one writer (a segment) with the same rules as
// Apply. Changes that create a row make it with one INSERT, so that foreign keys and a
// long replay stay cheap; every other change goes through Apply.
func (a *Applier) ApplyBatch(chs []Change, deps map[string]int64) error {
	for i := 0; i < len(chs); {
		j := i + 1
		for j < len(chs) && chs[j].Table == chs[i].Table && chs[j].Row == chs[i].Row {
			j++
		}
		if err := a.applyGroup(chs[i:j], deps); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func (a *Applier) applyGroup(group []Change, deps map[string]int64) error {
	cs := make([]checked, len(group))
	for i, ch := range group {
		c, err := a.check(ch)
		if err != nil {
			return err
		}
		cs[i] = c
	}
	ti := cs[0].ti
	if ti.name == "devices" || len(cs) == 1 {
		return a.applyEach(cs, deps)
	}
	var n int
	s, err := a.stmt(fmt.Sprintf("SELECT count(*) FROM %s WHERE id = ?", quoteIdent(ti.name)))
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	if err := s.QueryRowContext(a.tx.ctx, cs[0].Row).Scan(&n); err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	if n > 0 {
		return a.applyEach(cs, deps)
	}
	// A new row: every change is fresh and wins over nothing, the last of a field in place.
	last := map[string]checked{}
	var order []string
	for _, c := range cs {
		fresh, err := a.logChange(c)
		if err != nil {
			return err
		}
		if !fresh {
			a.Stats.Duplicates++
			continue
		}
		a.Stats.Won++
		if p, ok := last[c.Field]; !ok {
			order = append(order, c.Field)
		} else if c.hlc.Compare(p.hlc) < 0 {
			continue
		}
		last[c.Field] = c
	}
	if len(order) == 0 {
		return nil
	}
	names := []string{"id"}
	marks := []string{"?"}
	args := []any{cs[0].Row}
	for _, f := range order {
		names = append(names, quoteIdent(f))
		marks = append(marks, "?")
		args = append(args, last[f].val)
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quoteIdent(ti.name), strings.Join(names, ", "), strings.Join(marks, ", "))
	if _, err := a.exec(q, args...); err != nil {
		return fmt.Errorf("apply %s/%d: create %s %s: %w", cs[0].Device, cs[0].Seq, ti.name, cs[0].Row, err)
	}
	for _, f := range order {
		c := last[f]
		if _, err := a.exec(`INSERT INTO clocks(tbl, row, field, hlc, device, seq) VALUES(?, ?, ?, ?, ?, ?)`,
			c.Table, c.Row, c.Field, c.HLC, c.Device, c.Seq); err != nil {
			return fmt.Errorf("apply %s/%d: clock: %w", c.Device, c.Seq, err)
		}
	}
	return nil
}

func (a *Applier) applyEach(cs []checked, deps map[string]int64) error {
	for _, c := range cs {
		if _, err := a.apply(c, deps); err != nil {
			return err
		}
	}
	return nil
}
