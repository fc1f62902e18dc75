package model

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
)

// Attach stores the bytes read from r in the blob store and records an attachment of them
// to a row (a.OwnerTable, a.OwnerID), as a change like any other, so that it syncs. a.Name is
// reduced to its base name; a.SHA256 and a.Size are filled in. owner, run inside the same
// transaction, checks that the owning row exists (and anything else the caller requires).
// At most limit bytes are accepted when limit > 0; a larger file gives tooLarge.
func (s *Store) Attach(ctx context.Context, blobs Blobs, a Attachment, r io.Reader, limit int64, tooLarge error, owner func(tx *Tx) error) (Attachment, error) {
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	sha, size, err := blobs.Put(r)
	if err != nil {
		return Attachment{}, err
	}
	if limit > 0 && size > limit {
		return Attachment{}, tooLarge
	}
	a.SHA256, a.Size, a.Name = sha, size, filepath.Base(a.Name)
	err = s.Update(ctx, func(tx *Tx) error {
		if err := owner(tx); err != nil {
			return err
		}
		return tx.Put(&a)
	})
	if err != nil {
		return Attachment{}, fmt.Errorf("record attachment: %w", err)
	}
	return a, nil
}
