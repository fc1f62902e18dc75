package syncfolder

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"

	"pacta/internal/replica"
	"pacta/model"
)

// Quarantine reasons.
const (
	ReasonDamaged    = "damaged"         // whole file, content does not match its hash
	ReasonMisplaced  = "misplaced"       // header does not match the file's name or directory (a replayed copy)
	ReasonWorkspace  = "other_workspace" // written for another workspace
	ReasonSignature  = "signature"       // not signed by the device's pinned key: a forgery
	ReasonChain      = "chain"           // does not follow the device's previous segment
	ReasonClone      = "clone"           // two different segments with one number
	ReasonUnenrolled = "unenrolled"      // the device is not enrolled (yet)
	ReasonInvalid    = "invalid"         // its changes cannot be applied (unknown table, bad value)
	ReasonRevoked    = "revoked"         // sealed by a revoked device after its revocation
	ReasonForeign    = "foreign"         // a file in this device's own log folder that it did not write
)

// Reasons lists every quarantine reason (the UI translates each).
var Reasons = []string{ReasonDamaged, ReasonMisplaced, ReasonWorkspace, ReasonSignature, ReasonChain, ReasonClone, ReasonUnenrolled, ReasonInvalid, ReasonRevoked, ReasonForeign}

const forgedDetail = "it is not signed by the enrolled key of this device: someone with access to the shared folder wrote it"

// importAll applies every segment whose turn has come, device by device, until nothing
// more can be applied.
func (e *Engine) importAll(ctx context.Context, ws string, rep *Report) error {
	s, err := e.scanFolder(ctx, ws)
	if err != nil {
		return err
	}
	for _, name := range rep.Foreign {
		rel := path.Join(e.ID.Device, name)
		s.bad(rel, e.ID.Device, 0, ReasonForeign, "this laptop did not write it: someone with access to the shared folder did")
	}
	rep.Incomplete = s.incomplete
	total := 0 // changes to apply, for the progress
	for _, m := range s.cands {
		for _, cs := range m {
			total += len(cs[0].seg.Changes)
		}
	}
	st := e.state()
	founder, founderKey := st.Founder, st.FounderKey
	db := e.Store.DB()
	vv, err := replica.VersionVector(db)
	if err != nil {
		return err
	}
	// This device's own changes are not in the change log: a writer can only have seen
	// those it sealed.
	own, err := model.ReadNumbering(db)
	if err != nil {
		return err
	}
	vv[e.ID.Device] = own.Sealed
	devs := make([]string, 0, len(s.cands))
	for d := range s.cands {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	done := 0
	if e.Progress != nil && total > 0 {
		e.Progress(0, total)
	}
	waitingEnrol := map[string]bool{}
	for progress := true; progress; {
		progress = false
		for _, dev := range devs {
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				last, hasLast, err := replica.LastSegment(db, dev)
				if err != nil {
					return err
				}
				next, prev := int64(1), ""
				if hasLast {
					next, prev = last.Segment+1, last.SHA256
				}
				if len(s.cands[dev][next]) == 0 {
					break
				}
				t := trustOf(db, founder, founderKey, dev)
				if dev == e.ID.Device {
					// This laptop's own segments, recovered after a restored backup: its own
					// key signed them, and they follow its own chain.
					t.key, t.status, t.revocation = e.ID.PublicKey, model.DeviceEnrolled, model.Writer{}
				}
				if t.key == nil || t.status != model.DeviceEnrolled && t.status != model.DeviceRevoked {
					waitingEnrol[dev] = true
					break
				}
				delete(waitingEnrol, dev)
				c, ok := s.next(dev, next, t.key)
				if !ok {
					break
				}
				seg := c.seg
				if seg.Prev != prev {
					s.bad(c.name, dev, next, ReasonChain, "it does not follow the previous segment of this device")
					delete(s.cands[dev], next)
					break
				}
				if seg.FirstSeq != vv[dev]+1 {
					s.bad(c.name, dev, next, ReasonChain, fmt.Sprintf("it starts at change %d, expected %d", seg.FirstSeq, vv[dev]+1))
					delete(s.cands[dev], next)
					break
				}
				if !t.accepts(seg.Deps) {
					s.bad(c.name, dev, next, ReasonRevoked, "an administrator revoked this device, and it wrote this segment after it knew")
					delete(s.cands[dev], next)
					break
				}
				if !e.depsMet(seg, vv) {
					break
				}
				stats, err := e.applySegment(ctx, c, founder, founderKey, func(n int) {
					if e.Progress != nil {
						e.Progress(done+n, total)
					}
				})
				if err != nil {
					if errors.Is(err, context.Canceled) {
						return err
					}
					s.bad(c.name, dev, next, ReasonInvalid, err.Error())
					delete(s.cands[dev], next)
					break
				}
				delete(s.cands[dev], next)
				vv[dev] = seg.LastSeq
				if dev == e.ID.Device {
					rep.Recovered += stats.Applied
				} else {
					rep.Applied += stats.Applied
				}
				rep.NewConflicts += stats.Conflicts
				rep.Flagged += stats.Flagged
				rep.Duplicates += stats.Duplicates
				done += len(seg.Changes)
				progress = true
				if e.Progress != nil {
					e.Progress(done, total)
				}
			}
		}
	}
	// What is left waits: for its dependencies, or for its device to be enrolled.
	for dev, m := range s.cands {
		t := trustOf(db, founder, founderKey, dev)
		for num, cs := range m {
			for _, c := range cs {
				switch {
				case t.key != nil && !c.seg.Verify(t.key):
					s.bad(c.name, dev, num, ReasonSignature, forgedDetail)
				case waitingEnrol[dev] || t.key == nil || t.status != model.DeviceEnrolled && t.status != model.DeviceRevoked:
					s.bad(c.name, dev, num, ReasonUnenrolled, "the device is not enrolled in this workspace (yet)")
				case !t.accepts(c.seg.Deps):
					s.bad(c.name, dev, num, ReasonRevoked, "an administrator revoked this device, and it wrote this segment after it knew")
				default:
					rep.PendingIn += len(c.seg.Changes)
				}
			}
		}
	}
	if e.restored(ctx) && len(s.cands[e.ID.Device]) == 0 && s.ownIncomplete == 0 {
		// Every later segment of this laptop's own is back: it numbers on after them.
		if err := e.Store.Update(ctx, func(tx *model.Tx) error {
			return replica.Change(tx, func(s *replica.State) { s.Restored = false })
		}); err != nil {
			return err
		}
		rep.RecoveredAll = true
	}
	for dev := range s.clones {
		rep.Clones = append(rep.Clones, dev)
	}
	sort.Strings(rep.Clones)
	qs := make([]replica.Quarantined, 0, len(s.quarantine))
	for _, q := range s.quarantine {
		q.Seen = nowString(e.now())
		qs = append(qs, q)
	}
	if err := replica.ReplaceQuarantine(ctx, e.Store, qs); err != nil {
		return err
	}
	e.note(ctx, func(s *replica.State) { s.PendingIn = int64(rep.PendingIn) })
	return e.importBlobs(rep)
}

