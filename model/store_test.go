package model

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

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

func TestPutLogsOneEntryPerChangedField(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "w.db"), nil)
	lat := 38.1
	a := &Asset{Name: "Piazza Fonderia", Kind: "square", Lat: &lat}
	require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(a) }))
	require.NotEmpty(t, a.ID)
	require.Equal(t, 3, countChanges(t, s), "a new row logs its non-zero fields")

	tests := []struct {
		name   string
		change func(a *Asset)
		want   int
	}{
		{"unchanged put writes nothing", func(a *Asset) {}, 0},
		{"one field", func(a *Asset) { a.District = "Tribunali" }, 1},
		{"two fields", func(a *Asset) { a.Name = "Piazza"; a.Designated = true }, 2},
		{"pointer field to nil", func(a *Asset) { a.Lat = nil }, 1},
		{"same value again", func(a *Asset) { a.Name = "Piazza" }, 0},
		{"tombstone", func(a *Asset) { a.Deleted = true }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := countChanges(t, s)
			var cur Asset
			require.NoError(t, s.DB().Get(&cur, "SELECT * FROM assets WHERE id = ?", a.ID))
			tc.change(&cur)
			require.NoError(t, s.Update(ctx, func(tx *Tx) error { return tx.Put(&cur) }))
			require.Equal(t, tc.want, countChanges(t, s)-before)
			var got Asset
			require.NoError(t, s.DB().Get(&got, "SELECT * FROM assets WHERE id = ?", a.ID))
			require.Equal(t, cur, got, "the row holds what was put")
		})
	}

	// Each entry names the writer of the value it replaced.
	var c Change
	require.NoError(t, s.DB().Get(&c, "SELECT * FROM changes WHERE field = 'district'"))
	require.Equal(t, "", c.PrevDevice)
	var first int64
	require.NoError(t, s.DB().Get(&first, "SELECT min(seq) FROM changes WHERE field = 'name'"))
	require.NoError(t, s.DB().Get(&c, "SELECT * FROM changes WHERE field = 'name' ORDER BY seq DESC LIMIT 1"))
	require.Equal(t, "dev-a", c.PrevDevice)
	require.Equal(t, first, c.PrevSeq)
	// Field clocks follow the newest entry.
	var seq int64
	require.NoError(t, s.DB().Get(&seq, "SELECT seq FROM clocks WHERE tbl='assets' AND row=? AND field='name'", a.ID))
	require.Equal(t, c.Seq, seq)
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
	require.NoError(t, s.DB().Get(&n, "SELECT count(*) FROM clocks"))
	require.Zero(t, n)

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
	require.Equal(t, 400, n, "200 rows, two fields each")
	require.Equal(t, n, maxSeq, "sequence numbers are contiguous")
	require.Equal(t, 200, distinct, "every update got its own clock value")
	rep, err := a.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)
}
