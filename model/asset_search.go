package model

import "fmt"

// The assets' full-text index (assets_fts, FTS4) is local, derived data that triggers of
// the migrations keep in step with the assets table; these methods are the write path's
// side of it. The queries that read it belong to the assets package.

// RebuildAssetSearch rebuilds the full-text index from the assets table (after a restore
// from an old backup, or if it was ever suspected stale). The index is local, derived data.
func (tx *Tx) RebuildAssetSearch() error {
	// Not ExecLocal: a rebuild of a large registry takes seconds, and a cancel stops it.
	if _, err := tx.c.ExecContext(tx.ctx, "INSERT INTO assets_fts(assets_fts) VALUES('rebuild')"); err != nil {
		return fmt.Errorf("rebuild asset search: %w", err)
	}
	return nil
}

const ftsCols = "ref, name, description, address, district, municipality, region, territory, tags"

// BeginBulkAssets defers the search indexing of assets inserted from now on in this
// transaction, and returns the rowid after which they will be. EndBulkAssets must follow
// in the same transaction (a rollback undoes both). Rows of the assets table inserted in
// between must not be updated before EndBulkAssets.
func (tx *Tx) BeginBulkAssets() (int64, error) {
	var after int64
	if err := tx.Get(&after, "SELECT coalesce(max(rowid), 0) FROM assets"); err != nil {
		return 0, fmt.Errorf("bulk assets: %w", err)
	}
	if _, err := tx.c.ExecContext(tx.ctx, `INSERT INTO meta(key, value) VALUES('assets.fts.deferred', '1')
		ON CONFLICT(key) DO NOTHING`); err != nil {
		return 0, fmt.Errorf("bulk assets: %w", err)
	}
	return after, nil
}

// EndBulkAssets indexes the assets inserted since BeginBulkAssets in one statement.
func (tx *Tx) EndBulkAssets(after int64) error {
	if _, err := tx.c.ExecContext(tx.ctx, "INSERT INTO assets_fts(docid, "+ftsCols+") SELECT rowid, "+ftsCols+" FROM assets WHERE rowid > ? ORDER BY rowid", after); err != nil {
		return fmt.Errorf("index imported assets: %w", err)
	}
	if _, err := tx.c.ExecContext(tx.ctx, "DELETE FROM meta WHERE key = 'assets.fts.deferred'"); err != nil {
		return fmt.Errorf("index imported assets: %w", err)
	}
	return nil
}
