// A database restored from a backup: this laptop's own work shared after the backup is
// recovered from the folder, under the same identity.

package syncfolder

import (
	"context"
	"fmt"
	"path"

	"pacta/internal/replica"
	"pacta/model"
)

// restoreGap is how far a restored database moves its numbering on (model.SkipNumbers):
// the changes made after the restore, before the next sync recovers the later ones the
// folder holds, must not take their numbers.
const restoreGap = 1 << 30

// MarkRestored tells the store, just restored from a backup, that this laptop may have
// shared work after the backup. Its own segments in the folder that follow the last one it
// holds, signed by its own key, are then its own later work, not a copied identity: the
// next sync applies them, in order, and the laptop numbers its segments on after them,
// with no new identity. Until then it seals nothing. It does nothing for a store that
// never joined a shared workspace (false).
func MarkRestored(ctx context.Context, st *model.Store) (bool, error) {
	joined := false
	err := st.Update(ctx, func(tx *model.Tx) error {
		local, err := replica.Read(tx)
		if err != nil || local.Workspace == "" {
			return err
		}
		joined = true
		if err := tx.SkipNumbers(restoreGap); err != nil {
			return err
		}
		return replica.Change(tx, func(s *replica.State) { s.Restored = true })
	})
	if err != nil {
		return false, fmt.Errorf("restore: %w", err)
	}
	return joined, nil
}

func (e *Engine) restored(context.Context) bool { return e.state().Restored }

// ownLater reports whether a segment of this device's log that it holds no record of is
// its own later work to recover: the store was restored, the number follows the last
// segment it holds, and this device's own key signed it for this workspace.
func (e *Engine) ownLater(ctx context.Context, ws string, num int64, seg *Segment) bool {
	if !e.restored(ctx) || seg == nil || seg.Workspace != ws || seg.Device != e.ID.Device || !seg.Verify(e.ID.PublicKey) {
		return false
	}
	last, ok, err := replica.LastSegment(e.Store.DB(), e.ID.Device)
	if err != nil {
		return false
	}
	return !ok || num > last.Segment
}

// recoverOwn keeps the bookkeeping of one of this device's own segments applied again
// (in tx, with its changes): its numbering, its chain, and its bytes, written already,
// which repair then keeps in the folder.
func (e *Engine) recoverOwn(tx *model.Tx, c candidate) error {
	seg := c.seg
	data, err := e.FS.ReadFile(path.Join(logDir, c.name))
	if err != nil {
		return err
	}
	if again, err := Decode(data); err != nil || again.SHA256 != seg.SHA256 {
		return fmt.Errorf("%s changed while it was read", c.name)
	}
	if err := tx.RecoverOwn(seg.LastSeq); err != nil {
		return err
	}
	if err := replica.AddOutbox(tx, replica.OutboxSegment{Segment: seg.Segment, Name: path.Base(c.name), Data: data}); err != nil {
		return err
	}
	if err := replica.MarkWritten(tx, seg.Segment, ""); err != nil {
		return err
	}
	return replica.Change(tx, func(s *replica.State) {
		s.Segment, s.SegmentHash, s.Exported = seg.Segment, seg.SHA256, seg.LastSeq
	})
}
