// The export half of a sync: this laptop's segments sealed, written, and repaired in the
// folder.

package syncfolder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"

	"pacta/internal/replica"
	"pacta/model"
)

// export writes this device's changes that are not in the folder yet as a new segment,
// after writing again any of its segments that the folder lost or damaged.
// waiting is true when the device is not enrolled yet (its changes stay here until it is).
//
// The segment is sealed first, in one transaction with the rows it is read from: the
// changes it holds, its bytes (kept in the outbox, also once they are in the folder), its
// number and hash. Edits made afterwards then name its changes as the values they replace,
// and a segment that could not be written (the folder is out of reach) is written as it was
// sealed, at the next sync. Every change pending goes into one segment, which a reader
// applies in one transaction: a change may refer to a row that a later change of the same
// export creates.
func (e *Engine) export(ctx context.Context, ws string, rep *Report) (n int, waiting bool, err error) {
	foreign, err := e.checkOwnLog(ctx, ws)
	if err != nil {
		return 0, false, err
	}
	rep.Foreign = foreign
	if err := e.writeDeviceFile(ctx, ws); err != nil {
		return 0, false, err
	}
	st := e.state()
	t := trustOf(e.Store.DB(), st.Founder, st.FounderKey, e.ID.Device)
	if t.status == model.DeviceRevoked {
		// Whatever this laptop seals now is quarantined everywhere: keep it here.
		rep.Revoked = true
		return 0, false, nil
	}
	if !t.enrolled() {
		return 0, true, nil
	}
	if n, err = e.writeOutbox(ctx); err != nil {
		return n, false, err
	}
	repaired, err := e.repair(ctx)
	rep.Repaired = append(rep.Repaired, repaired...)
	if err != nil {
		return n, false, err
	}
	if e.restored(ctx) {
		// Restored from a backup: the folder may hold later segments of this laptop, with
		// the numbers the next one would take. The import recovers them first.
		return n, false, nil
	}
	sealed, err := e.seal(ctx, ws)
	if err != nil || !sealed {
		return n, false, err
	}
	if err := e.at(stepSealed); err != nil {
		return n, false, err
	}
	m, err := e.writeOutbox(ctx)
	return n + m, false, err
}

// fullCheckEvery is how often repair reads back every segment of this device, not only
// those whose file stamp changed: someone may have changed a file and put its
// modification time back.
const fullCheckEvery = time.Hour

// repair compares this device's segments in the folder with the bytes it sealed and writes
// again, atomically, those that are missing, cut or damaged there: readers wait for a
// segment they cannot read, and would never get this device's later work. A file whose
// size and modification time are those it had when last found whole is not read again,
// except once every fullCheckEvery.
func (e *Engine) repair(ctx context.Context) ([]string, error) {
	db := e.Store.DB()
	segs, err := replica.WrittenSegments(db)
	if err != nil {
		return nil, err
	}
	last, _ := time.Parse(time.RFC3339, e.state().FullCheck)
	full := e.now().Sub(last) >= fullCheckEvery
	var out []string
	for _, s := range segs {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		rel := path.Join(logDir, e.ID.Device, s.Name)
		stamp, err := e.FS.Stamp(rel)
		if err == nil && stamp == s.Seen && !full {
			continue
		}
		want, err := replica.SealedData(db, s.Segment)
		if err != nil {
			return out, err
		}
		if got, err := e.FS.ReadFile(rel); err != nil || !bytes.Equal(got, want) {
			if err := e.FS.WriteFileAtomic(rel, want); err != nil {
				return out, fmt.Errorf("export: write %s again: %w", s.Name, err)
			}
			out = append(out, s.Name)
			stamp, _ = e.FS.Stamp(rel)
		}
		if stamp != s.Seen {
			if err := e.Store.Update(ctx, func(tx *model.Tx) error { return replica.MarkWritten(tx, s.Segment, stamp) }); err != nil {
				return out, fmt.Errorf("export: %w", err)
			}
		}
	}
	if full {
		e.note(ctx, func(s *replica.State) { s.FullCheck = nowString(e.now()) })
	}
	return out, nil
}

