package model

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// errRollBack ends a fuzzed Update without committing it.
var errRollBack = errors.New("roll back")

// FuzzDecodeChange feeds changes as a hostile shared folder may hold them to DecodeChange
// and, when it accepts one, applies it with the model API internal/replica uses
// (CreateRemote, ReadTarget, WriteRemote and the Target and Incoming accessors), on a
// store that keeps what earlier inputs wrote: nothing may panic, and an accepted change
// leaves a row that reads back.
func FuzzDecodeChange(f *testing.F) {
	seeds := []struct {
		device string
		seq    int64
		hlc    string
		table  string
		row    string
		fields string
		prev   string
	}{
		{"dev-b", 1, "0001a2b3c4d5e.00000000.dev-b", "assets", "r1", `{"id":"r1","name":"x"}`, ``},
		{"dev-b", 2, "0001a2b3c4d5f.00000000.dev-b", "assets", "r1", `{"name":"y","lat":1.5}`, `{"name":["dev-b",1]}`},
		{"dev-b", 3, "0001a2b3c4d60.00000000.dev-b", "assets", "r1", `{"deleted":true}`, `{"deleted":["dev-b",1]}`},
		{"dev-a", 4, "0001a2b3c4d60.00000000.dev-a", "assets", "r1", `{"name":"mine"}`, ``},
		{"dev-c", 1, "7fffffffffffffff.ffffffff.dev-c", "assets", "r1", `{"lat":null,"lon":-0.0}`, ``},
		{"dev-b", 9, "1.0.dev-b", "settings", "municipality", `{"id":"municipality","value":"\u00e9\u0000"}`, ``},
		{"dev-b", 1, "1.0.dev-b", "devices", "dev-b", `{"id":"dev-b","admin":true}`, ``},
		{`d"\`, 1, `1.0.d"\`, "assets", "r\x00", `{"name":"\xff"}`, `{"name":["d\"\\",0]}`},
		{"dev-b", 1, "1.0.dev-b", "assets", "r1", `{"name":[[[[]]]]}`, ``},
		{"dev-b", 1, "1.0.dev-b", "assets", "r1", `{"lat":1e400}`, ``},
		{"dev-b", 1, "1.0.dev-b", "pacts", "p1", `{"id":"p1"}`, ``},
	}
	for _, s := range seeds {
		f.Add(s.device, s.seq, s.hlc, s.table, s.row, s.fields, s.prev)
	}
	st, err := Open(filepath.Join(f.TempDir(), "dev-a.db"), Options{Device: "dev-a"})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	f.Fuzz(func(t *testing.T, device string, seq int64, hlc, table, row, fields, prev string) {
		ch := Change{Device: device, Seq: seq, HLC: hlc, Table: table, Row: row, Fields: RawJSON(fields)}
		if prev != "" {
			ch.Prev = RawJSON(prev)
		}
		in, err := DecodeChange(ch)
		if err != nil {
			if in != nil {
				t.Fatalf("DecodeChange returned %v with the error %v", in, err)
			}
			return
		}
		if in.Table != table || in.Row != row || in.Clock.Device != device || len(in.Names) == 0 {
			t.Fatalf("DecodeChange accepted %+v as %+v", ch, in)
		}
		var panicked any
		var stack []byte
		var mismatch error
		err = st.Update(context.Background(), func(tx *Tx) (err error) {
			defer func() {
				if p := recover(); p != nil {
					panicked, stack = p, debug.Stack()
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			if _, err := tx.CreateRemote(in, true); err != nil {
				return err
			}
			tgt, err := tx.ReadTarget(in)
			if err != nil {
				return err
			}
			if tgt == nil {
				mismatch = fmt.Errorf("the row %q is not there after CreateRemote", in.Row)
				return mismatch
			}
			won := make([]int, len(in.Names))
			for i, name := range in.Names {
				won[i] = i
				_ = tgt.Clock(name)
				_ = tgt.Same(in, i)
				_ = in.IsTrue(i)
				_ = tgt.IsTrue(in, name)
				if _, err := tgt.Value(in, i); err != nil {
					return err
				}
				if _, err := in.Value(i); err != nil {
					return err
				}
			}
			_ = in.Columns()
			_ = in.HasField(fuzzDeletedField)
			if err := tx.WriteRemote(in, tgt, won); err != nil {
				return err
			}
			tx.Observe(in.Clock)
			back, err := tx.ReadTarget(in)
			if err != nil {
				return err
			}
			for i := range in.Names {
				if !back.Same(in, i) {
					mismatch = fmt.Errorf("field %s does not read back as written", in.Names[i])
					return mismatch
				}
			}
			if seq%2 == 0 {
				return errRollBack
			}
			return nil
		})
		if panicked != nil {
			t.Fatalf("applying %+v panicked: %v\n%s", ch, panicked, stack)
		}
		if mismatch != nil {
			t.Fatalf("applying %+v: %v", ch, mismatch)
		}
		if err != nil && !errors.Is(err, errRollBack) {
			t.Logf("applying %+v: %v", ch, err)
		}
	})
}

// fuzzDeletedField is the tombstone's field (replica.DeletedField).
const fuzzDeletedField = "deleted"
