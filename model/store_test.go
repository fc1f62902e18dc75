package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
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

// pending lists the changes of s that an export would seal now (without sealing them).
func pending(t *testing.T, s *Store) []Change {
	t.Helper()
	var chs []Change
	require.NoError(t, s.Update(context.Background(), func(tx *Tx) error {
		var err error
		chs, _, err = tx.PendingChanges()
		return err
	}))
	n, err := s.PendingCount(context.Background())
	require.NoError(t, err)
	require.Equal(t, len(chs), n, "PendingCount counts what PendingChanges lists")
	return chs
}

// lastChange is the newest change an export would seal now.
func lastChange(t *testing.T, s *Store) Change {
	t.Helper()
	chs := pending(t, s)
	require.NotEmpty(t, chs)
	return chs[len(chs)-1]
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

func TestPutStampsOneChangePerPut(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	lat := 38.1
	a := &Asset{Name: "Piazza Fonderia", Kind: "square", Lat: &lat}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.NotEmpty(t, a.ID)
	require.Zero(t, countChanges(t, s), "the change log keeps other devices' changes only")
	created := seal(t, s)
	require.Len(t, created, 1, "a new row is one change")
	vals, err := created[0].Values()
	require.NoError(t, err)
	require.Equal(t, map[string]RawJSON{"id": RawJSON(`"` + a.ID + `"`), "name": RawJSON(`"Piazza Fonderia"`),
		"kind": RawJSON(`"square"`), "lat": RawJSON(`38.1`)}, vals, "a creation carries the id and the fields not at their zero value")
	require.Empty(t, created[0].Prev, "a creation replaces nothing")
	require.Equal(t, rowClocks{wholeRow: {HLC: created[0].HLC, Seq: created[0].Seq}}, rowClk(t, s, a.ID))
	require.Empty(t, pending(t, s), "sealed")

	tests := []struct {
		name   string
		change func(a *Asset)
		fields []string // of the new change; nil: no change
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
			before := rowClk(t, s, a.ID)
			cur, err := LoadEntity(s.DB(), "assets", a.ID)
			require.NoError(t, err)
			tc.change(cur.(*Asset))
			require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(cur) }))
			got, err := LoadEntity(s.DB(), "assets", a.ID)
			require.NoError(t, err)
			require.Equal(t, cur, got, "the row holds what was put")
			chs := seal(t, s)
			if tc.fields == nil {
				require.Empty(t, chs)
				return
			}
			require.Len(t, chs, 1)
			c := chs[0]
			vals, err := c.Values()
			require.NoError(t, err)
			var names []string
			for f := range vals {
				names = append(names, f)
			}
			require.ElementsMatch(t, tc.fields, names)
			// Each changed field names the writer of the value it replaced, and its
			// clock moves to the new change.
			prev, err := c.PrevWriters()
			require.NoError(t, err)
			rc := rowClk(t, s, a.ID)
			for _, f := range tc.fields {
				require.Equal(t, before.of(f).Writer(), prev[f], f)
				require.Equal(t, Stamp{HLC: c.HLC, Seq: c.Seq, Base: prev[f]}, rc.of(f), f)
			}
		})
	}
	// The district was first written by the creation, then replaced.
	rc := rowClk(t, s, a.ID)
	require.Equal(t, created[0].Seq, rc.of("kind").Seq, "untouched fields keep the creation's clock")
	require.NotEqual(t, created[0].Seq, rc.of("district").Seq)
}

