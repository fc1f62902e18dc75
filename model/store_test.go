package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/stretchr/testify/require"
)

// fakeClock is a settable wall clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func openTest(t *testing.T, path string, c Clock) *Store {
	t.Helper()
	s, err := Open(path, Options{Device: "dev-a", Clock: c})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func countChanges(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM changes"))
	return n
}

func TestOpenAppliesMigrations(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	v, err := s.UserVersion(context.Background())
	require.NoError(t, err)
	require.Equal(t, SchemaVersion(), v)
	require.Positive(t, v)
	// Reopening applies nothing twice.
	s.Close()
	s2 := openTest(t, s.Path(), nil)
	v2, err := s2.UserVersion(context.Background())
	require.NoError(t, err)
	require.Equal(t, v, v2)
}

// lastChange is the newest entry of the log.
func lastChange(t *testing.T, s *Store) Change {
	t.Helper()
	var c Change
	require.NoError(t, s.DB().Get(&c, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes ORDER BY seq DESC LIMIT 1"))
	return c
}

// rowClk is the clk column of an asset.
func rowClk(t *testing.T, s *Store, id string) rowClocks {
	t.Helper()
	var clk string
	require.NoError(t, s.DB().Get(&clk, "SELECT clk FROM assets WHERE id = ?", id))
	rc, err := parseClocks(clk)
	require.NoError(t, err)
	return rc
}

func TestPutLogsOneEntryPerChangedRow(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	lat := 38.1
	a := &Asset{Name: "Piazza Fonderia", Kind: "square", Lat: &lat}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.NotEmpty(t, a.ID)
	require.Equal(t, 1, countChanges(t, s), "a new row is one entry")
	created := lastChange(t, s)
	vals, err := created.Values()
	require.NoError(t, err)
	require.Equal(t, map[string]RawJSON{"id": RawJSON(`"` + a.ID + `"`), "name": RawJSON(`"Piazza Fonderia"`),
		"kind": RawJSON(`"square"`), "lat": RawJSON(`38.1`)}, vals, "a creation carries the id and the fields not at their zero value")
	require.Empty(t, created.Prev, "a creation replaces nothing")
	require.Equal(t, rowClocks{wholeRow: {HLC: created.HLC, Seq: created.Seq}}, rowClk(t, s, a.ID))

	tests := []struct {
		name   string
		change func(a *Asset)
		fields []string // of the new entry; nil: no entry
	}{
		{"unchanged put writes nothing", func(a *Asset) {}, nil},
		{"one field", func(a *Asset) { a.District = "Tribunali" }, []string{"district"}},
		{"two fields", func(a *Asset) { a.Name = "Piazza"; a.Designated = true }, []string{"designated", "name"}},
		{"pointer field to nil", func(a *Asset) { a.Lat = nil }, []string{"lat"}},
		{"same value again", func(a *Asset) { a.Name = "Piazza" }, nil},
		{"tombstone", func(a *Asset) { a.Deleted = true }, []string{"deleted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := countChanges(t, s)
			cur, err := LoadEntity(s.DB(), "assets", a.ID)
			require.NoError(t, err)
			tc.change(cur.(*Asset))
			require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(cur) }))
			got, err := LoadEntity(s.DB(), "assets", a.ID)
			require.NoError(t, err)
			require.Equal(t, cur, got, "the row holds what was put")
			if tc.fields == nil {
				require.Equal(t, before, countChanges(t, s))
				return
			}
			require.Equal(t, before+1, countChanges(t, s))
			c := lastChange(t, s)
			vals, err := c.Values()
			require.NoError(t, err)
			var names []string
			for f := range vals {
				names = append(names, f)
			}
			require.ElementsMatch(t, tc.fields, names)
			// Each changed field names the writer of the value it replaced, and its
			// clock moves to the new entry.
			prev, err := c.PrevWriters()
			require.NoError(t, err)
			rc := rowClk(t, s, a.ID)
			for _, f := range tc.fields {
				require.Equal(t, "dev-a", prev[f].Device, f)
				require.Equal(t, stamp{HLC: c.HLC, Seq: c.Seq}, rc.of(f), f)
			}
		})
	}
	// The district was first written by the creation, then replaced.
	rc := rowClk(t, s, a.ID)
	require.Equal(t, created.Seq, rc.of("kind").Seq, "untouched fields keep the creation's clock")
	require.NotEqual(t, created.Seq, rc.of("district").Seq)
}

