package model

import (
	"strings"
	"testing"
)

// TestJSONNamesAreColumnNames: every stored field's JSON name is its column's name. A
// change travels, and the canonical export is compared, by that one name.
func TestJSONNamesAreColumnNames(t *testing.T) {
	for name, ti := range tables {
		for _, c := range ti.cols {
			f := ti.typ.FieldByIndex(c.index)
			js, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if js != c.name {
				t.Errorf("table %s: field %s is stored as %q but written to JSON as %q", name, f.Name, c.name, js)
			}
		}
	}
}