// TestPendingChangesAreWhatIsInPlace: an export carries one entry per change still in
// place; a value written over again before it leaves with the later change, which names
// as replaced the value the other replicas hold.
func TestPendingChangesAreWhatIsInPlace(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	put := func(e Entity) {
		t.Helper()
		require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(e) }))
	}
	a := &Asset{Name: "n1", Kind: "square", District: "d1"}
	put(a) // seq 1: creation
	a.Name = "n2"
	put(a) // seq 2: written over by seq 3
	b := &Asset{Name: "other", Kind: "building"}
	put(b) // seq 3
	a.Name, a.District = "n3", "d3"
	put(a) // seq 4
	chs := pending(t, s)
	require.Equal(t, []int64{1, 3, 4}, seqsOf(chs), "seq 2 was written over before any export")
	require.JSONEq(t, `{"id":"`+a.ID+`","kind":"square"}`, string(chs[0].Fields), "the creation carries the fields still at its values")
	require.Empty(t, chs[0].Prev)
	require.Equal(t, b.ID, chs[1].Row)
	require.JSONEq(t, `{"name":"n3","district":"d3"}`, string(chs[2].Fields))
	require.JSONEq(t, `{"name":["dev-a",1],"district":["dev-a",1]}`, string(chs[2].Prev),
		"the others will hold the creation's values")
	require.Len(t, seal(t, s), 3)

	// After the export, an edit names the exported change; written over again, it still does.
	a.Name = "n5"
	put(a)
	a.Name = "n6"
	put(a)
	chs = pending(t, s)
	require.Len(t, chs, 1)
	require.JSONEq(t, `{"name":"n6"}`, string(chs[0].Fields))
	require.JSONEq(t, `{"name":["dev-a",4]}`, string(chs[0].Prev))
	// A creation whose every field was written over still creates the row.
	c := &Asset{Name: "c", Kind: "street"}
	put(c)
	c.Name, c.Kind = "c2", "square"
	put(c)
	chs = pending(t, s)
	require.Len(t, chs, 3)
	require.JSONEq(t, `{"id":"`+c.ID+`"}`, string(chs[1].Fields))
}

