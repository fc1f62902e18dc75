// Local-only values of this laptop (the meta table), read and written inside an Update.

package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SetMetaTx writes a local-only value inside an Update.
func (tx *Tx) SetMetaTx(key, value string) error {
	_, err := tx.c.ExecContext(tx.ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}

// MetaTx reads a local-only value inside an Update ("" when unset).
func (tx *Tx) MetaTx(key string) (string, error) {
	var v string
	err := tx.c.GetContext(tx.ctx, &v, "SELECT value FROM meta WHERE key = ?", key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

// GetMeta reads a local-only value (never synced).
func (s *Store) GetMeta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.GetContext(ctx, &v, "SELECT value FROM meta WHERE key = ?", key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta writes a local-only value. Local state is not part of the change log.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	_, err := s.wc.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}
