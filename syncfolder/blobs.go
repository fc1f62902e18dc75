// Attachments (photos, scans) copied to and from the folder's content-addressed blobs.

package syncfolder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"

	"pacta/internal/replica"
	"pacta/model"
)

// exportBlobs copies the attachments that chs refer to into the folder.
func (e *Engine) exportBlobs(chs []model.Change) error {
	for _, c := range chs {
		if c.Table != "attachments" {
			continue
		}
		var fields struct {
			SHA256 *string `json:"sha256"`
		}
		if json.Unmarshal(c.Fields, &fields) != nil || fields.SHA256 == nil {
			continue
		}
		sha := *fields.SHA256
		if !model.ValidSHA(sha) || !e.Blobs.Has(sha) {
			continue
		}
		if ok, _ := e.FS.Exists(blobPath(sha)); ok {
			continue
		}
		b, err := readAll(e.Blobs.Path(sha))
		if err != nil {
			return fmt.Errorf("export attachment %s: %w", sha[:12], err)
		}
		if err := e.FS.MkdirAll(path.Dir(blobPath(sha))); err != nil {
			return fmt.Errorf("export attachment: %w", err)
		}
		if err := e.FS.WriteFileAtomic(blobPath(sha), b); err != nil {
			return fmt.Errorf("export attachment %s: %w", sha[:12], err)
		}
	}
	return nil
}

// importBlobs copies attachments this replica lacks from the folder, checking their hash.
func (e *Engine) importBlobs(rep *Report) error {
	shas, err := replica.AttachmentSHAs(e.Store.DB())
	if err != nil {
		return err
	}
	for _, sha := range shas {
		if !model.ValidSHA(sha) || e.Blobs.Has(sha) {
			continue
		}
		b, err := e.FS.ReadFile(blobPath(sha))
		if err != nil {
			rep.MissingBlobs++
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != sha {
			rep.MissingBlobs++ // still being copied, or damaged: try again later
			continue
		}
		if _, _, err := e.Blobs.Put(bytes.NewReader(b)); err != nil {
			return fmt.Errorf("import attachment %s: %w", sha[:12], err)
		}
	}
	return nil
}
