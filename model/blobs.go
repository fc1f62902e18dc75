package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Blobs is a content-addressed store of attachments (photos, scans) in a directory:
// <dir>/<sha256[:2]>/<sha256>. The same layout is used in the shared folder, so syncing a
// blob is copying a file whose name proves its content.
type Blobs struct{ Dir string }

var shaRe = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidSHA reports whether s looks like a lowercase hex SHA-256.
func ValidSHA(s string) bool { return shaRe.MatchString(s) }

// Path returns where the blob with the given hash lives.
func (b Blobs) Path(sha string) string { return filepath.Join(b.Dir, sha[:2], sha) }

// Has reports whether the blob is present.
func (b Blobs) Has(sha string) bool {
	if !ValidSHA(sha) {
		return false
	}
	_, err := os.Stat(b.Path(sha))
	return err == nil
}

// Put stores r and returns its hash and size. Writing is atomic (temp file, fsync, rename),
// so a crash never leaves a blob whose content does not match its name.
func (b Blobs) Put(r io.Reader) (sha string, size int64, err error) {
	if err := os.MkdirAll(b.Dir, 0o755); err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	tmp, err := os.CreateTemp(b.Dir, ".tmp-blob-*")
	if err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	sha = hex.EncodeToString(h.Sum(nil))
	if b.Has(sha) {
		return sha, size, nil
	}
	if err := os.MkdirAll(filepath.Dir(b.Path(sha)), 0o755); err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	if err := os.Rename(tmp.Name(), b.Path(sha)); err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	return sha, size, nil
}
