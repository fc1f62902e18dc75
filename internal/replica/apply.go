// Applying the changes of other devices: idempotent per (device, seq), the last writer wins
// per field, and two values written without seeing each other are kept as a conflict. The
// rows and their clocks are read and written through model (DecodeChange, ReadTarget,
// CreateRemote, WriteRemote); the rules are here.

package replica

import (
	"fmt"
	"time"

	"pacta/model"
)

// ApplyResult says what applying one remote change did.
type ApplyResult int

// Outcomes of Applier.Apply.
const (
	ApplyDuplicate ApplyResult = iota // (device, seq) was applied before: nothing done
	ApplyWon                          // the value is now in place
	ApplyLost                         // logged; a newer value stays in place
	ApplyIgnored                      // logged but not applied: the writer may not change this
)

// FutureLimit is how far ahead of this laptop's wall clock a remote change's clock may be
// before the change is flagged (it is still applied, so that replicas converge).
const FutureLimit = time.Hour

// ApplyStats counts what an Applier did.
type ApplyStats struct {
	Applied    int `json:"applied"` // new entries in the log (won + lost + ignored)
	Won        int `json:"won"`
	Lost       int `json:"lost"`
	Ignored    int `json:"ignored"`
	Duplicates int `json:"duplicates"`
	Conflicts  int `json:"conflicts"`
	Flagged    int `json:"flagged"`
}

// Applier applies remote changes inside one Update, with the transaction's prepared
// statements, so applying many changes in one transaction is cheap. Names of tables and
// fields come from an untrusted folder: model.DecodeChange checks them against the
// registry before any SQL is built.
type Applier struct {
	tx   *model.Tx
	now  int64 // wall clock, ms
	open bool  // some conflict is open, so wins may supersede one
	// Permit decides whether the writer of ch may change it (nil permits everything). A
	// change that is not permitted is logged (the device's sequence stays contiguous) but
	// not applied.
	Permit func(ch model.Change) bool
	// Progress, when set, is told every so many changes how many of a batch were applied.
	Progress func(n int)
	// AuthorWall is the wall clock of the changes' author when it wrote them (Unix ms; 0
	// when unknown: the change's own clock stands in). Only an author whose own clock runs
	// ahead is flagged: a change's clock also runs ahead when its author saw such a laptop.
	AuthorWall int64
	// Own applies this device's own changes, sealed before a backup was restored and
	// recovered from the shared folder (model.Tx.RecoverOwn): every change must be this
	// device's, and none is logged among the other devices' changes (this device's own
	// live in its rows' stamps). Each is applied once: the caller applies the segments
	// after the last this device holds, in order.
	Own   bool
	Stats ApplyStats
}

// NewApplier prepares to apply remote changes in tx.
func NewApplier(tx *model.Tx) (*Applier, error) {
	a := &Applier{tx: tx, now: tx.WallNow().UnixMilli()}
	var n int
	if err := tx.Get(&n, "SELECT count(*) FROM sync_conflicts WHERE resolved = ''"); err != nil {
		return nil, fmt.Errorf("apply: read conflicts: %w", err)
	}
	a.open = n > 0
	return a, nil
}

// check validates a change from the folder against the registry and this device.
func (a *Applier) check(ch model.Change) (*model.Incoming, error) {
	if own := ch.Device == a.tx.Device(); own != a.Own && ch.Device != "" {
		if a.Own {
			return nil, fmt.Errorf("apply: change %s/%d is not this device's own", ch.Device, ch.Seq)
		}
		return nil, fmt.Errorf("apply: change %s/%d claims to come from this device", ch.Device, ch.Seq)
	}
	return model.DecodeChange(ch)
}

// logRemoteQ logs a change of another device, leaving a (device, seq) already logged as it is.
const logRemoteQ = "INSERT OR IGNORE INTO changes(device, seq, hlc, tbl, row, fields, prev) VALUES(?, ?, ?, ?, ?, ?, ?)"

