package model

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
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
