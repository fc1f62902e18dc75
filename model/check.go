// Checkpoints, backups and the integrity check.

package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrFlushBusy is returned by Flush when readers kept it from writing the whole log.
var ErrFlushBusy = errors.New("the database is busy (another Pacta is reading it); try again in a moment")

// Flush makes every transaction committed so far durable on disk. The store commits with
// synchronous=NORMAL (DESIGN §4): in WAL mode a commit cannot corrupt the file, but it
// reaches the disk only at the next checkpoint, and a power cut before then takes the last
// commits back. That is acceptable for work that stays on this laptop, not for work about
// to leave it: were a segment in the shared folder to hold changes this replica then
// forgot, the device would number its next changes with the same sequence numbers, and
// every replica, this one first, would take it for a copied identity. A full checkpoint
// syncs the write-ahead log, copies it into the database file and syncs that too.
func (s *Store) Flush(ctx context.Context) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	var busy, frames, copied int
	if err := s.wc.QueryRowContext(ctx, "PRAGMA wal_checkpoint(FULL)").Scan(&busy, &frames, &copied); err != nil {
		return fmt.Errorf("flush database: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("flush database: %w", ErrFlushBusy)
	}
	return nil
}

// Backup writes a consistent copy of the database to path with VACUUM INTO, which is
// safe while another process is writing (it reads one snapshot).
func (s *Store) Backup(ctx context.Context, path string) error {
	// VACUUM INTO writes only the new file, but SQLite counts it as a write: the readers'
	// query_only refuses it, so a backup takes a connection of its own, without the write lock.
	db, err := sql.Open(driverName, strings.Replace(readDSN(s.path), "_query_only=true", "_query_only=false", 1))
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// IntegrityReport is what Check finds.
type IntegrityReport struct {
	Integrity   string         `json:"integrity"` // "ok" when sound
	ForeignKeys []string       `json:"foreign_key_violations"`
	Schema      int            `json:"schema_version"`
	Counts      map[string]int `json:"counts"`
}

// Check runs PRAGMA integrity_check and foreign_key_check and counts live rows per synced table.
func (s *Store) Check(ctx context.Context) (IntegrityReport, error) {
	rep := IntegrityReport{Counts: map[string]int{}}
	var lines []string
	if err := s.r.SelectContext(ctx, &lines, "PRAGMA integrity_check"); err != nil {
		return rep, fmt.Errorf("integrity check: %w", err)
	}
	rep.Integrity = strings.Join(lines, "; ")
	rows, err := s.r.QueryxContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return rep, fmt.Errorf("foreign key check: %w", err)
	}
	for rows.Next() {
		m := map[string]any{}
		if err := rows.MapScan(m); err != nil {
			rows.Close()
			return rep, fmt.Errorf("foreign key check: %w", err)
		}
		rep.ForeignKeys = append(rep.ForeignKeys, fmt.Sprintf("%v row %v -> %v", m["table"], m["rowid"], m["parent"]))
	}
	rows.Close()
	if rep.Schema, err = s.UserVersion(ctx); err != nil {
		return rep, fmt.Errorf("schema version: %w", err)
	}
	for _, t := range SyncedTables() {
		var n int
		if err := s.r.GetContext(ctx, &n, fmt.Sprintf("SELECT count(*) FROM %s WHERE deleted = 0", quoteIdent(t))); err != nil {
			return rep, fmt.Errorf("count %s: %w", t, err)
		}
		rep.Counts[t] = n
	}
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM changes"); err != nil {
		return rep, fmt.Errorf("count changes: %w", err)
	}
	rep.Counts["changes"] = n
	return rep, nil
}