// logChange stores the change in the log; false when (device, seq) was there already.
func (a *Applier) logChange(c *model.Incoming) (bool, error) {
	if a.Own {
		a.Stats.Applied++
		a.tx.Observe(c.Clock)
		return true, nil
	}
	res, err := a.tx.ExecLocal(logRemoteQ, c.Device, c.Seq, c.HLC, c.Table, c.Row, string(c.Fields), string(c.Prev))
	if err != nil {
		return false, fmt.Errorf("apply %s/%d: log: %w", c.Device, c.Seq, err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return false, nil
	}
	a.Stats.Applied++
	a.tx.Observe(c.Clock)
	wall := c.Clock.Wall
	if a.AuthorWall > 0 {
		wall = a.AuthorWall
	}
	if wall > a.now+FutureLimit.Milliseconds() {
		if _, err := a.tx.ExecLocal(`INSERT OR IGNORE INTO sync_flags(device, seq, reason, hlc, seen) VALUES(?, ?, 'future', ?, ?)`,
			c.Device, c.Seq, c.HLC, time.UnixMilli(a.now).UTC().Format(time.RFC3339)); err != nil {
			return false, fmt.Errorf("apply %s/%d: flag: %w", c.Device, c.Seq, err)
		}
		a.Stats.Flagged++
	}
	return true, nil
}

// Apply applies one remote change: idempotent on (device, seq); per field, the last writer
// wins by HLC; when the change and the value in place were written concurrently (the
// writer had not seen the value it competes with) and the values differ, a conflict
// record keeps both. deps is the writer's version vector when it wrote the change (it may
// be nil).
func (a *Applier) Apply(ch model.Change, deps map[string]int64) (ApplyResult, error) {
	c, err := a.check(ch)
	if err != nil {
		return ApplyDuplicate, err
	}
	fresh, err := a.logChange(c)
	if err != nil || !fresh {
		if err == nil {
			a.Stats.Duplicates++
		}
		return ApplyDuplicate, err
	}
	if a.Permit != nil && !a.Permit(c.Change) {
		a.Stats.Ignored++
		return ApplyIgnored, nil
	}
	if c.Whole {
		// A creation usually meets no row (ids are random; only rows named by what they
		// hold, such as settings, are created twice): try the insert first, and read the
		// row only when it is there already.
		created, err := a.create(c, true)
		if err != nil || created {
			return ApplyWon, err
		}
	}
	row, err := a.tx.ReadTarget(c)
	if err != nil {
		return ApplyDuplicate, err
	}
	if row == nil {
		_, err := a.create(c, false)
		return ApplyWon, err
	}
	var won []int // indexes into c.Names
	for i, field := range c.Names {
		cur := row.Clock(field)
		local, lerr := model.ParseHLC(cur.HLC)
		if cur.HLC == "" {
			local, lerr = model.HLC{}, nil
		}
		if lerr != nil {
			return ApplyDuplicate, fmt.Errorf("apply: stored clock of %s.%s: %w", c.Table, field, lerr)
		}
		cmp := c.Clock.Compare(local)
		wins := cmp > 0 || (cmp == 0 && c.Seq > cur.Seq)
		// The writer saw the value in place exactly when it names it as the value it
		// replaced (causal delivery guarantees that everything it saw is here); a losing
		// change was never written after the value in place, or its clock would be later.
		causal := c.Replaced[field] == cur.Writer()
		if causal && wins && a.open {
			if err := a.supersede(c, field, deps); err != nil {
				return ApplyDuplicate, err
			}
		}
		// A writer that replaces its own side of an open conflict (or a value that side
		// replaced) moves the conflict on to its new value: a conflict shows the values
		// in place now, not one nobody holds any more.
		followed := false
		if a.open {
			if followed, err = a.follow(c, i, wins); err != nil {
				return ApplyDuplicate, err
			}
		}
		if !followed && !causal && wins && a.open {
			// c takes the place of a value that is a side of other open conflicts (even
			// with the same value): they follow it, so that every conflict shows the
			// value in place.
			if err := a.replaceSide(c, i, cur.Writer()); err != nil {
				return ApplyDuplicate, err
			}
		}
		if !followed && (!causal || !wins) && !row.Same(c, i) {
			if err := a.conflict(c, i, row, cur, wins); err != nil {
				return ApplyDuplicate, err
			}
		}
		if wins {
			won = append(won, i)
		}
	}
	if err := a.deleteAgainstEdit(c, row, won, deps); err != nil {
		return ApplyDuplicate, err
	}
	if len(won) == 0 {
		a.Stats.Lost++
		return ApplyLost, nil
	}
	if err := a.tx.WriteRemote(c, row, won); err != nil {
		return ApplyDuplicate, err
	}
	a.Stats.Won++
	return ApplyWon, nil
}

// create makes the row a change is the first to write here (model.Tx.CreateRemote).
func (a *Applier) create(c *model.Incoming, unlessThere bool) (bool, error) {
	created, err := a.tx.CreateRemote(c, unlessThere)
	if created {
		a.Stats.Won++
	}
	return created, err
}

// ApplyBatch applies a run of changes of one writer (a segment) in order, with the rules of
// Apply.
func (a *Applier) ApplyBatch(chs []model.Change, deps map[string]int64) error {
	for i, ch := range chs {
		if i%256 == 0 {
			if err := a.tx.Context().Err(); err != nil {
				return err
			}
			if a.Progress != nil && i > 0 {
				a.Progress(i)
			}
		}
		if _, err := a.Apply(ch, deps); err != nil {
			return err
		}
	}
	return nil
}
