// The outbox: the bytes of the segments this device sealed, kept until they are in the
// shared folder and afterwards, so that a segment lost or damaged there is written again.

package replica

import (
	"fmt"

	"pacta/model"
)

// OutboxSegment is a segment sealed here. Its bytes are kept after they were written to
// the shared folder (Written), so that a segment deleted, cut or damaged there can be
// written again as it was sealed.
type OutboxSegment struct {
	Segment int64  `db:"segment"`
	Name    string `db:"name"`
	Data    []byte `db:"data"`
	Written bool   `db:"written"`
	Seen    string `db:"seen"`
}

// AddOutbox keeps a sealed segment's bytes.
func AddOutbox(tx *model.Tx, o OutboxSegment) error {
	if _, err := tx.ExecLocal("INSERT INTO sync_outbox(segment, name, data) VALUES(?, ?, ?)", o.Segment, o.Name, o.Data); err != nil {
		return fmt.Errorf("keep segment %d: %w", o.Segment, err)
	}
	return nil
}

// MarkWritten records that a sealed segment is in the shared folder, whole, with the file
// stamp seen (see WrittenSegment).
func MarkWritten(tx *model.Tx, segment int64, seen string) error {
	if _, err := tx.ExecLocal("UPDATE sync_outbox SET written = 1, seen = ? WHERE segment = ?", seen, segment); err != nil {
		return fmt.Errorf("mark segment %d written: %w", segment, err)
	}
	return nil
}

// DeleteOutbox forgets every sealed segment: those not written are given up with a copied
// identity (the copy may have written others with their numbers), and those written belong
// to the old identity.
func DeleteOutbox(tx *model.Tx) error {
	if _, err := tx.ExecLocal("DELETE FROM sync_outbox"); err != nil {
		return fmt.Errorf("forget sealed segments: %w", err)
	}
	return nil
}

// WaitingSegments lists, in order, the segments sealed and not yet written to the shared
// folder, without their bytes (SealedData reads one): a first share may seal many.
func WaitingSegments(q model.Querier) ([]WrittenSegment, error) {
	var out []WrittenSegment
	if err := q.Select(&out, "SELECT segment, name, seen FROM sync_outbox WHERE written = 0 ORDER BY segment"); err != nil {
		return nil, fmt.Errorf("read sealed segments: %w", err)
	}
	return out, nil
}

// WrittenSegment names a sealed segment that was written to the shared folder.
type WrittenSegment struct {
	Segment int64  `db:"segment"`
	Name    string `db:"name"`
	// Seen is the file's stamp (size and modification time) when it was last found whole in
	// the folder; a file with the same stamp need not be read again.
	Seen string `db:"seen"`
}

// WrittenSegments lists the segments this device wrote to the shared folder whose bytes
// it keeps, in order (without the bytes: SealedData reads one).
func WrittenSegments(q model.Querier) ([]WrittenSegment, error) {
	var out []WrittenSegment
	if err := q.Select(&out, "SELECT segment, name, seen FROM sync_outbox WHERE written = 1 ORDER BY segment"); err != nil {
		return nil, fmt.Errorf("read written segments: %w", err)
	}
	return out, nil
}

// SealedData reads the bytes of one sealed segment.
func SealedData(q model.Querier, segment int64) ([]byte, error) {
	var b []byte
	if err := q.Get(&b, "SELECT data FROM sync_outbox WHERE segment = ?", segment); err != nil {
		return nil, fmt.Errorf("read sealed segment %d: %w", segment, err)
	}
	return b, nil
}
