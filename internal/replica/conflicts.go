package replica

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// Conflicts as a person sees and settles them (DESIGN §5): the records of concurrent edits
// (the local table sync_conflicts, written by model as it applies remote changes) and the
// decision that settles one, written to the synced row through model.Tx.SetField.

// Conflict is a concurrent edit kept for a person to resolve.
type Conflict struct {
	ID             int64         `db:"id" json:"id"`
	Table          string        `db:"tbl" json:"table"`
	Row            string        `db:"row" json:"row"`
	Field          string        `db:"field" json:"field"`
	LocalDevice    string        `db:"local_device" json:"local_device"`
	LocalSeq       int64         `db:"local_seq" json:"local_seq"`
	LocalHLC       string        `db:"local_hlc" json:"local_hlc"`
	LocalValue     model.RawJSON `db:"local_value" json:"local_value"`
	IncomingDevice string        `db:"incoming_device" json:"incoming_device"`
	IncomingSeq    int64         `db:"incoming_seq" json:"incoming_seq"`
	IncomingHLC    string        `db:"incoming_hlc" json:"incoming_hlc"`
	IncomingValue  model.RawJSON `db:"incoming_value" json:"incoming_value"`
	Winner         string        `db:"winner" json:"winner"`
	Detected       string        `db:"detected" json:"detected"`
	Resolved       string        `db:"resolved" json:"resolved"`
	ResolvedAt     string        `db:"resolved_at" json:"resolved_at"`
	// Kind is "" for two values of one field, ConflictRemoval for a record removed on one
	// laptop while edited on another.
	Kind string `db:"kind" json:"kind,omitempty"`
}

// ConflictRemoval is the kind of a conflict between a removal and an edit of one record.
const ConflictRemoval = "removal"

const conflictCols = `id, tbl, row, field, local_device, local_seq, local_hlc, local_value, incoming_device, incoming_seq,
	incoming_hlc, incoming_value, winner, detected, resolved, resolved_at, kind`

// ListConflicts lists conflicts, the open ones only when open is true.
func ListConflicts(q model.Querier, open bool) ([]Conflict, error) {
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
func GetConflict(q model.Querier, id int64) (Conflict, error) {
	var c Conflict
	err := q.Get(&c, "SELECT "+conflictCols+" FROM sync_conflicts WHERE id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E("conflict", errs.NotFound, errs.Key("sync.error.conflict_unknown"), map[string]any{"ID": id})
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
// already equals it (model.Tx.SetField with force), so that it syncs and closes the same
// conflict on other laptops. A conflict whose field was changed since (neither side is in
// place) is refused with ErrStaleConflict: resolving it would write an older value over a
// newer one.
func ResolveConflict(tx *model.Tx, id int64, keep string, value model.RawJSON) error {
	c, err := GetConflict(tx, id)
	if err != nil {
		return err
	}
	if c.Resolved != "" {
		return errs.E("resolve conflict", errs.Conflict, errs.Key("sync.error.conflict_resolved"), map[string]any{"ID": id, "How": c.Resolved})
	}
	side, err := c.Side(keep, tx.Device())
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
		if value, err = model.FieldValue(tx, c.Table, c.Row, c.Field); err != nil {
			return fmt.Errorf("resolve conflict %d: %w", id, err)
		}
	} else if w, err := model.FieldWriter(tx, c.Table, c.Row, c.Field); err != nil {
		return err
	} else if w != (model.Writer{Device: c.LocalDevice, Seq: c.LocalSeq}) && w != (model.Writer{Device: c.IncomingDevice, Seq: c.IncomingSeq}) {
		return fmt.Errorf("conflict %d: %w", id, ErrStaleConflict)
	}
	// Other open conflicts of the same field are settled by the same decision.
	if _, err := tx.ExecLocal("UPDATE sync_conflicts SET resolved = CASE WHEN id = ? THEN ? ELSE 'superseded' END, resolved_at = ? WHERE tbl = ? AND row = ? AND field = ? AND resolved = ''",
		id, keep, tx.WallNow().UTC().Format(time.RFC3339), c.Table, c.Row, c.Field); err != nil {
		return fmt.Errorf("resolve conflict %d: %w", id, err)
	}
	if err := tx.SetField(c.Table, c.Row, c.Field, value, true); err != nil {
		return fmt.Errorf("resolve conflict %d: %w", id, err)
	}
	return nil
}

// InPlace reads the value in place of a conflict's field, as JSON.
func InPlace(q model.Querier, c Conflict) (model.RawJSON, error) {
	return model.FieldValue(q, c.Table, c.Row, c.Field)
}
