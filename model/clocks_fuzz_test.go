package model

import (
	"encoding/json"
	"testing"
)

// FuzzScanClocks checks the fast clock reader against encoding/json: whatever it accepts,
// encoding/json reads the same way; and what encode writes, parseClocks reads back (the
// fast reader leaves escapes such as encode's \u0026 to encoding/json).
func FuzzScanClocks(f *testing.F) {
	for _, s := range []string{`{}`, `{"*":["1.2.d",3]}`, `{"a":["x",-1],"b":["y",2]}`, `{"a":["x",01]}`, `{"a\u00e9":["x",1]}`, `{"a":["x",1,"d",2],"b":["y",3]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast, ok := scanClocks(s)
		if !ok {
			return
		}
		var want rowClocks
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatalf("fast reader accepted %q, encoding/json refuses it: %v", s, err)
		}
		if want == nil {
			want = rowClocks{}
		}
		if len(want) != len(fast) {
			t.Fatalf("%q: fast %v, encoding/json %v", s, fast, want)
		}
		for k, v := range want {
			if fast[k] != v {
				t.Fatalf("%q: fast %v, encoding/json %v", s, fast, want)
			}
		}
		back, err := parseClocks(fast.encode())
		if err != nil || len(back) != len(fast) {
			t.Fatalf("%q: encode %q does not read back: %v", s, fast.encode(), err)
		}
		for k, v := range fast {
			if back[k] != v {
				t.Fatalf("%q: encode %q reads back as %v", s, fast.encode(), back)
			}
		}
	})
}
