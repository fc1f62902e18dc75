// Conflicts as a person sees and settles them, and the writes that settle them.

package model

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Conflict is a concurrent edit kept for a person to resolve.
type Conflict struct {
	ID             int64   `db:"id" json:"id"`
	Table          string  `db:"tbl" json:"table"`
	Row            string  `db:"row" json:"row"`
	Field          string  `db:"field" json:"field"`
	LocalDevice    string  `db:"local_device" json:"local_device"`
	LocalSeq       int64   `db:"local_seq" json:"local_seq"`
	LocalHLC       string  `db:"local_hlc" json:"local_hlc"`
	LocalValue     RawJSON `db:"local_value" json:"local_value"`
	IncomingDevice string  `db:"incoming_device" json:"incoming_device"`
	IncomingSeq    int64   `db:"incoming_seq" json:"incoming_seq"`
	IncomingHLC    string  `db:"incoming_hlc" json:"incoming_hlc"`
	IncomingValue  RawJSON `db:"incoming_value" json:"incoming_value"`
	Winner         string  `db:"winner" json:"winner"`
	Detected       string  `db:"detected" json:"detected"`
	Resolved       string  `db:"resolved" json:"resolved"`
	ResolvedAt     string  `db:"resolved_at" json:"resolved_at"`
	// Kind is "" for two values of one field, ConflictRemoval for a record removed on one
	// laptop while edited on another.
	Kind string `db:"kind" json:"kind,omitempty"`
}

// ConflictRemoval is the kind of a conflict between a removal and an edit of one record.
const ConflictRemoval = "removal"

const conflictCols = `id, tbl, row, field, local_device, local_seq, local_hlc, local_value, incoming_device, incoming_seq,
	incoming_hlc, incoming_value, winner, detected, resolved, resolved_at, kind`

// ListConflicts lists conflicts, the open ones only when open is true.
func ListConflicts(q Querier, open bool) ([]Conflict, error) {
	query := "SELECT " + conflictCols + " FROM sync_conflicts"
	if open {
		query += " WHERE resolved = ''"
	}
	var out []Conflict
	if err := q.Select(&out, query+" ORDER BY id"); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	return out, nil
}

// GetConflict reads one conflict.
func GetConflict(q Querier, id int64) (Conflict, error) {
	var c Conflict
	err := q.Get(&c, "SELECT "+conflictCols+" FROM sync_conflicts WHERE id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("conflict %d does not exist; list them with `pacta conflicts list`", id)
	}
	if err != nil {
		return c, fmt.Errorf("read conflict %d: %w", id, err)
	}
	return c, nil
}

// Conflict resolutions. A conflict is resolved by keeping one side, named by the laptop
// that wrote it (its device id), or from this laptop's view when it wrote one side: mine
// is that side, theirs the other. Edited keeps a value typed by a person.
const (
	KeepMine   = "mine"
	KeepTheirs = "theirs"
	KeepEdited = "edited"
	// KeepInPlace keeps the value in place now, which may be neither side's: the way out
	// of a conflict whose values were both changed since (ErrStaleConflict).
	KeepInPlace = "in_place"
)

// ErrStaleConflict means a conflict no longer shows the value in place: someone changed
// the field since. The conflict list must be read again before deciding.
var ErrStaleConflict = errors.New("the field was changed again since this conflict was recorded: look at the conflicts again before deciding")

// Side names the side of c that keep chooses: "local" or "incoming" ("" for an edited
// value). keep is KeepMine or KeepTheirs (when this device wrote a side), KeepEdited, or the
// device id of a side's writer.
func (c Conflict) Side(keep, self string) (string, error) {
	switch keep {
	case KeepEdited, KeepInPlace:
		return "", nil
	case KeepMine, KeepTheirs:
		mine := ""
		switch self {
		case c.LocalDevice:
			mine = "local"
		case c.IncomingDevice:
			mine = "incoming"
		default:
			return "", fmt.Errorf("conflict %d is between two other laptops: say which laptop's value to keep", c.ID)
		}
		if keep == KeepMine {
			return mine, nil
		}
		if mine == "local" {
			return "incoming", nil
		}
		return "local", nil
	case c.LocalDevice:
		return "local", nil
	case c.IncomingDevice:
		return "incoming", nil
	}
	return "", fmt.Errorf("conflict %d: %q wrote neither of its values", c.ID, keep)
}

