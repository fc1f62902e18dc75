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

// FuzzPlainText checks the word-at-a-time test against the byte-by-byte one.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"", "01a2b3c4d5e6.00000000.dev", "a\\b", "x\"", "città", "a<b", "\x1f", "\x7f", "12345678\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			want := true
			for i := 0; i < len(s); i++ {
				c := s[i]
				if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
					want = false
				}
			}
			if got := plainText(s, html); got != want {
				t.Fatalf("plainText(%q, %v) = %v, want %v", s, html, got, want)
			}
		}
	})
}
