// The embedded migrations and how they are applied.

package model

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		if !ok || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", name)
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a number", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// SchemaVersion is the number of the newest embedded migration.
func SchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (s *Store) migrate() error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var cur int
	if err := s.w.Get(&cur, "PRAGMA user_version"); err != nil {
		return fmt.Errorf("migrate: read user_version: %w", err)
	}
	if latest := SchemaVersion(); cur > latest {
		return fmt.Errorf("migrate: the workspace has schema version %d but this Pacta knows only %d; install a newer Pacta", cur, latest)
	}
	for _, m := range ms {
		if m.version <= cur {
			continue
		}
		// BEGIN IMMEDIATE (the DSN's _txlock): another process opening the same old file
		// waits here, then finds the migration done; user_version is read again inside the
		// transaction for that reason, never trusted from before it.
		tx, err := s.w.Beginx()
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
		var now int
		if err := tx.Get(&now, "PRAGMA user_version"); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: read user_version: %w", m.name, err)
		}
		if now >= m.version {
			tx.Rollback()
			continue
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	return nil
}

// UserVersion reads PRAGMA user_version.
func (s *Store) UserVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.GetContext(ctx, &v, "PRAGMA user_version")
	return v, err
}