func TestValuesEncodeLikeEncodingJSON(t *testing.T) {
	f := 38.123456
	tiny, huge, neg := 1e-7, 1e22, -0.5
	cases := []any{
		"", "Città", "a\"b\\c", "<tag> & more", "line\nbreak\ttab\x01", "\u2028\u2029", "bad \xff utf8", "Niño Señora",
		true, false, int64(0), int64(-42), int64(1) << 62, 0, 7,
		0.0, 1.5, -2.25, tiny, huge, neg, 38.1, 1e21, 123456789.0,
		(*float64)(nil), &f, &tiny,
	}
	for _, c := range cases {
		want, err := json.Marshal(c)
		require.NoError(t, err)
		got, err := appendValue(nil, reflect.ValueOf(c))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%#v", c)
		// And back, to what encoding/json would decode.
		dst := reflect.New(reflect.TypeOf(c)).Elem()
		require.NoError(t, decodeValue(got, dst))
		ref := reflect.New(reflect.TypeOf(c))
		require.NoError(t, json.Unmarshal(want, ref.Interface()))
		require.Equal(t, ref.Elem().Interface(), dst.Interface(), "round trip of %#v", c)
	}
	_, err := appendValue(nil, reflect.ValueOf(math.NaN()))
	require.Error(t, err, "NaN has no JSON form")
	// Untrusted input that only looks like a plain string is decoded strictly.
	for _, bad := range []string{`"a"b"`, "\"raw\nnewline\"", `tru`, `1_000`, `0x10`, `"unterminated`} {
		var dst string
		var b bool
		var n int64
		require.Error(t, decodeValue([]byte(bad), reflect.ValueOf(&dst).Elem()), bad)
		require.Error(t, decodeValue([]byte(bad), reflect.ValueOf(&b).Elem()), bad)
		require.Error(t, decodeValue([]byte(bad), reflect.ValueOf(&n).Elem()), bad)
	}
}

func TestEveryTableHasClocks(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	for _, name := range SyncedTables() {
		var n int
		require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'clk'", name))
		require.Equal(t, 1, n, "table %s needs a clk column (add it in its migration)", name)
	}
}

func TestFailedUpdateLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx *Tx) error {
		if err := tx.Put(&Asset{Name: "X"}); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM assets"))
	require.Zero(t, n)
	require.Zero(t, countChanges(t, s))

	// A panic inside is turned into an error and also leaves nothing.
	err = s.Update(ctx, func(tx *Tx) error {
		_ = tx.Put(&Asset{Name: "Y"})
		panic("bad")
	})
	require.Error(t, err)
	require.Zero(t, countChanges(t, s))
}

func TestDeleteIsATombstone(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	a := &Asset{Name: "Parco"}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Delete(a) }))
	var deleted bool
	require.NoError(t, s.DB().Get(&deleted, "SELECT deleted FROM assets WHERE id = ?", a.ID))
	require.True(t, deleted)
}

func TestHLCMonotonicAcrossRestartsAndBackwardSteps(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	clk := &fakeClock{t: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	s := openTest(t, path, clk)
	var last HLC
	write := func(s *Store, name string) {
		require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(&Asset{Name: name}) }))
		var h string
		require.NoError(t, s.DB().Get(&h, "SELECT hlc FROM changes ORDER BY seq DESC LIMIT 1"))
		cur, err := ParseHLC(h)
		require.NoError(t, err)
		require.Equal(t, 1, cur.Compare(last), "hlc %s must be after %s", cur, last)
		last = cur
	}
	write(s, "a")
	clk.Set(clk.Now().Add(-time.Hour)) // the wall clock steps back
	write(s, "b")
	write(s, "c")
	require.NoError(t, s.Close())

	clk.Set(clk.Now().Add(-24 * time.Hour)) // and further back across a restart
	s2 := openTest(t, path, clk)
	write(s2, "d")
	clk.Set(clk.Now().Add(48 * time.Hour)) // then forward again
	write(s2, "e")
	require.Equal(t, clk.Now().UnixMilli(), last.Wall)

	var seqs []int64
	require.NoError(t, s2.DB().Select(&seqs, "SELECT seq FROM changes ORDER BY seq"))
	for i, q := range seqs {
		require.Equal(t, int64(i+1), q, "sequence continues across restarts")
	}
}

