// Package model holds Pacta's domain types and its SQLite store: migrations, the single
// write path (Store.Update with Tx.Put / Tx.Delete), the change log and the hybrid
// logical clock. It imports nothing else of Pacta's.
package model

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime/debug"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"
)

// DriverName is go-sqlite3 with Pacta's per-connection settings, for database/sql (the
// benchmarks open plain connections with it). temp_store = MEMORY keeps SQLite's
// statement journals in memory instead of temporary files: every INSERT into a table
// with indexes and triggers opens one, and on disk they made a bulk import of 100,000
// assets take twice as long. They hold only the pages one statement changes.
const DriverName = "sqlite3_pacta"

const driverName = DriverName

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

//go:embed migrations/*.sql
var migrationFS embed.FS

// Options configures Open.
type Options struct {
	Device string // this device's id; every change it writes carries it
	Clock  Clock  // physical clock; nil means the system clock
	// Log receives what the store cannot return: a panic in Update, with its stack, before
	// Update returns it as an internal error. nil means slog.Default().
	Log *slog.Logger
}

// Store is one workspace's SQLite database.
type Store struct {
	path   string
	device string
	w      *sqlx.DB // the writer pool, of one connection
	// wc is that connection, held for the life of the store: every write transaction runs
	// on it, begun and ended by prepared statements. (A database/sql Tx would start a
	// goroutine to watch each transaction and another for each query in it, which cost a
	// person's edit a tenth of its time.)
	wc  *sqlx.Conn
	r   *sqlx.DB // readers
	hlc *HLClock
	// writer serialises Update within the process (see lock); _txlock=immediate across
	// processes.
	writer chan struct{}
	after  []func()
	hookMu sync.Mutex
	// prepared holds the writer's statements, prepared on wc the first time they run (the
	// fixed ones at open): a person's edit is one short transaction, and parsing its
	// statements again each time would cost more than the change log itself.
	prepared map[string]*sql.Stmt
	localQ   map[string]bool // queries ExecLocal found write no synced table
	// This device's numbering as this store knows it, guarded by the writer (lock): the next sequence
	// number to issue, log_state.reserved as this store last read or wrote it (-1: read it
	// again), and the last number sealed then. See Tx.noteState.
	next, limit, sealed int64
	opened              HLC // the clock persisted when the store was opened
	// plainDevice: the device id needs no escaping in JSON, so that clocks can be written
	// without (creationClock).
	plainDevice bool
	// quiet: no change of this device waits in the rows, as of the writer connection's
	// data_version quietVer. The last seal took every change pending, and none was stamped
	// since, by this store or (data_version would have moved) by another process: an
	// export then has nothing to look for, and the background sync reads no row.
	quiet    bool
	quietVer int64
	// log receives a panic in Update, with its stack (Options.Log).
	log *slog.Logger
}

// DSN returns the connection string of DESIGN §4 for a database file.
func DSN(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// readDSN is the connection string of the readers: the same file and settings, but
// transactions that take no lock until they must (deferred), and query_only, so that
// SQLite itself refuses a write that does not go through Update (the one write path).
func readDSN(path string) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "deferred")
	q.Set("_query_only", "true")
	return "file:" + path + "?" + q.Encode()
}

// ErrNoDevice is returned by Open when Options.Device is empty.
var ErrNoDevice = errors.New("open store: a device id is required")

