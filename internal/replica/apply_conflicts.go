// The conflicts that applying a remote change records or moves on: two values of a field
// written without seeing each other, and a removal against an edit.

package replica

import (
	"fmt"
	"time"

	"pacta/model"
)

// conflict records that field i of c and the value in place (written by cur) were
// written concurrently with different values.
func (a *Applier) conflict(c *model.Incoming, i int, row *model.Target, cur model.Stamp, incomingWins bool) error {
	winner := "local"
	if incomingWins {
		winner = "incoming"
	}
	local, err := row.Value(c, i)
	if err != nil {
		return err
	}
	incoming, err := c.Value(i)
	if err != nil {
		return err
	}
	err = a.recordConflict(c.Table, c.Row, c.Names[i],
		conflictSide{cur.Writer(), cur.HLC, local}, conflictSide{model.Writer{Device: c.Device, Seq: c.Seq}, c.HLC, incoming},
		winner)
	if err != nil {
		return fmt.Errorf("apply %s/%d: record conflict: %w", c.Device, c.Seq, err)
	}
	a.Stats.Conflicts++
	a.open = true
	return nil
}

// follow moves an open conflict of field i of c's row on to c when c replaces one of its
// sides (c names that side's writer as the value it replaced) without having seen the
// other: c's value takes that side's place, and the conflict is settled when both sides
// are then equal. It reports whether c was a side of some open conflict.
func (a *Applier) follow(c *model.Incoming, i int, wins bool) (bool, error) {
	p := c.Replaced[c.Names[i]]
	if p.IsZero() {
		return false, nil
	}
	n, err := a.moveSide(c, i, p, wins)
	return n > 0, err
}

// replaceSide moves the open conflicts of field i of c's row that have w (the value c
// wins over) as a side on to c.
func (a *Applier) replaceSide(c *model.Incoming, i int, w model.Writer) error {
	_, err := a.moveSide(c, i, w, true)
	return err
}

// moveSide puts c in the place of side w of the open conflicts of field i of c's row; wins
// says whether c's value is in place. It returns how many conflicts it changed.
func (a *Applier) moveSide(c *model.Incoming, i int, w model.Writer, wins bool) (int, error) {
	field := c.Names[i]
	var open []struct {
		ID     int64  `db:"id"`
		LD     string `db:"local_device"`
		LS     int64  `db:"local_seq"`
		LValue string `db:"local_value"`
		IValue string `db:"incoming_value"`
	}
	if err := a.tx.Select(&open, `SELECT id, local_device, local_seq, local_value, incoming_value FROM sync_conflicts
		WHERE tbl = ? AND row = ? AND field = ? AND resolved = '' AND
		((local_device = ? AND local_seq = ?) OR (incoming_device = ? AND incoming_seq = ?))`,
		c.Table, c.Row, field, w.Device, w.Seq, w.Device, w.Seq); err != nil {
		return 0, fmt.Errorf("apply: read conflicts: %w", err)
	}
	if len(open) == 0 {
		return 0, nil
	}
	v, err := c.Value(i)
	if err != nil {
		return 0, err
	}
	at := time.UnixMilli(a.now).UTC().Format(time.RFC3339)
	for _, o := range open {
		side, other, winner := "local", o.IValue, "incoming"
		if o.LD != w.Device || o.LS != w.Seq {
			side, other, winner = "incoming", o.LValue, "local"
		}
		if wins {
			winner = side
		}
		q := fmt.Sprintf(`UPDATE sync_conflicts SET %[1]s_device = ?, %[1]s_seq = ?, %[1]s_hlc = ?, %[1]s_value = ?, winner = ? WHERE id = ?`, side)
		if _, err := a.tx.ExecLocal(q, c.Device, c.Seq, c.HLC, string(v), winner, o.ID); err != nil {
			return 0, fmt.Errorf("apply: update conflict: %w", err)
		}
		if other == string(v) {
			if _, err := a.tx.ExecLocal("UPDATE sync_conflicts SET resolved = 'superseded', resolved_at = ? WHERE id = ?", at, o.ID); err != nil {
				return 0, fmt.Errorf("apply: close conflict: %w", err)
			}
		}
	}
	return len(open), nil
}

// knows reports whether the writer of c had seen the change w (deps: its version vector).
func knows(c *model.Incoming, w model.Writer, deps map[string]int64) bool {
	return w.IsZero() || (w.Device == c.Device && w.Seq <= c.Seq) || deps[w.Device] >= w.Seq
}

// DeletedField is the field of a tombstone; a conflict on it between a removal and an edit
// of the same row that did not see each other is a "removed while edited" conflict.
const DeletedField = "deleted"

// deleteAgainstEdit records a conflict when c removes a row that holds an edit its writer
// had not seen, or edits a row removed by a change its writer had not seen: the row stays
// removed (the removal's field is not touched by the edit, which is kept in the row), and a
// person decides whether to restore it with the edit. Every replica records the same pair,
// whatever the order the two arrive in; several edits keep the latest as the edit's side.
// won are the indexes of c's fields that took their place here; clocks are the row's
// before c.
func (a *Applier) deleteAgainstEdit(c *model.Incoming, row *model.Target, won []int, deps map[string]int64) error {
	if len(won) == 0 || !c.HasField(DeletedField) {
		return nil
	}
	removes := false
	for _, i := range won {
		if c.Names[i] == DeletedField && c.IsTrue(i) {
			removes = true
		}
	}
	writes := map[string]bool{}
	for _, name := range c.Names {
		writes[name] = true
	}
	mine := c.Stamp()
	switch {
	case removes:
		// The newest edit here that the remover had not seen.
		var edit model.Stamp
		for _, name := range c.Columns() {
			if writes[name] {
				continue
			}
			st := row.Clock(name)
			if !knows(c, st.Writer(), deps) && st.HLC > edit.HLC {
				edit = st
			}
		}
		if edit.HLC == "" {
			return nil
		}
		return a.removedWhileEdited(c, mine, edit, "incoming")
	case !writes[DeletedField] && row.IsTrue(c, DeletedField):
		removal := row.Clock(DeletedField)
		if knows(c, removal.Writer(), deps) {
			return nil
		}
		return a.removedWhileEdited(c, removal, mine, "local")
	}
	return nil
}

