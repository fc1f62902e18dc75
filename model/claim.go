// Claiming the numbering of this device's changes at open, and the upgrade of a log kept
// in separate rows (before migration 6) into the rows it changed.

package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// HasWritten reports whether this device has stamped any change here (a fresh workspace
// made for joining has not).
func (s *Store) HasWritten(ctx context.Context) (bool, error) {
	n, err := ReadNumbering(s.r)
	return n.Reserved > 0 || n.Sealed > 0, err
}

// legacyExportedKey is where Pacta kept the last sequence number it had exported before
// the numbering moved into log_state (migration 6).
const legacyExportedKey = "sync.exported_seq"

// claimLog makes the numbering in log_state this device's, at open. After migration 6 it
// moves this device's changes that no segment held yet out of the change log into the
// rows they changed (see upgradeLog). When the workspace was this device's under another
// identity (a copied data folder takes a new one), the new identity numbers its changes
// from one again.
func (s *Store) claimLog(ctx context.Context) error {
	var owner string
	if err := s.wc.GetContext(ctx, &owner, "SELECT device FROM log_state"); err != nil {
		return fmt.Errorf("read numbering: %w", err)
	}
	if owner == s.device {
		return nil
	}
	return s.Update(ctx, func(tx *Tx) error {
		if owner == "" {
			if err := tx.upgradeLog(); err != nil {
				return fmt.Errorf("move this device's changes into their rows: %w", err)
			}
		} else {
			for _, name := range SyncedTables() {
				if _, err := tx.c.ExecContext(tx.rowCtx, fmt.Sprintf("UPDATE %s SET lseq = 0 WHERE lseq <> 0", quoteIdent(name))); err != nil {
					return fmt.Errorf("start a new numbering: %w", err)
				}
			}
			if _, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET reserved = 0, sealed = 0"); err != nil {
				return fmt.Errorf("start a new numbering: %w", err)
			}
		}
		_, err := tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET device = ?", s.device)
		return err
	})
}

// upgradeLog moves this device's entries of the change log into the rows (migration 6):
// the numbering continues after them, segments hold those up to the last exported, and
// the ones after it become stamps with their bases, which the next export finds. The
// entries leave the change log, which keeps the other devices' changes.
func (tx *Tx) upgradeLog() error {
	me := tx.store.device
	var own []Change
	if err := tx.Select(&own, "SELECT device, seq, hlc, tbl, row, fields, prev FROM changes WHERE device = ? ORDER BY seq", me); err != nil {
		return err
	}
	var exported string
	err := tx.Get(&exported, "SELECT value FROM meta WHERE key = ?", legacyExportedKey)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var sealed int64
	fmt.Sscan(exported, &sealed)
	type entry struct {
		creation bool
		hlc      string
		prev     map[string]Writer
	}
	bySeq := map[int64]entry{}
	type rowKey struct{ tbl, row string }
	var rows []rowKey
	seen := map[rowKey]bool{}
	created := map[rowKey]int64{} // the rows this device created and never exported
	var reserved int64
	for _, c := range own {
		reserved = c.Seq
		if err := tx.store.observeString(c.HLC); err != nil {
			return err
		}
		if c.Seq <= sealed || tables[c.Table] == nil {
			continue
		}
		vals, err := c.Values()
		if err != nil {
			return err
		}
		prev, err := c.PrevWriters()
		if err != nil {
			return err
		}
		_, creation := vals["id"]
		bySeq[c.Seq] = entry{creation: creation, hlc: c.HLC, prev: prev}
		k := rowKey{c.Table, c.Row}
		if !seen[k] {
			seen[k] = true
			rows = append(rows, k)
		}
		if creation {
			created[k] = c.Seq
		}
	}
	// base follows the writers a field's value replaced back through this device's
	// unsealed changes, to the value the other replicas hold (or to a creation, which
	// reaches them first).
	base := func(field string, w Writer) Writer {
		for w.Device == me && w.Seq > sealed {
			e, ok := bySeq[w.Seq]
			if !ok || e.creation {
				break
			}
			w = e.prev[field]
		}
		return w
	}
	for _, k := range rows {
		ti := tables[k.tbl]
		var clk string
		if err := tx.Get(&clk, fmt.Sprintf("SELECT clk FROM %s WHERE id = ?", quoteIdent(k.tbl)), k.row); err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
		clocks, err := parseClocks(clk)
		if err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
		var lseq int64
		for _, c := range ti.cols[1:] {
			cur, own := clocks[c.name]
			if !own {
				cur = clocks[wholeRow]
			}
			w := cur.Writer()
			if w.Device != me || w.Seq <= sealed {
				continue
			}
			lseq = max(lseq, w.Seq)
			e := bySeq[w.Seq]
			if !own && e.creation {
				continue // still the row's creation
			}
			// An edit of this device: stamped field by field (an edit of every field was
			// folded into the whole-row clock), each with its base.
			cur.Base = base(c.name, e.prev[c.name])
			clocks[c.name] = cur
		}
		if st, ok := clocks[wholeRow]; ok {
			if w := st.Writer(); w.Device == me && w.Seq > sealed && !bySeq[w.Seq].creation {
				delete(clocks, wholeRow) // every field has its own clock now
			}
		}
		if seq, ok := created[k]; ok {
			if _, ok := clocks[wholeRow]; !ok {
				// The creation's clock had been folded away by an edit of every field: it
				// comes back, so that the export still creates the row.
				clocks[wholeRow] = Stamp{HLC: bySeq[seq].hlc, Seq: seq}
			}
			lseq = max(lseq, seq)
		}
		if _, err := tx.c.ExecContext(tx.rowCtx, fmt.Sprintf("UPDATE %s SET clk = ?, lseq = ? WHERE id = ?", quoteIdent(k.tbl)), clocks.encode(), lseq, k.row); err != nil {
			return fmt.Errorf("%s %s: %w", k.tbl, k.row, err)
		}
	}
	if _, err := tx.c.ExecContext(tx.rowCtx, "DELETE FROM changes WHERE device = ?", me); err != nil {
		return err
	}
	_, err = tx.c.ExecContext(tx.rowCtx, "UPDATE log_state SET reserved = ?, sealed = ?, hlc = max(hlc, ?)",
		reserved, min(sealed, reserved), tx.store.hlc.Last().String())
	return err
}

// observeString moves the clock past a persisted clock.
func (s *Store) observeString(h string) error {
	if h == "" {
		return nil
	}
	last, err := ParseHLC(h)
	if err != nil {
		return fmt.Errorf("read clock: %w", err)
	}
	s.hlc.Observe(last)
	return nil
}
