package model

import (
	"encoding/json"
	"slices"
	"strings"
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

// FuzzClockTextWith checks the edit's text path against the map: stamping fields of
// clocks read as text writes what encode writes for the map with the same stamps, and
// each field's previous clock is the one the map gives.
func FuzzClockTextWith(f *testing.F) {
	f.Add(`{"*":["1.2.d",3],"name":["4.5.d",6,"e",2]}`, "name,kind", int64(9), "b", int64(0))
	f.Add(`{}`, "a", int64(1), "", int64(0))
	f.Add(``, "deleted,value", int64(2), "x", int64(4))
	f.Add(`{"a":["x",1],"c":["y",2]}`, "b", int64(3), "d", int64(1))
	f.Fuzz(func(t *testing.T, clk, fieldList string, seq int64, baseDev string, baseSeq int64) {
		var fields []string
		for _, f := range strings.Split(fieldList, ",") {
			if f != "" && f != wholeRow && !slices.Contains(fields, f) { // fields are columns
				fields = append(fields, f)
			}
		}
		if len(fields) == 0 {
			return
		}
		slices.Sort(fields)
		var ct clockText
		if !readClockText(clk, &ct) {
			return
		}
		rc, err := parseClocks(clk)
		if err != nil {
			t.Fatalf("%q: read as text, refused as clocks: %v", clk, err)
		}
		if rc.encode() != clk {
			return // not as encode writes it (readClockText keeps only sorted keys)
		}
		news := make([]Stamp, len(fields))
		for i, f := range fields {
			st, own := ct.of(f)
			mst, mown := rc[f]
			if !mown {
				mst = rc.of(f)
			}
			if st != mst || own != mown {
				t.Fatalf("%q: %s is %v/%v as text, %v/%v in the map", clk, f, st, own, mst, mown)
			}
			news[i] = Stamp{HLC: "0001a2b3c4d5e.00000000.dev", Seq: seq, Base: Writer{Device: baseDev, Seq: baseSeq}}
			rc[f] = news[i]
		}
		if got, want := ct.with(fields, news), rc.encode(); got != want {
			t.Fatalf("%q with %v: text %q, map %q", clk, fields, got, want)
		}
	})
}
