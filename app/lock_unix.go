//go:build !windows

package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// GUILock holds the one-window-per-workspace lock. It is an advisory flock, so it vanishes
// when the process dies and never needs cleaning up after a crash.
type GUILock struct{ f *os.File }

// ErrLocked means another Pacta window has the workspace open.
var ErrLocked = errors.New("another Pacta window has this workspace open")

// AcquireGUILock takes the lock or returns ErrLocked.
func AcquireGUILock(home string) (*GUILock, error) {
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, fmt.Errorf("lock workspace: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(home, guiLockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock workspace: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, ErrLocked
	}
	return &GUILock{f: f}, nil
}

// Release frees the lock.
func (l *GUILock) Release() {
	if l != nil && l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
	}
}