func TestHLCObserveAndParse(t *testing.T) {
	clk := &fakeClock{t: time.UnixMilli(1000)}
	k := NewHLClock(clk, "b", HLC{})
	k.Observe(HLC{Wall: 5000, Counter: 7, Device: "a"})
	h := k.Now()
	require.Equal(t, HLC{Wall: 5000, Counter: 8, Device: "b"}, h)
	p, err := ParseHLC(h.String())
	require.NoError(t, err)
	require.Equal(t, h, p)
	_, err = ParseHLC("nonsense")
	require.Error(t, err)
}

func TestNewIDSortsByCreation(t *testing.T) {
	prev := NewID()
	for i := 0; i < 10000; i++ {
		id := NewID()
		require.Len(t, id, 32)
		require.Greater(t, id, prev)
		prev = id
	}
	// More ids in one millisecond than the counter holds, and a clock that steps back:
	// they still sort in the order they were made.
	now := time.Now().UnixMilli()
	prev = newIDAt(now)
	for i := 0; i < 70000; i++ {
		at := now
		if i == 50000 {
			at = now - 1000
		}
		id := newIDAt(at)
		require.Greater(t, id, prev, "id %d", i)
		prev = id
	}
	require.Greater(t, NewID(), prev, "the real clock continues after the borrowed milliseconds")
}

func TestNextRef(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	ref, err := NextRef(s.DB(), "assets", "ASSET-", 4)
	require.NoError(t, err)
	require.Equal(t, "ASSET-0001", ref)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error {
		for _, r := range []string{"ASSET-0009", "ASSET-0010", "OTHER-9999"} {
			if err := tx.Put(&Asset{Ref: r}); err != nil {
				return err
			}
		}
		return nil
	}))
	ref, err = NextRef(s.DB(), "assets", "ASSET-", 4)
	require.NoError(t, err)
	require.Equal(t, "ASSET-0011", ref)
}

func TestSettingsAndCheck(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	v, err := GetSetting(s.DB(), SettingMunicipality, "default")
	require.NoError(t, err)
	require.Equal(t, "default", v)
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.PutSetting(SettingMunicipality, "Comune di Palermo") }))
	v, err = GetSetting(s.DB(), SettingMunicipality, "default")
	require.NoError(t, err)
	require.Equal(t, "Comune di Palermo", v)
	rep, err := s.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)
	require.Equal(t, 1, rep.Counts["settings"])
	require.NoError(t, s.Backup(ctx, filepath.Join(t.TempDir(), "b.db")))
}

func TestExecLocalRefusesSyncedTables(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	err := s.Update(context.Background(), func(tx *Tx) error {
		_, err := tx.ExecLocal(`INSERT INTO assets (id) VALUES ('x')`)
		return err
	})
	require.Error(t, err)
}

// TestTwoWritersOnOneFile is the GUI and a command-line tool writing the same workspace
// at once (same device, separate connections): no lost write, no duplicate sequence
// number, a sound file.
func TestTwoWritersOnOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a := openTest(t, path, nil)
	b := openTest(t, path, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, s := range []*Store{a, b} {
		wg.Add(1)
		go func(s *Store) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if err := s.Update(ctx, func(tx *Tx) error { return tx.Put(&Asset{Name: "x", Kind: "square"}) }); err != nil {
					errs <- err
					return
				}
			}
		}(s)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	var n, distinct, maxSeq int
	require.NoError(t, a.DB().Get(&n, "SELECT count(*) FROM changes"))
	require.NoError(t, a.DB().Get(&distinct, "SELECT count(DISTINCT hlc) FROM changes"))
	require.NoError(t, a.DB().Get(&maxSeq, "SELECT max(seq) FROM changes"))
	require.Equal(t, 200, n, "200 rows, one entry each")
	require.Equal(t, n, maxSeq, "sequence numbers are contiguous")
	require.Equal(t, 200, distinct, "every update got its own clock value")
	rep, err := a.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)

	// Both edit one row in turn: an edit learns from the row it reads that the other wrote
	// meanwhile, so the sequence stays contiguous and each edit's clock is later than the
	// one it replaces.
	shared := &Asset{Name: "shared", Kind: "square"}
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(shared) }))
	for i := 0; i < 50; i++ {
		for j, s := range []*Store{a, b} {
			name := fmt.Sprintf("edit %d by %d", i, j)
			require.NoError(t, s.Update(ctx, func(tx *Tx) error {
				var cur Asset
				if err := tx.Get(&cur, "SELECT id, name, kind FROM assets WHERE id = ?", shared.ID); err != nil {
					return err
				}
				cur.Name = name
				return tx.Put(&cur)
			}))
		}
	}
	require.NoError(t, a.DB().Get(&n, "SELECT count(*) FROM changes"))
	require.NoError(t, a.DB().Get(&maxSeq, "SELECT max(seq) FROM changes"))
	require.Equal(t, 301, n)
	require.Equal(t, n, maxSeq, "sequence numbers are contiguous")
	var hlcs []string
	require.NoError(t, a.DB().Select(&hlcs, "SELECT hlc FROM changes WHERE row = ? ORDER BY seq", shared.ID))
	require.Len(t, hlcs, 101)
	for i := 1; i < len(hlcs); i++ {
		prev, err := ParseHLC(hlcs[i-1])
		require.NoError(t, err)
		cur, err := ParseHLC(hlcs[i])
		require.NoError(t, err)
		require.Positive(t, cur.Compare(prev), "edit %d's clock follows the one before", i)
	}
}

