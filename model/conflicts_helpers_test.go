package model

import (
	"fmt"
	"time"
)

// testConflict is a record of sync_conflicts as model's own tests read it: the type, its
// reads and the decision that settles one belong to internal/replica, which imports model
// (model's tests cannot import it back).
type testConflict struct {
	ID             int64   `db:"id"`
	Table          string  `db:"tbl"`
	Row            string  `db:"row"`
	Field          string  `db:"field"`
	LocalDevice    string  `db:"local_device"`
	LocalValue     RawJSON `db:"local_value"`
	IncomingDevice string  `db:"incoming_device"`
	IncomingValue  RawJSON `db:"incoming_value"`
	Winner         string  `db:"winner"`
}

// ListConflicts lists the conflicts, the open ones only when open is true.
func ListConflicts(q Querier, open bool) ([]testConflict, error) {
	query := "SELECT id, tbl, row, field, local_device, local_value, incoming_device, incoming_value, winner FROM sync_conflicts"
	if open {
		query += " WHERE resolved = ''"
	}
	var out []testConflict
	if err := q.Select(&out, query+" ORDER BY id"); err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	return out, nil
}

// keepIncoming settles c by keeping its incoming side, as replica.ResolveConflict does:
// the record closed, the value written again as a new change.
func (tx *Tx) keepIncoming(c testConflict) error {
	if _, err := tx.ExecLocal("UPDATE sync_conflicts SET resolved = 'theirs', resolved_at = ? WHERE id = ?",
		tx.WallNow().UTC().Format(time.RFC3339), c.ID); err != nil {
		return err
	}
	return tx.SetField(c.Table, c.Row, c.Field, c.IncomingValue, true)
}