func seqsOf(chs []Change) []int64 {
	out := make([]int64, len(chs))
	for i, c := range chs {
		out[i] = c.Seq
	}
	return out
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
	var lastSeq int64
	write := func(s *Store, name string) {
		a := &Asset{Name: name}
		require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
		st := rowClk(t, s, a.ID)[wholeRow]
		cur, err := ParseHLC(st.HLC)
		require.NoError(t, err)
		require.Equal(t, 1, cur.Compare(last), "hlc %s must be after %s", cur, last)
		require.Greater(t, st.Seq, lastSeq, "sequence numbers go on across restarts")
		last, lastSeq = cur, st.Seq
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
	require.Equal(t, int64(5), lastSeq, "a store closed cleanly gives back the numbers it did not use")
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

// TestHLCAfterAFullCounter: a clock observed from the folder with a full counter (a forged
// one) is still left behind by this laptop's next timestamp, in the next millisecond;
// at the largest clock there is, the clock stays rather than wrap backwards.
func TestHLCAfterAFullCounter(t *testing.T) {
	clk := &fakeClock{t: time.UnixMilli(1000)}
	for _, wall := range []int64{1000, 5000, MaxWall - 1, MaxWall} {
		k := NewHLClock(clk, "b", HLC{})
		seen := HLC{Wall: wall, Counter: math.MaxUint32, Device: "z"}
		k.Observe(seen)
		h := k.Now()
		if wall == MaxWall {
			require.Equal(t, HLC{Wall: MaxWall, Counter: math.MaxUint32, Device: "b"}, h)
			continue
		}
		require.Positive(t, h.Compare(seen), "%v after %v", h, seen)
		require.Less(t, seen.String(), h.String(), "the text sorts as the clock")
		require.Len(t, h.String(), len(seen.String()))
	}
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
	next := func(prefix string) string {
		t.Helper()
		var ref string
		require.NoError(t, s.Update(ctx, func(tx *Tx) error {
			var err error
			ref, err = NextRef(tx, "assets", prefix, 4)
			if err != nil {
				return err
			}
			return tx.Put(&Asset{Ref: ref})
		}))
		return ref
	}
	put := func(refs ...string) {
		t.Helper()
		require.NoError(t, s.Update(ctx, func(tx *Tx) error {
			for _, r := range refs {
				if err := tx.Put(&Asset{Ref: r}); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	counter := func(prefix string) int {
		t.Helper()
		var n []int
		require.NoError(t, s.DB().Select(&n, "SELECT n FROM ref_counters WHERE tbl = 'assets' AND prefix = ?", prefix))
		if len(n) == 0 {
			return -1
		}
		return n[0]
	}

	require.Equal(t, -1, counter("ASSET-"))
	for _, step := range []struct {
		before []string // rows written around the counter (another laptop's, typed ones)
		prefix string
		want   string
		n      int
	}{
		{nil, "ASSET-", "ASSET-0001", 1},
		{nil, "ASSET-", "ASSET-0002", 2},
		{[]string{"ASSET-0009", "ASSET-0010", "OTHER-9999"}, "ASSET-", "ASSET-0003", 3}, // free: the counter goes on
		{[]string{"ASSET-0004"}, "ASSET-", "ASSET-0011", 11},                            // held: past the highest, once
		{nil, "ASSET-", "ASSET-0012", 12},
		{nil, "OTHER-", "OTHER-10000", 10000}, // a new prefix starts from the table's highest
		{nil, "X_", "X_0001", 1},              // LIKE's wildcards are not wildcards
	} {
		put(step.before...)
		require.Equal(t, step.want, next(step.prefix))
		require.Equal(t, step.n, counter(step.prefix), step.want)
	}

	// A transaction that fails leaves the counter as it was.
	require.Error(t, s.Update(ctx, func(tx *Tx) error {
		if _, err := NextRef(tx, "assets", "ASSET-", 4); err != nil {
			return err
		}
		return errors.New("changed my mind")
	}))
	require.Equal(t, 12, counter("ASSET-"))
	require.Equal(t, "ASSET-0013", next("ASSET-"))
	_, err := NextRef(nil, "nope", "N-", 4)
	require.ErrorContains(t, err, "unknown table")
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
	for _, q := range []string{
		`INSERT INTO assets (id) VALUES ('x')`,
		// A prepared statement runs the first statement only: the second would be lost.
		`INSERT INTO meta(key, value) VALUES('a', '1'); INSERT INTO meta(key, value) VALUES('b', '2')`,
	} {
		err := s.Update(context.Background(), func(tx *Tx) error {
			_, err := tx.ExecLocal(q)
			return err
		})
		require.Error(t, err, q)
	}
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM meta WHERE key IN ('a', 'b')"))
	require.Zero(t, n)
	require.NoError(t, s.Update(context.Background(), func(tx *Tx) error {
		_, err := tx.ExecLocal(`INSERT INTO meta(key, value) VALUES('a', '1');`)
		return err
	}), "one statement with its semicolon")
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
	// Sequence numbers follow the order of commits, whichever store made them: in rowid
	// order, which is the order of the inserts.
	var clks []string
	require.NoError(t, a.DB().Select(&clks, "SELECT clk FROM assets ORDER BY rowid"))
	require.Len(t, clks, 200)
	var prev int64
	for _, c := range clks {
		rc, err := parseClocks(c)
		require.NoError(t, err)
		require.Greater(t, rc[wholeRow].Seq, prev)
		prev = rc[wholeRow].Seq
	}
	require.Len(t, pending(t, a), 200, "one change each, all of them found by an export")
	rep, err := a.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)

	// Both edit one row in turn: each edit's number and clock come after the ones of the
	// value it replaces.
	shared := &Asset{Name: "shared", Kind: "square"}
	require.NoError(t, a.Update(ctx, func(tx *Tx) error { return tx.Put(shared) }))
	last := rowClk(t, a, shared.ID)[wholeRow]
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
			st := rowClk(t, s, shared.ID).of("name")
			require.Greater(t, st.Seq, last.Seq)
			h, err := ParseHLC(st.HLC)
			require.NoError(t, err)
			lh, err := ParseHLC(last.HLC)
			require.NoError(t, err)
			require.Positive(t, h.Compare(lh), "edit %d's clock follows the one before", i)
			last = st
		}
	}
}

// openAtSchema makes a database at path with the migrations up to version applied, as an
// older Pacta left it (user_version is for the caller to set with its data).
func openAtSchema(t *testing.T, path string, version int) *sqlx.DB {
	t.Helper()
	db, err := sqlx.Open(driverName, DSN(path))
	require.NoError(t, err)
	ms, err := loadMigrations()
	require.NoError(t, err)
	for _, m := range ms {
		if m.version > version {
			break
		}
		_, err := db.Exec(m.sql)
		require.NoError(t, err, m.name)
	}
	return db
}

// TestMigrationToRowChanges opens a workspace written before the change log kept one
// entry per row (schema 4: one entry and one clock row per field) and checks that its log
// and clocks carry over: same sequence numbers, same writers, same values.
func TestMigrationToRowChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := openAtSchema(t, path, 4)
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

	s := openTest(t, path, nil) // dev-a
	var chs []Change
	require.NoError(t, s.DB().Select(&chs, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes ORDER BY device, seq"))
	require.Len(t, chs, 1, "the other device's entry; this device's own moved into the rows (migration 6)")
	require.Equal(t, "dev-b", chs[0].Device)
	require.JSONEq(t, `{"name":"Piazza \u003cNuova\u003e"}`, string(chs[0].Fields))
	require.JSONEq(t, `{"name":["dev-a",1]}`, string(chs[0].Prev))
	own := pending(t, s)
	require.Equal(t, []int64{2, 3}, seqsOf(own), "dev-a's changes still in place, none exported yet")
	require.JSONEq(t, `{"kind":"square"}`, string(own[0].Fields))
	rc := rowClk(t, s, row)
	require.Equal(t, Stamp{HLC: h2, Seq: 1}, rc.of("name"))
	require.Equal(t, Stamp{HLC: h1, Seq: 2}, rc.of("kind"))
	require.Equal(t, Stamp{}, rc.of("description"), "a field never written has no clock")
	var n int
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM sqlite_master WHERE name = 'clocks'"))
	require.Zero(t, n, "the per-field clocks table is gone")

	// Writing after the migrations: the sequence goes on, and the change names as replaced
	// only what the other replicas hold.
	e, err := LoadEntity(s.DB(), "assets", row)
	require.NoError(t, err)
	e.(*Asset).District = "Kalsa"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(e) }))
	c := lastChange(t, s)
	require.Equal(t, int64(4), c.Seq)
	require.Empty(t, c.Prev, "no replica holds the district dev-a wrote before: it never left")
	require.Equal(t, []int64{2, 4}, seqsOf(pending(t, s)))
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

func TestCreationClockIsWholeRowClock(t *testing.T) {
	for _, h := range []HLC{{Wall: 1, Device: "d"}, {Wall: 1767225600000, Counter: 0xffffffff, Device: NewID()}} {
		for _, seq := range []int64{1, 9, 10, 123456789} {
			require.Equal(t, wholeRowClock(Stamp{HLC: h.String(), Seq: seq}), creationClock(h, seq))
		}
	}
	// The stamp Put keeps of a new row is the one in its clocks, for any device id.
	for _, dev := range []string{"dev-a", `dev "quoted"`} {
		s, err := Open(filepath.Join(t.TempDir(), "w.db"), Options{Device: dev})
		require.NoError(t, err)
		a := &Asset{Name: "x"}
		var last Stamp
		require.NoError(t, s.Update(context.Background(), func(tx *Tx) error {
			err := tx.Put(a)
			last = tx.last
			return err
		}))
		require.Equal(t, rowClocks{wholeRow: last}, rowClk(t, s, a.ID), dev)
		require.True(t, strings.HasSuffix(last.HLC, "."+dev))
		require.NoError(t, s.Close())
	}
}

func TestClocksEncodeAndParseLikeEncodingJSON(t *testing.T) {
	for _, rc := range []rowClocks{
		{"name": {HLC: "1700000000000.0001.dev", Seq: 3}},
		{"*": {HLC: "1.0.a", Seq: 1}, "name": {HLC: "2.0.b", Seq: 9}, "deleted": {HLC: "3.1.c", Seq: 1 << 40}},
		{"Città": {HLC: "x<y>&\"z\\", Seq: -1}},
		{"*": {HLC: "1.0.a", Seq: 1}, "name": {HLC: "2.0.a", Seq: 4, Base: Writer{Device: "b", Seq: 2}}},
	} {
		pairs := map[string][]any{}
		for k, st := range rc {
			pairs[k] = []any{st.HLC, st.Seq}
			if !st.Base.IsZero() {
				pairs[k] = append(pairs[k], st.Base.Device, st.Base.Seq)
			}
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
		`{"a":["x",1,"d",2]}`, `{"a":["x",1,"d"]}`, `{"a":["x",1,"d",2,3]}`, `{"a":["x",1,2,"d"]}`, `{"a":["x",1,"d",02]}`,
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

// TestUpgradeMovesOwnChangesIntoRows opens a workspace of schema 5, whose change log held
// this device's changes too, some exported and some not: the exported ones stay exported,
// the others become stamps in their rows naming the values the other replicas hold, and
// the numbering goes on after them.
func TestUpgradeMovesOwnChangesIntoRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	db := openAtSchema(t, path, 5)
	const r = "01a2000000000000000000000000cafe"
	h := func(n int) string { return fmt.Sprintf("0001a2b3c4d%02x.00000000.dev-a", n) }
	hb := "0001a2b3c4dff.00000000.dev-b"
	for _, q := range []string{
		`PRAGMA user_version = 5`,
		`INSERT INTO meta(key, value) VALUES('sync.exported_seq', '2'), ('hlc', '` + h(7) + `')`,
		// dev-a created the asset (1) and renamed it (2), both exported; renamed it again
		// (3, 4: also a district) and dev-b changed its kind meanwhile.
		`INSERT INTO assets(id, name, kind, district, clk) VALUES('` + r + `', 'n4', 'building', 'd4',
			'{"*":["` + h(1) + `",1],"district":["` + h(4) + `",4],"kind":["` + hb + `",1],"name":["` + h(4) + `",4]}')`,
		`INSERT INTO changes VALUES('dev-a', 1, '` + h(1) + `', 'assets', '` + r + `', '{"id":"` + r + `","name":"n1","kind":"square"}', '')`,
		`INSERT INTO changes VALUES('dev-a', 2, '` + h(2) + `', 'assets', '` + r + `', '{"name":"n2"}', '{"name":["dev-a",1]}')`,
		`INSERT INTO changes VALUES('dev-a', 3, '` + h(3) + `', 'assets', '` + r + `', '{"name":"n3"}', '{"name":["dev-a",2]}')`,
		`INSERT INTO changes VALUES('dev-a', 4, '` + h(4) + `', 'assets', '` + r + `', '{"name":"n4","district":"d4"}', '{"name":["dev-a",3],"district":["dev-a",1]}')`,
		`INSERT INTO changes VALUES('dev-b', 1, '` + hb + `', 'assets', '` + r + `', '{"kind":"building"}', '{"kind":["dev-a",1]}')`,
		// A setting created (5), then both its fields edited at once (6): the clocks had
		// folded that edit into the whole-row key.
		`INSERT INTO settings(id, deleted, value, clk) VALUES('x', 1, 'v2', '{"*":["` + h(6) + `",6]}')`,
		`INSERT INTO changes VALUES('dev-a', 5, '` + h(5) + `', 'settings', 'x', '{"id":"x","value":"v1"}', '')`,
		`INSERT INTO changes VALUES('dev-a', 6, '` + h(6) + `', 'settings', 'x', '{"deleted":true,"value":"v2"}', '{"deleted":["dev-a",5],"value":["dev-a",5]}')`,
	} {
		_, err := db.Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())

	s := openTest(t, path, nil) // dev-a
	require.Equal(t, 1, countChanges(t, s), "dev-b's change stays in the change log, dev-a's moved to the rows")
	num, err := ReadNumbering(s.DB())
	require.NoError(t, err)
	require.Equal(t, Numbering{Reserved: 6, Sealed: 2}, num)
	chs := pending(t, s)
	require.Equal(t, []int64{4, 5, 6}, seqsOf(chs), "3 was written over before any export")
	require.JSONEq(t, `{"name":"n4","district":"d4"}`, string(chs[0].Fields))
	require.JSONEq(t, `{"name":["dev-a",2],"district":["dev-a",1]}`, string(chs[0].Prev), "the name the others hold is 2, exported")
	require.JSONEq(t, `{"id":"x"}`, string(chs[1].Fields), "the setting's creation, every field written over since")
	require.JSONEq(t, `{"deleted":true,"value":"v2"}`, string(chs[2].Fields))
	require.JSONEq(t, `{"deleted":["dev-a",5],"value":["dev-a",5]}`, string(chs[2].Prev))

	// The numbering goes on after the moved changes, and the clock after theirs.
	e, err := LoadEntity(s.DB(), "assets", r)
	require.NoError(t, err)
	e.(*Asset).Name = "n7"
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(e) }))
	c := lastChange(t, s)
	require.Equal(t, int64(7), c.Seq)
	require.JSONEq(t, `{"name":["dev-a",2]}`, string(c.Prev))
	hc, err := ParseHLC(c.HLC)
	require.NoError(t, err)
	h7, err := ParseHLC(h(7))
	require.NoError(t, err)
	require.Positive(t, hc.Compare(h7))
	rep, err := s.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)
}

// TestASealedStoreStillFindsNewChanges: once a seal took every change, an export reads
// no row until something is stamped again, here or by another process on the same file
// (the command line beside the window), whose changes it must not miss.
func TestASealedStoreStillFindsNewChanges(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	a := openTest(t, path, nil)
	b := openTest(t, path, nil)
	put := func(s *Store, name string) {
		t.Helper()
		require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(&Asset{Name: name, Kind: "square"}) }))
	}
	put(a, "one")
	require.Len(t, seal(t, a), 1)
	require.True(t, a.quiet)
	require.Empty(t, pending(t, a))
	require.True(t, a.quiet, "looking without sealing keeps it quiet")

	put(b, "two") // another process
	chs := pending(t, a)
	require.Len(t, chs, 1)
	require.Len(t, pending(t, a), 1, "listed, not sealed: the change still waits")
	require.Len(t, seal(t, a), 1)
	require.True(t, a.quiet)

	put(a, "three") // this store
	require.False(t, a.quiet)
	require.Len(t, seal(t, a), 1)
	// A failed seal leaves the changes waiting.
	put(a, "four")
	err := a.Update(ctx, func(tx *Tx) error {
		chs, _, err := tx.PendingChanges()
		require.NoError(t, err)
		require.NoError(t, tx.Seal(chs[len(chs)-1].Seq))
		return errors.New("the folder is full")
	})
	require.Error(t, err)
	require.Len(t, pending(t, a), 1)
}

// TestASealByAnotherProcessIsNoticed: when the command line seals this laptop's changes
// while the window is open, the window's next edit of a field names the sealed value as
// the one it replaces (the others hold it now), not the value before it.
func TestASealByAnotherProcessIsNoticed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.db")
	win := openTest(t, path, nil)
	cli := openTest(t, path, nil)
	a := &Asset{Name: "n1", Kind: "square"}
	require.NoError(t, win.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	first := seal(t, win)[0]
	a.Name = "n2"
	require.NoError(t, win.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	sealed := seal(t, cli) // the command line's sync
	require.Len(t, sealed, 1)
	require.JSONEq(t, `{"name":["dev-a",`+fmt.Sprint(first.Seq)+`]}`, string(sealed[0].Prev))
	a.Name = "n3"
	require.NoError(t, win.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	chs := pending(t, win)
	require.Len(t, chs, 1)
	require.JSONEq(t, `{"name":["dev-a",`+fmt.Sprint(sealed[0].Seq)+`]}`, string(chs[0].Prev), "n2 is what the others hold now")
	require.Greater(t, chs[0].Seq, sealed[0].Seq)
}
