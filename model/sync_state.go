package model

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// VersionVector gives, for every other device whose changes were applied here, the
// highest seq applied. Segments are applied whole and in order per device, so every change
// of that device up to it that exists is applied. (This device's own changes are in the
// rows, not in the change log: see ownlog.go.)
func VersionVector(q Querier) (map[string]int64, error) {
	var rows []struct {
		Device string `db:"device"`
		Seq    int64  `db:"seq"`
	}
	if err := q.Select(&rows, "SELECT device, max(seq) AS seq FROM changes GROUP BY device"); err != nil {
		return nil, fmt.Errorf("read version vector: %w", err)
	}
	vv := make(map[string]int64, len(rows))
	for _, r := range rows {
		vv[r.Device] = r.Seq
	}
	return vv, nil
}

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
func GetSegment(q Querier, device string, segment int64) (rec SegmentRecord, ok bool, err error) {
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
func LastSegment(q Querier, device string) (rec SegmentRecord, ok bool, err error) {
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
func (tx *Tx) RecordSegment(r SegmentRecord) error {
	if r.Applied == "" {
		r.Applied = time.Now().UTC().Format(time.RFC3339)
	}
	_, err := tx.c.ExecContext(tx.ctx, "INSERT OR REPLACE INTO sync_segments("+segCols+") VALUES(?, ?, ?, ?, ?, ?, ?)",
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
func (s *Store) ReplaceQuarantine(ctx context.Context, qs []Quarantined) error {
	return s.Update(ctx, func(tx *Tx) error {
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
func ListQuarantine(q Querier) ([]Quarantined, error) {
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
func ReadSyncCounts(q Querier) (SyncCounts, error) {
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

// CanonicalExport writes every synced table's rows (tombstones included) as JSON with
// sorted tables, rows sorted by id and keys sorted, so that two replicas holding the same
// data give the same bytes. Local-only tables are left out.
func CanonicalExport(q Querier) ([]byte, error) {
	var b strings.Builder
	b.WriteString("{\n")
	names := SyncedTables()
	sort.Strings(names)
	for i, name := range names {
		ti := tables[name]
		cols := make([]string, len(ti.cols))
		for j, c := range ti.cols {
			cols[j] = quoteIdent(c.name)
		}
		slice := reflect.New(reflect.SliceOf(ti.typ))
		if err := q.Select(slice.Interface(), fmt.Sprintf("SELECT %s FROM %s ORDER BY id", strings.Join(cols, ", "), quoteIdent(name))); err != nil {
			return nil, fmt.Errorf("canonical export of %s: %w", name, err)
		}
		tn, _ := json.Marshal(name)
		fmt.Fprintf(&b, "  %s: [", tn)
		rows := slice.Elem()
		for r := 0; r < rows.Len(); r++ {
			m := make(map[string]any, len(ti.cols))
			for _, c := range ti.cols {
				m[c.name] = rows.Index(r).FieldByIndex(c.index).Interface()
			}
			line, err := json.Marshal(m)
			if err != nil {
				return nil, fmt.Errorf("canonical export of %s: %w", name, err)
			}
			if r > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n    ")
			b.Write(line)
		}
		if rows.Len() > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("]")
		if i < len(names)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return []byte(b.String()), nil
}

// AttachmentSHAs lists the content hashes of live attachments (the blobs a replica needs).
func AttachmentSHAs(q Querier) ([]string, error) {
	var out []string
	if err := q.Select(&out, "SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 AND sha256 != '' ORDER BY sha256"); err != nil {
		return nil, fmt.Errorf("list attachment hashes: %w", err)
	}
	return out, nil
}

// SetMetaTx writes a local-only value inside an Update.
func (tx *Tx) SetMetaTx(key, value string) error {
	_, err := tx.c.ExecContext(tx.ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}

// MetaTx reads a local-only value inside an Update ("" when unset).
func (tx *Tx) MetaTx(key string) (string, error) {
	var v string
	err := tx.c.GetContext(tx.ctx, &v, "SELECT value FROM meta WHERE key = ?", key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

// FlaggedDevices lists the devices whose changes were flagged for a clock running ahead,
// by id.
func FlaggedDevices(q Querier) ([]string, error) {
	out := []string{}
	if err := q.Select(&out, "SELECT DISTINCT device FROM sync_flags ORDER BY device"); err != nil {
		return nil, fmt.Errorf("flagged devices: %w", err)
	}
	return out, nil
}
