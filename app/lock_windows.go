package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// GUILock holds the one-window-per-workspace lock: on Windows an open file with delete-on-close
// semantics approximated by exclusive creation.
type GUILock struct {
	f    *os.File
	path string
}

// ErrLocked means another Pacta window has the workspace open.
var ErrLocked = errors.New("another Pacta window has this workspace open")

// AcquireGUILock takes the lock or returns ErrLocked.
func AcquireGUILock(home string) (*GUILock, error) {
	p := filepath.Join(home, guiLockFile)
	// A lock left by a crash can be removed while nobody holds it open.
	os.Remove(p)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock workspace: %w", err)
	}
	return &GUILock{f: f, path: p}, nil
}

// Release frees the lock.
func (l *GUILock) Release() {
	if l != nil && l.f != nil {
		l.f.Close()
		os.Remove(l.path)
	}
}
