package model

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/stretchr/testify/require"
)

// The readers cannot write: SQLite refuses, so nothing writes a synced table around the
// one write path (Update), whatever package holds DB().
func TestReadersCannotWrite(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "p.db"), nil)
	_, err := s.DB().Exec(`UPDATE assets SET name = 'x'`)
	require.ErrorContains(t, err, "readonly")
	_, err = s.DB().Exec(`INSERT INTO meta(key, value) VALUES ('k', 'v')`)
	require.ErrorContains(t, err, "readonly")
}

// A read transaction takes no write lock: it runs while a write transaction is open, and a
// write can start while it is open.
func TestReadTransactionDuringAWrite(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "p.db"), nil)
	ctx := context.Background()
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- s.Update(ctx, func(tx *Tx) error {
			close(inside)
			<-release
			return tx.Put(&Asset{Name: "Giardino"})
		})
	}()
	<-inside
	start := time.Now()
	rtx, err := s.DB().BeginTxx(ctx, nil)
	require.NoError(t, err)
	var n int
	require.NoError(t, rtx.Get(&n, `SELECT count(*) FROM assets`))
	require.Less(t, time.Since(start), 2*time.Second, "the read waited for the write lock")
	close(release)
	require.NoError(t, <-done, "a write commits while a read transaction is open")
	require.NoError(t, rtx.Rollback())
}

// Two processes opening a file of an older schema at once: one migrates it, the other
// waits and finds it done (user_version is read inside the migration's transaction).
func TestTwoOpenersMigrateAnOldFileOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := loadMigrations()
	require.NoError(t, err)
	old := 5
	db, err := sqlx.Open(driverName, DSN(path))
	require.NoError(t, err)
	for _, m := range ms[:old] {
		_, err := db.Exec(m.sql)
		require.NoError(t, err, m.name)
	}
	_, err = db.Exec("PRAGMA user_version = 5")
	require.NoError(t, err)
	require.NoError(t, db.Close())

	const openers = 4
	var wg sync.WaitGroup
	errs := make([]error, openers)
	stores := make([]*Store, openers)
	for i := range openers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(path, Options{Device: "dev" + string(rune('a'+i))})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "opener %d", i)
		v, err := stores[i].UserVersion(context.Background())
		require.NoError(t, err)
		require.Equal(t, SchemaVersion(), v)
		require.NoError(t, stores[i].Close())
	}
}
