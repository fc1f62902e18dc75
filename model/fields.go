// Writing one field of a synced row with its clock, as a person settling a conflict does
// (internal/replica), and stamping values again as new changes of this device.

package model

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// FieldValue reads one field of a synced row as JSON.
func FieldValue(q Querier, table, row, field string) (RawJSON, error) {
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

// FieldWriter is the change that wrote the value in place in one field of a synced row
// (the zero Writer when the row is unknown or the field was never written).
func FieldWriter(q Querier, table, row, field string) (Writer, error) {
	if tables[table] == nil {
		return Writer{}, fmt.Errorf("field writer: unknown table %q", table)
	}
	var clk string
	err := q.Get(&clk, fmt.Sprintf("SELECT clk FROM %s WHERE id = ?", quoteIdent(table)), row)
	if errors.Is(err, sql.ErrNoRows) {
		return Writer{}, nil
	}
	if err != nil {
		return Writer{}, fmt.Errorf("field writer of %s %s: %w", table, row, err)
	}
	rc, err := parseClocks(clk)
	if err != nil {
		return Writer{}, fmt.Errorf("field writer of %s %s: %w", table, row, err)
	}
	return rc.of(field).Writer(), nil
}
