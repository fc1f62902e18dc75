// The canonical export: every synced row in one order, so that replicas holding the same
// data give the same bytes (tests and `pacta export canonical` compare them).

package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

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
