package model

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Entity is a row of a synced table. Implementations are pointers to structs that embed
// Row and tag every stored field with `db:"column"`.
type Entity interface {
	TableName() string
}

// Row is embedded in every synced entity: the random, time-ordered id and the tombstone.
// Synced rows are never hard-deleted, so foreign keys hold whatever order changes arrive in.
type Row struct {
	ID      string `db:"id" json:"id"`
	Deleted bool   `db:"deleted" json:"deleted,omitempty"`
}

// column describes one stored field of a synced table.
type column struct {
	name  string
	index []int
	typ   reflect.Type
	pos   int // in tableInfo.cols
}

// tableInfo is what the store knows about a synced table, derived from its Go type.
type tableInfo struct {
	name     string
	typ      reflect.Type // struct type
	cols     []column     // all columns, "id" first
	byName   map[string]column
	loadQ    string   // every column, by id
	selectQ  string   // every column, clk and this device's numbering (log_state), by id
	pendingQ string   // every column and clk of the rows this device wrote after a sequence number
	inserts  sync.Map // column set (uint64) → INSERT of those columns, clk and lseq
	updates  sync.Map // updateKey → UPDATE of those columns and clk (and lseq), by id
}

// updateKey names an UPDATE of updateOf.
type updateKey struct {
	set  uint64 // the columns set (bit i: ti.cols[i])
	lseq bool   // lseq is set too
}

// updateOf is the UPDATE, by id, of the columns in set (bit i: ti.cols[i]) and clk, and of
// lseq when lseq is set; the arguments are the columns' values in the table's order, clk,
// lseq and the id.
func (ti *tableInfo) updateOf(set uint64, lseq bool) string {
	key := updateKey{set, lseq}
	if q, ok := ti.updates.Load(key); ok {
		return q.(string)
	}
	var q strings.Builder
	fmt.Fprintf(&q, "UPDATE %s SET ", quoteIdent(ti.name))
	for i, c := range ti.cols {
		if set&(1<<i) != 0 {
			q.WriteString(quoteIdent(c.name) + " = ?, ")
		}
	}
	q.WriteString("clk = ?")
	if lseq {
		q.WriteString(", lseq = ?")
	}
	q.WriteString(" WHERE id = ?")
	ti.updates.Store(key, q.String())
	return q.String()
}

var tables = map[string]*tableInfo{}

// insertOf is the INSERT of the columns in set (bit i: ti.cols[i]), clk and lseq.
func (ti *tableInfo) insertOf(set uint64) string {
	if q, ok := ti.inserts.Load(set); ok {
		return q.(string)
	}
	var names, marks []string
	for i, c := range ti.cols {
		if set&(1<<i) != 0 {
			names = append(names, quoteIdent(c.name))
			marks = append(marks, "?")
		}
	}
	q := fmt.Sprintf("INSERT INTO %s (%s, clk, lseq) VALUES (%s, ?, ?)", quoteIdent(ti.name), strings.Join(names, ", "), strings.Join(marks, ", "))
	ti.inserts.Store(set, q)
	return q
}

// dests are the Scan destinations of a row of ti read into v (a struct value of ti's
// type), column by column, followed by extra.
func (ti *tableInfo) dests(v reflect.Value, extra ...any) []any {
	d := make([]any, len(ti.cols), len(ti.cols)+len(extra))
	for i, c := range ti.cols {
		d[i] = v.FieldByIndex(c.index).Addr().Interface()
	}
	return append(d, extra...)
}

// RegisterTable records a synced table from a prototype entity. It panics on a programming
// error (a missing id column), which a test of this package catches at init.
func RegisterTable(proto Entity) {
	t := reflect.TypeOf(proto)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	ti := &tableInfo{name: proto.TableName(), typ: t, byName: map[string]column{}}
	collectColumns(t, nil, ti)
	if _, ok := ti.byName["id"]; !ok {
		panic(fmt.Sprintf("model: table %s has no id column", ti.name))
	}
	if len(ti.cols) > 64 {
		panic(fmt.Sprintf("model: table %s has more than 64 columns", ti.name))
	}
	// id first, then the rest in declaration order.
	sort.SliceStable(ti.cols, func(i, j int) bool { return ti.cols[i].name == "id" && ti.cols[j].name != "id" })
	names := make([]string, len(ti.cols))
	for i, c := range ti.cols {
		ti.cols[i].pos = i
		ti.byName[c.name] = ti.cols[i]
		names[i] = quoteIdent(c.name)
	}
	// selectQ carries the row's field clocks (the clk column every synced table has), and
	// this device's numbering, which Put needs before it stamps a change (Tx.ready): an
	// edit then costs no statement of its own for it.
	ti.loadQ = fmt.Sprintf("SELECT %s FROM %s WHERE id = ?", strings.Join(names, ", "), quoteIdent(ti.name))
	ti.selectQ = fmt.Sprintf("SELECT %s, clk, (SELECT reserved FROM log_state) FROM %s WHERE id = ?",
		strings.Join(names, ", "), quoteIdent(ti.name))
	ti.pendingQ = fmt.Sprintf("SELECT %s, clk FROM %s WHERE lseq > ?", strings.Join(names, ", "), quoteIdent(ti.name))
	tables[ti.name] = ti
}

func collectColumns(t reflect.Type, prefix []int, ti *tableInfo) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		idx := append(append([]int{}, prefix...), i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			collectColumns(f.Type, idx, ti)
			continue
		}
		tag := f.Tag.Get("db")
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		c := column{name: tag, index: idx, typ: f.Type}
		ti.cols = append(ti.cols, c)
		ti.byName[tag] = c
	}
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// SyncedTables lists the names of all synced tables, sorted.
func SyncedTables() []string {
	out := make([]string, 0, len(tables))
	for n := range tables {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// TableColumns lists a synced table's columns ("id" first), or nil when the table is unknown.
func TableColumns(table string) []string {
	ti := tables[table]
	if ti == nil {
		return nil
	}
	out := make([]string, len(ti.cols))
	for i, c := range ti.cols {
		out[i] = c.name
	}
	return out
}

func lookupTable(e Entity) (*tableInfo, reflect.Value, error) {
	ti := tables[e.TableName()]
	if ti == nil {
		return nil, reflect.Value{}, fmt.Errorf("table %s is not registered", e.TableName())
	}
	v := reflect.ValueOf(e)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Type() != ti.typ {
		return nil, reflect.Value{}, fmt.Errorf("put %s: want a non-nil *%s", ti.name, ti.typ.Name())
	}
	return ti, v.Elem(), nil
}
