// Package syncfolder exchanges a workspace's changes through an ordinary shared folder
// (a network drive, a Syncthing or Nextcloud folder, a USB stick), as DESIGN §5 describes:
// per-device immutable segments, signed and hash-chained, applied in causal order,
// idempotently, with per-field last-writer-wins and conflict records.
package syncfolder

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FS is the little the engine needs from a folder. Names are slash-separated and relative
// to the folder's root. Tests wrap it to inject partial files, delays and failures.
type FS interface {
	// ReadFile reads a whole file.
	ReadFile(name string) ([]byte, error)
	// WriteFileAtomic writes data so that readers see the old file or the whole new one,
	// never a part: temp file in the same directory, write, fsync, close, rename, fsync
	// the directory.
	WriteFileAtomic(name string, data []byte) error
	// ReadDir lists the names in a directory (a missing directory is fs.ErrNotExist).
	ReadDir(name string) ([]string, error)
	// MkdirAll makes a directory and its parents.
	MkdirAll(name string) error
	// Stat reports whether name exists (a missing file is not an error).
	Exists(name string) (bool, error)
	// Stamp is a file's size and modification time as one string, which changes when the
	// file is written ("" and fs.ErrNotExist for a missing file).
	Stamp(name string) (string, error)
}

// OSFS is a real folder on disk.
type OSFS struct{ Root string }

func (o OSFS) path(name string) string { return filepath.Join(o.Root, filepath.FromSlash(name)) }

// ReadFile implements FS.
func (o OSFS) ReadFile(name string) ([]byte, error) { return os.ReadFile(o.path(name)) }

// ReadDir implements FS.
func (o OSFS) ReadDir(name string) ([]string, error) {
	es, err := os.ReadDir(o.path(name))
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(es))
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out, nil
}

// MkdirAll implements FS.
func (o OSFS) MkdirAll(name string) error { return os.MkdirAll(o.path(name), 0o755) }

// Exists implements FS.
func (o OSFS) Exists(name string) (bool, error) {
	_, err := os.Stat(o.path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Stamp implements FS.
func (o OSFS) Stamp(name string) (string, error) {
	st, err := os.Stat(o.path(name))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d/%d", st.Size(), st.ModTime().UnixNano()), nil
}

// TempPrefix starts the names of files being written; readers ignore them.
const TempPrefix = ".pacta-tmp-"

// WriteFileAtomic implements FS.
func (o OSFS) WriteFileAtomic(name string, data []byte) error {
	dst := o.path(name)
	dir := filepath.Dir(dst)
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(dir, TempPrefix+hex.EncodeToString(rnd[:]))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(dir); err == nil {
		// Not every file system can fsync a directory (some network ones refuse): the
		// rename is then as durable as the server makes it.
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Ignored reports whether a file name is one readers must skip: files being written, sync
// tools' conflict copies, lock files and desktop litter.
func Ignored(name string) bool {
	base := path.Base(name)
	lower := strings.ToLower(base)
	switch {
	case strings.HasPrefix(base, "."), // temp names, .DS_Store, .~lock*, .stfolder, .syncthing.*
		strings.HasPrefix(base, "~"),
		strings.HasSuffix(lower, ".tmp"), strings.HasSuffix(lower, ".part"),
		strings.Contains(lower, ".sync-conflict-"),
		strings.Contains(lower, "(conflicted copy"),
		strings.Contains(lower, "(case conflict)"),
		lower == "desktop.ini", lower == "thumbs.db":
		return true
	}
	return false
}

// errNotFolder wraps a missing folder root.
func missingRoot(f FS) error {
	ok, err := f.Exists(Root)
	if err != nil {
		return fmt.Errorf("the shared folder cannot be read (%v); check that it is mounted", err)
	}
	if !ok {
		return ErrNoFolder
	}
	return nil
}