// TestMigrationToRowChanges opens a workspace written before the change log kept one
// entry per row (schema 4: one entry and one clock row per field) and checks that its log
// and clocks carry over: same sequence numbers, same writers, same values.
func TestMigrationToRowChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sqlx.Open(driverName, DSN(path))
	require.NoError(t, err)
	ms, err := loadMigrations()
	require.NoError(t, err)
	for _, m := range ms {
		if m.version > 4 {
			break
		}
		_, err := db.Exec(m.sql)
		require.NoError(t, err, m.name)
	}
	const (
		row = "01a2000000000000000000000000beef"
		h1  = "0001a2b3c4d5e.00000000.dev-a"
		h2  = "0001a2b3c4d5f.00000000.dev-b"
	)
	for _, q := range []string{
		`PRAGMA user_version = 4`,
		`INSERT INTO assets(id, name, kind, district) VALUES('` + row + `', 'Piazza <Nuova>', 'square', 'Centro')`,
		// dev-a created the asset (two fields), then dev-b renamed it.
		`INSERT INTO changes VALUES('dev-a', 1, '` + h1 + `', 'assets', '` + row + `', 'name', '"Piazza Vecchia"', '', 0)`,
		`INSERT INTO changes VALUES('dev-a', 2, '` + h1 + `', 'assets', '` + row + `', 'kind', '"square"', '', 0)`,
		`INSERT INTO changes VALUES('dev-a', 3, '` + h1 + `', 'assets', '` + row + `', 'district', '"Centro"', '', 0)`,
		`INSERT INTO changes VALUES('dev-b', 1, '` + h2 + `', 'assets', '` + row + `', 'name', '"Piazza \u003cNuova\u003e"', 'dev-a', 1)`,
		`INSERT INTO clocks VALUES('assets', '` + row + `', 'name', '` + h2 + `', 'dev-b', 1)`,
		`INSERT INTO clocks VALUES('assets', '` + row + `', 'kind', '` + h1 + `', 'dev-a', 2)`,
		`INSERT INTO clocks VALUES('assets', '` + row + `', 'district', '` + h1 + `', 'dev-a', 3)`,
	} {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())

	s := openTest(t, path, nil)
	var chs []Change
	require.NoError(t, s.DB().Select(&chs, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes ORDER BY device, seq"))
	require.Len(t, chs, 4, "one entry for each old one, sequence numbers kept")
	require.JSONEq(t, `{"name":"Piazza Vecchia"}`, string(chs[0].Fields))
	require.Empty(t, chs[0].Prev)
	require.Equal(t, "dev-b", chs[3].Device)
	require.JSONEq(t, `{"name":"Piazza \u003cNuova\u003e"}`, string(chs[3].Fields))
	require.JSONEq(t, `{"name":["dev-a",1]}`, string(chs[3].Prev))
	rc := rowClk(t, s, row)
	require.Equal(t, stamp{HLC: h2, Seq: 1}, rc.of("name"))
	require.Equal(t, stamp{HLC: h1, Seq: 2}, rc.of("kind"))
	require.Equal(t, stamp{}, rc.of("description"), "a field never written has no clock")
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM sqlite_master WHERE name = 'clocks'"))
	require.Zero(t, n, "the per-field clocks table is gone")

	// Writing after the migration: the sequence goes on, and the entry names the writer
	// of the value it replaces.
	e, err := LoadEntity(s.DB(), "assets", row)
	require.NoError(t, err)
	e.(*Asset).District = "Kalsa"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(e) }))
	c := lastChange(t, s)
	require.Equal(t, int64(4), c.Seq)
	require.JSONEq(t, `{"district":["dev-a",3]}`, string(c.Prev))
	rep, err := s.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)
}