// ResolveConflict settles conflict id, keeping the side keep names (see Conflict.Side), or
// value (KeepEdited). The choice is a new change, logged even when the value in place
// already equals it, so that it syncs and closes the same conflict on other laptops. A
// conflict whose field was changed since (neither side is in place) is refused with
// ErrStaleConflict: resolving it would write an older value over a newer one.
func (tx *Tx) ResolveConflict(id int64, keep string, value RawJSON) error {
	c, err := GetConflict(tx, id)
	if err != nil {
		return err
	}
	if c.Resolved != "" {
		return fmt.Errorf("conflict %d was already resolved (%s)", id, c.Resolved)
	}
	side, err := c.Side(keep, tx.store.device)
	if err != nil {
		return err
	}
	switch side {
	case "local":
		value = c.LocalValue
	case "incoming":
		value = c.IncomingValue
	}
	if keep == KeepInPlace {
		if value, err = fieldValue(tx, c.Table, c.Row, c.Field); err != nil {
			return fmt.Errorf("resolve conflict %d: %w", id, err)
		}
	} else if w, err := FieldWriter(tx, c.Table, c.Row, c.Field); err != nil {
		return err
	} else if w != (Writer{c.LocalDevice, c.LocalSeq}) && w != (Writer{c.IncomingDevice, c.IncomingSeq}) {
		return fmt.Errorf("conflict %d: %w", id, ErrStaleConflict)
	}
	// Other open conflicts of the same field are settled by the same decision.
	if _, err := tx.c.ExecContext(tx.ctx, "UPDATE sync_conflicts SET resolved = CASE WHEN id = ? THEN ? ELSE 'superseded' END, resolved_at = ? WHERE tbl = ? AND row = ? AND field = ? AND resolved = ''",
		id, keep, tx.store.hlc.PhysicalNow().UTC().Format(time.RFC3339), c.Table, c.Row, c.Field); err != nil {
		return fmt.Errorf("resolve conflict %d: %w", id, err)
	}
	if err := tx.SetField(c.Table, c.Row, c.Field, value, true); err != nil {
		return fmt.Errorf("resolve conflict %d: %w", id, err)
	}
	return nil
}

// InPlace reads the value in place of a conflict's field, as JSON.
func InPlace(q Querier, c Conflict) (RawJSON, error) { return fieldValue(q, c.Table, c.Row, c.Field) }

// fieldValue reads one field of a synced row as JSON.
func fieldValue(q Querier, table, row, field string) (RawJSON, error) {
	ti := tables[table]
	if ti == nil {
		return nil, fmt.Errorf("read field: unknown table %q", table)
	}
	col, ok := ti.byName[field]
	if !ok {
		return nil, fmt.Errorf("read field: unknown field %s.%q", table, field)
	}
	e, err := LoadEntity(q, table, row)
	if err != nil {
		return nil, err
	}
	b, err := appendValue(nil, reflect.ValueOf(e).Elem().FieldByIndex(col.index))
	return RawJSON(b), err
}

