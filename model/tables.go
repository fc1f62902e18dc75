// Every synced table handled alike, by name: for code that works across tables (settling a
// conflict, the random tests, checks of foreign keys).

package model

import (
	"fmt"
	"reflect"
)

// ColumnType is the Go type of a synced table's column, or nil when either is unknown.
// Tests and tools use it to make or check values generically.
func ColumnType(table, col string) reflect.Type {
	ti := tables[table]
	if ti == nil {
		return nil
	}
	c, ok := ti.byName[col]
	if !ok {
		return nil
	}
	return c.typ
}

// ForeignKey is one column of a synced table that refers to another table's id.
type ForeignKey struct {
	Column string `db:"from"`
	Table  string `db:"table"`
}

// ForeignKeys lists the foreign keys of a synced table (PRAGMA foreign_key_list).
func ForeignKeys(q Querier, table string) ([]ForeignKey, error) {
	if tables[table] == nil {
		return nil, fmt.Errorf("foreign keys: %s is not a synced table", table)
	}
	var out []ForeignKey
	if err := q.Select(&out, fmt.Sprintf(`SELECT "from", "table" FROM pragma_foreign_key_list(%s)`, quoteString(table))); err != nil {
		return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
	}
	return out, nil
}

func quoteString(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}

// NewEntity makes an empty entity of a synced table (nil when the table is unknown), for
// code that handles every table alike (conflict resolution, tests).
func NewEntity(table string) Entity {
	ti := tables[table]
	if ti == nil {
		return nil
	}
	return reflect.New(ti.typ).Interface().(Entity)
}

// LoadEntity reads one row of a synced table into a new entity.
func LoadEntity(q Querier, table, id string) (Entity, error) {
	ti := tables[table]
	if ti == nil {
		return nil, fmt.Errorf("load: unknown table %q", table)
	}
	e := reflect.New(ti.typ).Interface().(Entity)
	if err := q.Get(e, ti.loadQ, id); err != nil {
		return nil, fmt.Errorf("load %s %s: %w", table, id, err)
	}
	return e, nil
}

// RowIDs lists the ids of a synced table's rows, tombstones included, in id order.
func RowIDs(q Querier, table string) ([]string, error) {
	if tables[table] == nil {
		return nil, fmt.Errorf("row ids: unknown table %q", table)
	}
	var out []string
	if err := q.Select(&out, fmt.Sprintf("SELECT id FROM %s ORDER BY id", quoteIdent(table))); err != nil {
		return nil, fmt.Errorf("row ids of %s: %w", table, err)
	}
	return out, nil
}

// SetEntityField sets one field of an entity by column name from a Go value of the
// column's type; false when the column is unknown or the value does not fit.
func SetEntityField(e Entity, col string, v any) bool {
	ti := tables[e.TableName()]
	if ti == nil {
		return false
	}
	c, ok := ti.byName[col]
	if !ok {
		return false
	}
	rv := reflect.ValueOf(v)
	f := reflect.ValueOf(e).Elem().FieldByIndex(c.index)
	if !rv.IsValid() {
		f.Set(reflect.Zero(c.typ))
		return true
	}
	if rv.Type() != c.typ {
		return false
	}
	f.Set(rv)
	return true
}
