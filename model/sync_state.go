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
)

// ErrStaleConflict means a conflict no longer shows the value in place: someone changed
// the field since. The conflict list must be read again before deciding.
var ErrStaleConflict = errors.New("the field was changed again since this conflict was recorded: look at the conflicts again before deciding")

// Side names the side of c that keep chooses: "local" or "incoming" ("" for an edited
// value). keep is KeepMine or KeepTheirs (when this device wrote a side), KeepEdited, or the
// device id of a side's writer.
func (c Conflict) Side(keep, self string) (string, error) {
	switch keep {
	case KeepEdited:
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
	if w, err := FieldWriter(tx, c.Table, c.Row, c.Field); err != nil {
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
