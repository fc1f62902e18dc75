// What this laptop knows of the segments of the shared folder: those it applied or wrote
// (sync_segments), those it shows but does not apply (sync_quarantine), and the changes it
// flagged (sync_flags). Local tables, never synced.

package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"pacta/model"
)

// SegmentRecord is a segment that was read (or written) here.
type SegmentRecord struct {
	Device   string `db:"device" json:"device"`
	Segment  int64  `db:"segment" json:"segment"`
	SHA256   string `db:"sha256" json:"sha256"`
	FirstSeq int64  `db:"first_seq" json:"first_seq"`
	LastSeq  int64  `db:"last_seq" json:"last_seq"`
	Name     string `db:"name" json:"name"`
	Applied  string `db:"applied" json:"applied"`
}

const segCols = "device, segment, sha256, first_seq, last_seq, name, applied"

// GetSegment reads the record of (device, segment); ok false when there is none.
func GetSegment(q model.Querier, device string, segment int64) (rec SegmentRecord, ok bool, err error) {
	err = q.Get(&rec, "SELECT "+segCols+" FROM sync_segments WHERE device = ? AND segment = ?", device, segment)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, fmt.Errorf("read segment %s/%d: %w", device, segment, err)
	}
	return rec, true, nil
}

// LastSegment is the newest segment recorded for device; ok false when there is none.
func LastSegment(q model.Querier, device string) (rec SegmentRecord, ok bool, err error) {
	err = q.Get(&rec, "SELECT "+segCols+" FROM sync_segments WHERE device = ? ORDER BY segment DESC LIMIT 1", device)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, fmt.Errorf("read segments of %s: %w", device, err)
	}
	return rec, true, nil
}

// RecordSegment remembers a segment as read and applied (or written) here.
func RecordSegment(tx *model.Tx, r SegmentRecord) error {
	if r.Applied == "" {
		r.Applied = time.Now().UTC().Format(time.RFC3339)
	}
	_, err := tx.ExecLocal("INSERT OR REPLACE INTO sync_segments("+segCols+") VALUES(?, ?, ?, ?, ?, ?, ?)",
		r.Device, r.Segment, r.SHA256, r.FirstSeq, r.LastSeq, r.Name, r.Applied)
	if err != nil {
		return fmt.Errorf("record segment %s/%d: %w", r.Device, r.Segment, err)
	}
	return nil
}

// Quarantined is a segment file shown but not applied.
type Quarantined struct {
	Name    string `db:"name" json:"name"`
	Device  string `db:"device" json:"device"`
	Segment int64  `db:"segment" json:"segment"`
	Reason  string `db:"reason" json:"reason"`
	Detail  string `db:"detail" json:"detail"`
	Seen    string `db:"seen" json:"seen"`
}

// ReplaceQuarantine sets the list of quarantined segments to qs (what the last scan found).
func ReplaceQuarantine(ctx context.Context, s *model.Store, qs []Quarantined) error {
	return s.Update(ctx, func(tx *model.Tx) error {
		if _, err := tx.ExecLocal("DELETE FROM sync_quarantine"); err != nil {
			return fmt.Errorf("quarantine: %w", err)
		}
		for _, q := range qs {
			if _, err := tx.ExecLocal("INSERT OR REPLACE INTO sync_quarantine(name, device, segment, reason, detail, seen) VALUES(?, ?, ?, ?, ?, ?)",
				q.Name, q.Device, q.Segment, q.Reason, q.Detail, q.Seen); err != nil {
				return fmt.Errorf("quarantine %s: %w", q.Name, err)
			}
		}
		return nil
	})
}

// ListQuarantine lists quarantined segments by name.
func ListQuarantine(q model.Querier) ([]Quarantined, error) {
	var out []Quarantined
	if err := q.Select(&out, "SELECT name, device, segment, reason, detail, seen FROM sync_quarantine ORDER BY name"); err != nil {
		return nil, fmt.Errorf("list quarantine: %w", err)
	}
	return out, nil
}

// SyncCounts are the numbers the Sync screen and `pacta sync status` show.
type SyncCounts struct {
	OpenConflicts int `json:"conflicts"`
	Quarantined   int `json:"quarantined"`
	Flagged       int `json:"flagged"`
}

// ReadSyncCounts counts open conflicts, quarantined segments and flagged changes.
func ReadSyncCounts(q model.Querier) (SyncCounts, error) {
	var c SyncCounts
	err := q.Get(&c.OpenConflicts, "SELECT count(*) FROM sync_conflicts WHERE resolved = ''")
	if err == nil {
		err = q.Get(&c.Quarantined, "SELECT count(*) FROM sync_quarantine")
	}
	if err == nil {
		err = q.Get(&c.Flagged, "SELECT count(*) FROM sync_flags")
	}
	if err != nil {
		return c, fmt.Errorf("read sync counts: %w", err)
	}
	return c, nil
}

// AttachmentSHAs lists the content hashes of live attachments (the blobs a replica needs).
func AttachmentSHAs(q model.Querier) ([]string, error) {
	var out []string
	if err := q.Select(&out, "SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 AND sha256 != '' ORDER BY sha256"); err != nil {
		return nil, fmt.Errorf("list attachment hashes: %w", err)
	}
	return out, nil
}

// FlaggedDevices lists the devices whose changes were flagged for a clock running ahead,
// by id.
func FlaggedDevices(q model.Querier) ([]string, error) {
	out := []string{}
	if err := q.Select(&out, "SELECT DISTINCT device FROM sync_flags ORDER BY device"); err != nil {
		return nil, fmt.Errorf("flagged devices: %w", err)
	}
	return out, nil
}