// removedWhileEdited keeps the conflict between removal and edit (stamps) of c's row; the
// side of c is "incoming", the other "local" (local is the removal when inPlace is "local").
func (a *Applier) removedWhileEdited(c *model.Incoming, removal, edit model.Stamp, inPlace string) error {
	rw, ew := removal.Writer(), edit.Writer()
	var open []struct {
		ID  int64  `db:"id"`
		LD  string `db:"local_device"`
		LS  int64  `db:"local_seq"`
		LV  string `db:"local_value"`
		HLC string `db:"local_hlc"`
		IH  string `db:"incoming_hlc"`
	}
	if err := a.tx.Select(&open, `SELECT id, local_device, local_seq, local_value, local_hlc, incoming_hlc FROM sync_conflicts
		WHERE tbl = ? AND row = ? AND field = ? AND kind = 'removal' AND resolved = '' AND
		((local_device = ? AND local_seq = ?) OR (incoming_device = ? AND incoming_seq = ?))`,
		c.Table, c.Row, DeletedField, rw.Device, rw.Seq, rw.Device, rw.Seq); err != nil {
		return fmt.Errorf("apply: read conflicts: %w", err)
	}
	if len(open) > 0 {
		// The removal has a conflict already (one at most): its edit side becomes the newest edit.
		o := open[0]
		side, hlc := "incoming", o.IH
		if o.LV == "false" {
			side, hlc = "local", o.HLC
		}
		if edit.HLC > hlc {
			q := fmt.Sprintf(`UPDATE sync_conflicts SET %[1]s_device = ?, %[1]s_seq = ?, %[1]s_hlc = ? WHERE id = ?`, side)
			if _, err := a.tx.ExecLocal(q, ew.Device, ew.Seq, edit.HLC, o.ID); err != nil {
				return fmt.Errorf("apply: update conflict: %w", err)
			}
		}
		return nil
	}
	t, f := model.RawJSON("true"), model.RawJSON("false")
	local, incoming := conflictSide{ew, edit.HLC, f}, conflictSide{rw, removal.HLC, t}
	winner := "incoming"
	if inPlace == "local" {
		local, incoming, winner = conflictSide{rw, removal.HLC, t}, conflictSide{ew, edit.HLC, f}, "local"
	}
	if err := a.recordConflict(c.Table, c.Row, DeletedField, local, incoming, winner); err != nil {
		return fmt.Errorf("apply %s/%d: record conflict: %w", c.Device, c.Seq, err)
	}
	if _, err := a.tx.ExecLocal("UPDATE sync_conflicts SET kind = 'removal' WHERE id = last_insert_rowid()"); err != nil {
		return fmt.Errorf("apply %s/%d: record conflict: %w", c.Device, c.Seq, err)
	}
	a.Stats.Conflicts++
	a.open = true
	return nil
}

// conflictSide is one side of a conflict record: who wrote the value, under which clock.
type conflictSide struct {
	writer model.Writer
	hlc    string
	value  model.RawJSON
}

// recordConflict keeps field of row as a conflict between the local and the incoming
// value; winner ("local" or "incoming") says which one is in place.
func (a *Applier) recordConflict(table, row, field string, local, incoming conflictSide, winner string) error {
	_, err := a.tx.ExecLocal(`INSERT INTO sync_conflicts(tbl, row, field, local_device, local_seq, local_hlc, local_value,
		incoming_device, incoming_seq, incoming_hlc, incoming_value, winner, detected) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		table, row, field, local.writer.Device, local.writer.Seq, local.hlc, string(local.value),
		incoming.writer.Device, incoming.writer.Seq, incoming.hlc, string(incoming.value), winner,
		time.UnixMilli(a.now).UTC().Format(time.RFC3339))
	return err
}

// supersede closes the open conflicts on field of c's row whose both sides c's writer had
// seen: someone already decided.
func (a *Applier) supersede(c *model.Incoming, field string, deps map[string]int64) error {
	type side struct {
		ID  int64  `db:"id"`
		LD  string `db:"local_device"`
		LS  int64  `db:"local_seq"`
		ID2 string `db:"incoming_device"`
		IS  int64  `db:"incoming_seq"`
	}
	var open []side
	if err := a.tx.Select(&open, `SELECT id, local_device, local_seq, incoming_device, incoming_seq FROM sync_conflicts
		WHERE tbl = ? AND row = ? AND field = ? AND resolved = ''`, c.Table, c.Row, field); err != nil {
		return fmt.Errorf("apply: read conflicts: %w", err)
	}
	knew := func(dev string, seq int64) bool {
		return (dev == c.Device && seq < c.Seq) || deps[dev] >= seq
	}
	for _, o := range open {
		if knew(o.LD, o.LS) && knew(o.ID2, o.IS) {
			if _, err := a.tx.ExecLocal("UPDATE sync_conflicts SET resolved = 'superseded', resolved_at = ? WHERE id = ?",
				time.UnixMilli(a.now).UTC().Format(time.RFC3339), o.ID); err != nil {
				return fmt.Errorf("apply: close conflict: %w", err)
			}
		}
	}
	return nil
}