// SetField writes one field of a synced row from its JSON value through Put. With force,
// the change is logged even when the value does not change.
func (tx *Tx) SetField(table, row, field string, value RawJSON, force bool) error {
	ti := tables[table]
	if ti == nil {
		return fmt.Errorf("set field: unknown table %q", table)
	}
	col, ok := ti.byName[field]
	if !ok || field == "id" {
		return fmt.Errorf("set field: unknown field %s.%q", table, field)
	}
	p := reflect.New(ti.typ)
	exists, clk, err := tx.readRow(ti, row, p.Elem())
	if err == nil && !exists {
		err = sql.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("set field %s.%s of %s: %w", table, field, row, err)
	}
	fv := p.Elem().FieldByIndex(col.index)
	nv := reflect.New(col.typ).Elem()
	if err := decodeValue(value, nv); err != nil {
		return fmt.Errorf("set field %s.%s: the value does not fit (%v)", table, field, err)
	}
	same := equalValue(fv, nv)
	fv.Set(nv)
	if !same || !force {
		return tx.Put(p.Interface().(Entity))
	}
	clocks, err := parseClocks(clk)
	if err != nil {
		return fmt.Errorf("set field %s.%s of %s: %w", table, field, row, err)
	}
	return tx.logAgain(ti, row, clocks, []column{col}, tx.unsealed)
}

// logAgain stamps the values that cols already have in row as a new change of this
// device (clocks are the row's field clocks), so that they are exported again. notOut says
// which writers the other replicas lack (see record).
func (tx *Tx) logAgain(ti *tableInfo, row string, clocks rowClocks, cols []column, notOut func(Writer) bool) error {
	// The whole row is stamped as a creation again.
	newClk, seq, err := tx.record(ti, clocks, cols, len(cols) == len(ti.cols)-1, notOut)
	if err != nil {
		return fmt.Errorf("log %s %s: %w", ti.name, row, err)
	}
	if err := tx.updateFields(ti, row, nil, nil, newClk, seq); err != nil {
		return fmt.Errorf("log %s %s: clock: %w", ti.name, row, err)
	}
	return nil
}

// ReissueChanges stamps again, as changes of this device, the values still in place that
// old wrote after seq after. A laptop whose identity was cloned takes a new one and uses
// this so that what it wrote under the old id and never exported still reaches the others.
// It returns the number of fields stamped again.
func (tx *Tx) ReissueChanges(old string, after int64) (int, error) {
	type pending struct {
		ti     *tableInfo
		row    string
		clocks rowClocks
		cols   []column
		first  int64 // the earliest of old's changes among them, to keep their order
	}
	var todo []pending
	// The clock JSON holds the writer's HLC, which ends with its device id.
	pattern := "%." + strings.NewReplacer("%", "\\%", "_", "\\_").Replace(old) + `"%`
	for _, name := range SyncedTables() {
		ti := tables[name]
		var rows []struct {
			ID  string `db:"id"`
			Clk string `db:"clk"`
		}
		if err := tx.Select(&rows, fmt.Sprintf(`SELECT id, clk FROM %s WHERE clk LIKE ? ESCAPE '\'`, quoteIdent(name)), pattern); err != nil {
			return 0, fmt.Errorf("reissue changes of %s: %w", old, err)
		}
		for _, r := range rows {
			clocks, err := parseClocks(r.Clk)
			if err != nil {
				return 0, fmt.Errorf("reissue changes of %s: %w", old, err)
			}
			if cols, first := clocks.writtenBy(old, after, ti); len(cols) > 0 {
				todo = append(todo, pending{ti: ti, row: r.ID, clocks: clocks, cols: cols, first: first})
			}
		}
	}
	// In the order old wrote them, so that a row is created again before rows that refer
	// to it.
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].first < todo[j].first })
	notOut := func(w Writer) bool { return w.Device == old && w.Seq > after || tx.unsealed(w) }
	n := 0
	for _, p := range todo {
		if err := tx.logAgain(p.ti, p.row, p.clocks, p.cols, notOut); err != nil {
			return 0, err
		}
		n += len(p.cols)
	}
	// Changes of the old id that other replicas never got must not be waited for.
	if _, err := tx.c.ExecContext(tx.ctx, "DELETE FROM changes WHERE device = ? AND seq > ?", old, after); err != nil {
		return 0, fmt.Errorf("reissue changes of %s: %w", old, err)
	}
	return n, nil
}
