package model

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzDecodeValue holds the fast decoder of remote column values to encoding/json, for
// every kind of column: the same values accepted, the same refused.
func FuzzDecodeValue(f *testing.F) {
	for _, s := range []string{`"Città"`, `"a\"b"`, `"\u00e9"`, `1`, `-0`, `+1`, `01`, `.5`, `1.`, `1e5`, `1E+2`, `-1.5e-3`,
		`true`, `null`, `0x10`, `1_000`, `Inf`, `NaN`, `9223372036854775808`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	targets := []any{new(string), new(int64), new(bool), new(float64), new(*float64)}
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, target := range targets {
			typ := reflect.TypeOf(target).Elem()
			got := reflect.New(typ).Elem()
			errGot := decodeValue(raw, got)
			want := reflect.New(typ)
			errWant := json.Unmarshal(raw, want.Interface())
			if (errGot == nil) != (errWant == nil) {
				t.Fatalf("%q into %s: decodeValue error %v, encoding/json error %v", raw, typ, errGot, errWant)
			}
			if errGot == nil && !reflect.DeepEqual(got.Interface(), want.Elem().Interface()) {
				t.Fatalf("%q into %s: decodeValue %#v, encoding/json %#v", raw, typ, got.Interface(), want.Elem().Interface())
			}
		}
	})
}