// Open opens (creating if needed) the database at path and applies pending migrations.
func Open(path string, opt Options) (*Store, error) {
	if opt.Device == "" {
		return nil, ErrNoDevice
	}
	w, err := sqlx.Open(driverName, DSN(path))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{path: path, device: opt.Device, log: opt.Log, w: w, writer: make(chan struct{}, 1), limit: -1, plainDevice: string(appendJSONString(nil, opt.Device)) == `"`+opt.Device+`"`}
	if err := s.migrate(); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sqlx.Open(driverName, readDSN(path))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store readers %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	if s.wc, err = w.Connx(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.prepare(); err != nil {
		s.Close()
		return nil, err
	}
	last, err := s.persistedHLC(context.Background(), s.wc)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.hlc, s.opened = NewHLClock(opt.Clock, opt.Device, last), last
	if err := s.claimLog(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// maxPrepared bounds the statements the store keeps (the UPDATE of each set of columns
// that Put has changed is one): a few hundred cover every screen's edits.
const maxPrepared = 512

// Statements that begin and end every write transaction.
const (
	beginQ    = "BEGIN IMMEDIATE" // takes the write lock at once (DESIGN §4's _txlock=immediate)
	commitQ   = "COMMIT"
	rollbackQ = "ROLLBACK"
)

// prepare prepares the writer's fixed queries (see Store.prepared).
func (s *Store) prepare() error {
	s.prepared = map[string]*sql.Stmt{}
	qs := []string{beginQ, commitQ, rollbackQ, reservedQ}
	for _, t := range tables {
		qs = append(qs, t.selectQ)
	}
	for _, q := range qs {
		if _, err := s.stmt(q); err != nil {
			return fmt.Errorf("open store: %w", err)
		}
	}
	return nil
}

// stmt returns the writer's prepared statement for query, preparing it now if need be. It
// is kept for later transactions while there is room; otherwise temp is true and the
// caller closes it after use. The caller holds mu (or is Open).
func (s *Store) stmt(query string) (st *sql.Stmt, err error) {
	if st := s.prepared[query]; st != nil {
		return st, nil
	}
	if st, err = s.wc.PrepareContext(context.Background(), query); err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	if len(s.prepared) < maxPrepared {
		s.prepared[query] = st
	}
	return st, nil
}

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	if s.wc != nil && s.hlc != nil {
		errs = append(errs, s.saveNumbering())
	}
	for _, st := range s.prepared {
		errs = append(errs, st.Close())
	}
	s.prepared = nil
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.wc != nil {
		errs = append(errs, s.wc.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// saveNumbering keeps the clock for the next run, and gives back the sequence numbers of
// this store's block that it did not use, unless another process reserved numbers since.
func (s *Store) saveNumbering() error {
	_ = s.lock(context.Background()) // waits: a background context has no limit
	defer s.unlock()
	ctx := context.Background()
	if last := s.hlc.Last(); last.Compare(s.opened) > 0 {
		if _, err := s.wc.ExecContext(ctx, "UPDATE log_state SET hlc = max(hlc, ?)", last.String()); err != nil {
			return fmt.Errorf("keep the clock: %w", err)
		}
	}
	if s.limit > 0 && s.next-1 < s.limit {
		if _, err := s.wc.ExecContext(ctx, "UPDATE log_state SET reserved = ? WHERE reserved = ?", s.next-1, s.limit); err != nil {
			return fmt.Errorf("give back sequence numbers: %w", err)
		}
	}
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Device is this store's device id.
func (s *Store) Device() string { return s.device }

// DB is the reader pool, for queries in this package and its callers' read functions.
func (s *Store) DB() *sqlx.DB { return s.r }

// Clock is the store's hybrid logical clock.
func (s *Store) Clock() *HLClock { return s.hlc }

// OnCommit registers f to run after every successful Update (the sync engine uses it to
// notice local changes). f runs outside the transaction.
func (s *Store) OnCommit(f func()) {
	s.hookMu.Lock()
	defer s.hookMu.Unlock()
	s.after = append(s.after, f)
}

// persistedHLC is the newest clock this database has kept: written with every block of
// sequence numbers reserved, every seal and every sync that applied remote changes. Clocks
// issued since are behind it by no more than the wall clock moved; and a change always
// takes a clock after those of the values it replaces (Tx.record), so that a wall clock
// set back between two runs cannot make a later edit lose to an earlier one.
func (s *Store) persistedHLC(ctx context.Context, q sqlx.QueryerContext) (HLC, error) {
	var v string
	if err := sqlx.GetContext(ctx, q, &v, "SELECT hlc FROM log_state"); err != nil {
		return HLC{}, fmt.Errorf("read clock: %w", err)
	}
	if v == "" {
		return HLC{}, nil
	}
	h, err := ParseHLC(v)
	if err != nil {
		return HLC{}, fmt.Errorf("read clock: %w", err)
	}
	return h, nil
}

// Update runs fn in one write transaction. Every change fn makes through tx.Put and
// tx.Delete is written together with its field clocks and sequence number (see record);
// if fn returns an error nothing is written.
func (s *Store) Update(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	// Statements run without ctx's cancellation: with a cancellable context, database/sql
	// and go-sqlite3 start a goroutine to watch every statement, which cost a long replay
	// a tenth of its time. ctx is checked before the commit instead (a cancelled Update
	// writes nothing), and the loops over many rows check it as they go.
	bg := context.WithoutCancel(ctx)
	if err := s.exec(bg, beginQ); err != nil {
		return fmt.Errorf("begin update: %w", err)
	}
	tx := &Tx{ctx: ctx, rowCtx: bg, c: s.wc, store: s, listed: -1}
	done := false
	defer func() {
		if p := recover(); p != nil {
			log := s.log
			if log == nil {
				log = slog.Default()
			}
			log.Error("update: internal error", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("update: internal error: %v", p)
		}
		if !done {
			// Whatever failed, the connection leaves the transaction: it serves every
			// later Update. (A failed COMMIT may have ended it already; ROLLBACK then
			// merely fails.)
			_ = s.exec(bg, rollbackQ)
			if tx.reserved {
				s.limit = -1 // the block it reserved is not reserved after all
			}
		}
		for _, st := range tx.temp {
			st.Close()
		}
		if tx.grown {
			// Give back the memory a bulk write asked for (GrowCache): the connection lives
			// as long as the window. Should this fail, the cache merely stays large, and the
			// Update itself has succeeded or failed already: nothing to report.
			_, _ = s.wc.ExecContext(bg, fmt.Sprintf("PRAGMA cache_size = %d", defaultCacheSize))
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if tx.observed {
		// Remote clocks moved this one forward: keep that across restarts.
		if _, err := s.wc.ExecContext(bg, "UPDATE log_state SET hlc = max(hlc, ?)", s.hlc.Last().String()); err != nil {
			return fmt.Errorf("persist clock: %w", err)
		}
	}
	if err := s.exec(bg, commitQ); err != nil {
		return fmt.Errorf("commit update: %w", err)
	}
	done = true
	switch {
	case tx.stamped:
		s.quiet = false
	case tx.covered:
		s.quiet, s.quietVer = true, tx.listedVer
	}
	if tx.changed {
		s.hookMu.Lock()
		hooks := append([]func(){}, s.after...)
		s.hookMu.Unlock()
		for _, h := range hooks {
			h()
		}
	}
	return nil
}

// exec runs one of the writer's statements without arguments (begin, commit, rollback).
func (s *Store) exec(ctx context.Context, query string) error {
	st, err := s.stmt(query)
	if err == nil {
		_, err = st.ExecContext(ctx)
	}
	return err
}
