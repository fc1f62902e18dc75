package model

import (
	"fmt"
	"reflect"
	"time"
)

// PutEdit writes what a person changed in a form: the fields in which edited differs from
// base, the row as the form showed it when it was filled in. Every other field keeps what
// is stored now, which a sync may have brought while the form was open. (Put would write
// the form's old values over those: this laptop's edit would then come after the other
// laptop's, so no replica would keep the other value, not even as a conflict.)
//
// A field changed both in the form and elsewhere, to different values, takes the form's
// value, the person's latest decision; the value it replaces is kept as a conflict record
// (mine: the form's, theirs: the other one, in place: mine), so that nobody's work is lost
// unseen. A row deleted elsewhere meanwhile is brought back by an edit, and its deletion
// kept as such a conflict. On return edited holds the row as written. A new row (no id, or
// an id not stored) is written as Put writes it.
func (tx *Tx) PutEdit(base, edited Entity) error {
	ti, ev, err := lookupTable(edited)
	if err != nil {
		return err
	}
	bti, bv, err := lookupTable(base)
	if err != nil {
		return err
	}
	id := ev.FieldByIndex(ti.cols[0].index).String()
	if id == "" {
		return tx.Put(edited)
	}
	if bti != ti || bv.FieldByIndex(ti.cols[0].index).String() != id {
		return fmt.Errorf("edit %s %s: the form was filled in from another row", ti.name, id)
	}
	cur := reflect.New(ti.typ).Elem()
	exists, clk, err := tx.readRow(ti, id, cur)
	if err != nil {
		return fmt.Errorf("edit %s %s: read current row: %w", ti.name, id, err)
	}
	if !exists {
		return tx.putOver(ti, ev, id, false, cur, clk)
	}
	del, hasDel := ti.byName["deleted"]
	// deletedElsewhere: the row is a tombstone now, and neither the form nor its base was.
	deletedElsewhere := hasDel && cur.FieldByIndex(del.index).Bool() && !bv.FieldByIndex(del.index).Bool() && !ev.FieldByIndex(del.index).Bool()
	var both []column
	edits := 0
	for _, c := range ti.cols[1:] {
		b, e, now := bv.FieldByIndex(c.index), ev.FieldByIndex(c.index), cur.FieldByIndex(c.index)
		if equalValue(b, e) {
			e.Set(now) // not edited in the form
			continue
		}
		edits++
		if !equalValue(b, now) && !equalValue(e, now) {
			both = append(both, c)
		}
	}
	// A row deleted elsewhere while the form was open comes back with the person's edit,
	// rather than taking it into a tombstone nobody sees; the deletion is kept as a
	// conflict, to be confirmed or undone on the Sync screen.
	if deletedElsewhere && edits > 0 {
		ev.FieldByIndex(del.index).SetBool(false)
		both = append(both, del)
	}
	if err := tx.putOver(ti, ev, id, true, cur, clk); err != nil {
		return err
	}
	if len(both) == 0 {
		return nil
	}
	clocks, err := parseClocks(clk)
	if err != nil {
		return fmt.Errorf("edit %s %s: %w", ti.name, id, err)
	}
	// A value written over that this laptop wrote itself and never shared leaves no trace
	// elsewhere (the form's value replaces it before any export): no other laptop could
	// record that conflict, so none is kept here either, and the edit names the value the
	// others hold as the one it replaced.
	unseen := both[:0]
	for _, c := range both {
		if w := clocks.of(c.name); w.Writer().Device != tx.store.device || w.Seq <= tx.sealed {
			unseen = append(unseen, c)
		}
	}
	both = unseen
	if len(both) == 0 {
		return nil
	}
	// Put logged every field of both (each differs from the stored value): tx.last is
	// their clock. The values written over were by someone the form had not seen.
	mine := conflictSide{Writer{tx.store.device, tx.last.Seq}, tx.last.HLC, reflect.Value{}}
	if err := tx.unbase(ti, id, both); err != nil {
		return fmt.Errorf("edit %s %s: %w", ti.name, id, err)
	}
	for _, c := range both {
		theirs := clocks.of(c.name)
		mine.value = ev.FieldByIndex(c.index)
		if err := tx.recordConflict(ti.name, id, c.name, mine, conflictSide{theirs.Writer(), theirs.HLC, cur.FieldByIndex(c.index)},
			"local", tx.store.hlc.PhysicalNow()); err != nil {
			return fmt.Errorf("edit %s %s: keep the value written over: %w", ti.name, id, err)
		}
	}
	return nil
}

// unbase makes the change just stamped on fields cols of row id name no value as the one it
// replaced: the person had not seen the value it wrote over, so every replica that
// receives it records the same conflict as this one, instead of taking it for an edit of
// that value.
func (tx *Tx) unbase(ti *tableInfo, id string, cols []column) error {
	cur := reflect.New(ti.typ).Elem()
	_, clk, err := tx.readRow(ti, id, cur)
	if err != nil {
		return err
	}
	clocks, err := parseClocks(clk)
	if err != nil {
		return err
	}
	for _, c := range cols {
		st, ok := clocks[c.name]
		if !ok || st.Writer().Device != tx.store.device {
			continue
		}
		st.Base = Writer{}
		clocks[c.name] = st
	}
	return tx.updateFields(ti, id, nil, nil, clocks.encode(), tx.last.Seq)
}

// conflictSide is one side of a conflict record: who wrote the value, under which clock.
type conflictSide struct {
	writer Writer
	hlc    string
	value  reflect.Value
}

// recordConflict keeps field of row as a conflict between the local and the incoming
// value; winner ("local" or "incoming") says which one is in place. (Conflicts found when
// applying another device's change are internal/replica's; this is an edit's own.)
func (tx *Tx) recordConflict(table, row, field string, local, incoming conflictSide, winner string, at time.Time) error {
	tx.conflicts = 2
	lv, err := appendValue(nil, local.value)
	if err != nil {
		return err
	}
	iv, err := appendValue(nil, incoming.value)
	if err != nil {
		return err
	}
	return tx.execCached(`INSERT INTO sync_conflicts(tbl, row, field, local_device, local_seq, local_hlc, local_value,
		incoming_device, incoming_seq, incoming_hlc, incoming_value, winner, detected) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		table, row, field, local.writer.Device, local.writer.Seq, local.hlc, string(lv),
		incoming.writer.Device, incoming.writer.Seq, incoming.hlc, string(iv), winner, at.UTC().Format(time.RFC3339))
}