func TestHLCStringMatchesItsFormat(t *testing.T) {
	for _, h := range []HLC{{}, {Wall: 1, Counter: 2, Device: "d"}, {Wall: 1767225600000, Counter: 0xffffffff, Device: "01a2b3"},
		{Wall: 0xfffffffffffff, Counter: 17, Device: ""}} {
		require.Equal(t, fmt.Sprintf("%012x.%08x.%s", h.Wall, h.Counter, h.Device), h.String())
	}
}

func TestClocksEncodeAndParseLikeEncodingJSON(t *testing.T) {
	for _, rc := range []rowClocks{
		{"name": {HLC: "1700000000000.0001.dev", Seq: 3}},
		{"*": {HLC: "1.0.a", Seq: 1}, "name": {HLC: "2.0.b", Seq: 9}, "deleted": {HLC: "3.1.c", Seq: 1 << 40}},
		{"Città": {HLC: "x<y>&\"z\\", Seq: -1}},
	} {
		pairs := map[string][]any{}
		for k, st := range rc {
			pairs[k] = []any{st.HLC, st.Seq}
		}
		want, err := json.Marshal(pairs)
		require.NoError(t, err)
		require.Equal(t, string(want), rc.encode())
		back, err := parseClocks(rc.encode())
		require.NoError(t, err)
		require.Equal(t, rc, back)
	}
	// Whatever the fast reader accepts, encoding/json reads the same; what it does not,
	// parseClocks hands to encoding/json, which reads it or refuses it.
	for _, s := range []string{
		`{}`, `{"*":["1.2.d",3]}`, `{"a":["x",-1],"b":["y",2]}`, `{"a":["x",0]}`, `{"a":["x",-0]}`,
		`{"a": ["x", 1]}`, `{"a\u00e9":["x",1]}`, `null`, `{"a":["x",1],"a":["y",2]}`,
		`{"a":["x",1]`, `{"a":["x",1.5]}`, `{"a":["x",01]}`, `{"a":["x",-01]}`, `{"a":["x",1],}`,
		`{"a":["x",1]}junk`, `{"a":["x"]}`, `{"a":["x",1,2]}`, `{"a":"x"}`, `{"a":["x",-]}`, `[]`, `{`,
	} {
		var want rowClocks
		wantErr := json.Unmarshal([]byte(s), &want)
		if want == nil {
			want = rowClocks{}
		}
		if fast, ok := scanClocks(s); ok {
			require.NoError(t, wantErr, "fast reader accepted %s", s)
			require.Equal(t, want, fast, s)
		}
		got, err := parseClocks(s)
		if wantErr != nil {
			require.Error(t, err, s)
			continue
		}
		require.NoError(t, err, s)
		require.Equal(t, want, got, s)
	}
}

func TestGrowCacheLastsOneUpdate(t *testing.T) {
	st := openTest(t, filepath.Join(t.TempDir(), "p.db"), nil)
	ctx := context.Background()
	size := func() (n int) {
		require.NoError(t, st.Update(ctx, func(tx *Tx) error { return tx.Get(&n, "PRAGMA cache_size") }))
		return n
	}
	require.Equal(t, defaultCacheSize, size())
	for _, fail := range []bool{false, true} {
		err := st.Update(ctx, func(tx *Tx) error {
			require.NoError(t, tx.GrowCache(64))
			var n int
			require.NoError(t, tx.Get(&n, "PRAGMA cache_size"))
			require.Equal(t, -64*1024, n)
			if fail {
				return errors.New("refused")
			}
			return nil
		})
		require.Equal(t, fail, err != nil)
		require.Equal(t, defaultCacheSize, size(), "after an Update that failed: %v", fail)
	}
}