// depsMet reports whether everything the segment's writer had seen is applied here.
func (e *Engine) depsMet(seg *Segment, vv map[string]int64) bool {
	for d, n := range seg.Deps {
		if d == seg.Device {
			continue
		}
		if vv[d] < n {
			return false
		}
	}
	return true
}

// applySegment applies one segment in one transaction, with its bookkeeping.
func (e *Engine) applySegment(ctx context.Context, c candidate, founder, founderKey string, progress func(n int)) (replica.ApplyStats, error) {
	var stats replica.ApplyStats
	seg := c.seg
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		if err := tx.GrowCache(64); err != nil {
			return err
		}
		a, err := replica.NewApplier(tx)
		if err != nil {
			return err
		}
		a.Progress = progress
		a.AuthorWall = seg.Wall
		a.Own = seg.Device == e.ID.Device
		a.Permit = func(ch model.Change) bool {
			for _, tbl := range model.TrustTables {
				if ch.Table == tbl {
					t := trustOf(tx, founder, founderKey, ch.Device)
					return t.admin && t.accepts(seg.Deps)
				}
			}
			return true
		}
		if err := a.ApplyBatch(seg.Changes, seg.Deps); err != nil {
			return err
		}
		stats = a.Stats
		if a.Own {
			if err := e.recoverOwn(tx, c); err != nil {
				return err
			}
		}
		return replica.RecordSegment(tx, replica.SegmentRecord{Device: seg.Device, Segment: seg.Segment, SHA256: seg.SHA256,
			FirstSeq: seg.FirstSeq, LastSeq: seg.LastSeq, Name: path.Base(c.name), Applied: nowString(e.now())})
	})
	return stats, err
}