// seal makes segments of the changes pending and keeps them in the outbox; false when
// there was none. They are cut at MaxSegmentBytes where no change refers to a row a later
// one creates (cuts), numbered and chained one after the other, all in one transaction
// with the seal of their changes.
func (e *Engine) seal(ctx context.Context, ws string) (bool, error) {
	sealed := false
	err := e.Store.Update(ctx, func(tx *model.Tx) error {
		chs, first, err := tx.PendingChanges()
		if err != nil || len(chs) == 0 {
			return err
		}
		vv, err := replica.VersionVector(tx)
		if err != nil {
			return err
		}
		delete(vv, e.ID.Device)
		st, err := replica.Read(tx)
		if err != nil {
			return err
		}
		num, prev := st.Segment, st.SegmentHash
		cut, err := cuts(tx, chs)
		if err != nil {
			return err
		}
		wall := e.Store.Clock().PhysicalNow().UnixMilli()
		// The header and the trailer take room too: the deps name every other device.
		budget := max(MaxSegmentBytes-1024-96*len(vv), 1)
		err = split(chs, cut, budget, func(from, to int, lines [][]byte) error {
			num++
			h := Header{Workspace: ws, Device: e.ID.Device, Segment: num, FirstSeq: first, Wall: wall,
				LastSeq: chs[to].Seq, Deps: vv, Prev: prev}
			data, sha, err := encodeLines(h, lines, e.ID.PrivateKey)
			if err != nil {
				return err
			}
			name := SegmentName(h.Segment, sha)
			if err := replica.AddOutbox(tx, replica.OutboxSegment{Segment: h.Segment, Name: name, Data: data}); err != nil {
				return err
			}
			if err := replica.RecordSegment(tx, replica.SegmentRecord{Device: h.Device, Segment: h.Segment, SHA256: sha,
				FirstSeq: h.FirstSeq, LastSeq: h.LastSeq, Name: name, Applied: nowString(e.now())}); err != nil {
				return err
			}
			first, prev = h.LastSeq+1, sha
			return nil
		})
		if err != nil {
			return err
		}
		// The chain moves on with the segments it describes, in their transaction.
		if err := replica.Change(tx, func(s *replica.State) { s.Segment, s.SegmentHash = num, prev }); err != nil {
			return err
		}
		sealed = true
		return tx.Seal(chs[len(chs)-1].Seq)
	})
	if err != nil {
		return false, fmt.Errorf("export: %w", err)
	}
	return sealed, nil
}

// writeOutbox writes the sealed segments that are not in the folder yet, in order, each
// with the attachments it refers to, and returns how many changes they held.
func (e *Engine) writeOutbox(ctx context.Context) (int, error) {
	out, err := replica.WaitingSegments(e.Store.DB())
	if err != nil || len(out) == 0 {
		return 0, err
	}
	// Nothing leaves this laptop that a power cut could take back from its database.
	if err := e.Store.Flush(ctx); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	if err := e.at(stepFlushed); err != nil {
		return 0, err
	}
	if err := e.FS.MkdirAll(path.Join(logDir, e.ID.Device)); err != nil {
		return 0, fmt.Errorf("export: %w", err)
	}
	n := 0
	for _, o := range out {
		// One segment's bytes at a time: a first share may seal many.
		data, err := replica.SealedData(e.Store.DB(), o.Segment)
		if err != nil {
			return n, fmt.Errorf("export: %w", err)
		}
		seg, err := Decode(data)
		if err != nil {
			return n, fmt.Errorf("export: sealed segment %d: %w", o.Segment, err)
		}
		if err := e.exportBlobs(seg.Changes); err != nil {
			return n, err
		}
		if err := e.at(stepBlobs); err != nil {
			return n, err
		}
		rel := path.Join(logDir, e.ID.Device, o.Name)
		if err := e.FS.WriteFileAtomic(rel, data); err != nil {
			return n, fmt.Errorf("export: write %s: %w", o.Name, err)
		}
		if err := e.at(stepWritten); err != nil {
			return n, err
		}
		seen, _ := e.FS.Stamp(rel)
		err = e.Store.Update(ctx, func(tx *model.Tx) error {
			if err := replica.MarkWritten(tx, o.Segment, seen); err != nil {
				return err
			}
			return replica.Change(tx, func(s *replica.State) { s.Exported = seg.LastSeq })
		})
		if err != nil {
			return n, fmt.Errorf("export: %w", err)
		}
		if err := e.at(stepMarked); err != nil {
			return n, err
		}
		n += len(seg.Changes)
	}
	return n, nil
}

// checkOwnLog looks for segments under this device's name that it did not write. Every
// segment this device writes is recorded when it is sealed, before it goes to the folder.
// One signed with this device's key means a copied identity (CloneError); any other file
// is someone else's (a forgery, or a stranger's junk): it is listed, and readers
// quarantine it. A file under the name of a segment this device wrote is its own, mended
// by repair when its bytes differ.
func (e *Engine) checkOwnLog(ctx context.Context, ws string) (foreign []string, err error) {
	dir := path.Join(logDir, e.ID.Device)
	names, err := e.FS.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	sort.Strings(names)
	db := e.Store.DB()
	for _, name := range names {
		num, prefix, ok := ParseSegmentName(name)
		if Ignored(name) {
			continue
		}
		if !ok {
			foreign = append(foreign, name)
			continue
		}
		rec, known, err := replica.GetSegment(db, e.ID.Device, num)
		if err != nil {
			return nil, err
		}
		if known && rec.SHA256[:16] == prefix {
			continue
		}
		data, err := e.FS.ReadFile(path.Join(dir, name))
		if err != nil {
			continue
		}
		seg, err := Decode(data)
		if err == nil && !known && e.ownLater(ctx, ws, num, seg) {
			continue // this laptop's own work after the backup it was restored from
		}
		if err == nil && seg.Workspace == ws && seg.Device == e.ID.Device && seg.Verify(e.ID.PublicKey) {
			return nil, &CloneError{Device: e.ID.Device}
		}
		foreign = append(foreign, name)
	}
	return foreign, nil
}
