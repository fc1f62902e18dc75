package syncfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"path"
	"sync"
	"syscall"
)

// FaultFS wraps an FS and injects the failures a shared folder has in real life: a full
// disk, a read-only mount, a folder that disappears, writers that crash between writing
// and renaming, and files that are read while still being copied.
type FaultFS struct {
	FS
	mu sync.Mutex
	// FailWrites, when set, is returned by every write (syscall.ENOSPC for a full disk).
	FailWrites error
	// ReadOnly makes every write fail with EROFS.
	ReadOnly bool
	// Gone makes every call fail as if the folder was unmounted.
	Gone bool
	// CrashRate is the chance that a write "crashes" after writing the temp file and before
	// the rename: the temp file stays behind and the write fails.
	CrashRate float64
	// Cut, when set, may shorten what ReadFile returns (a file still being copied).
	Cut func(name string, data []byte) []byte
	// Rand drives CrashRate; nil means a fixed seed.
	Rand *rand.Rand
}

// Set changes the faults under the lock (tests flip them while a sync runs).
func (f *FaultFS) Set(fn func(f *FaultFS)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *FaultFS) gone() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Gone {
		return &fs.PathError{Op: "open", Path: Root, Err: fs.ErrNotExist}
	}
	return nil
}

// ReadFile implements FS.
func (f *FaultFS) ReadFile(name string) ([]byte, error) {
	if err := f.gone(); err != nil {
		return nil, err
	}
	b, err := f.FS.ReadFile(name)
	f.mu.Lock()
	cut := f.Cut
	f.mu.Unlock()
	if err == nil && cut != nil {
		b = cut(name, b)
	}
	return b, err
}

// ReadDir implements FS.
func (f *FaultFS) ReadDir(name string) ([]string, error) {
	if err := f.gone(); err != nil {
		return nil, err
	}
	return f.FS.ReadDir(name)
}

// Stamp implements FS.
func (f *FaultFS) Stamp(name string) (string, error) {
	if err := f.gone(); err != nil {
		return "", err
	}
	return f.FS.Stamp(name)
}

// Exists implements FS.
func (f *FaultFS) Exists(name string) (bool, error) {
	if err := f.gone(); err != nil {
		return false, nil
	}
	return f.FS.Exists(name)
}

func (f *FaultFS) writeErr(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.Gone:
		return &fs.PathError{Op: "write", Path: name, Err: fs.ErrNotExist}
	case f.ReadOnly:
		return &fs.PathError{Op: "write", Path: name, Err: syscall.EROFS}
	case f.FailWrites != nil:
		return &fs.PathError{Op: "write", Path: name, Err: f.FailWrites}
	}
	return nil
}

// MkdirAll implements FS.
func (f *FaultFS) MkdirAll(name string) error {
	if err := f.writeErr(name); err != nil {
		return err
	}
	return f.FS.MkdirAll(name)
}

// ErrCrashed is what a write that "crashed" before its rename returns.
var ErrCrashed = errors.New("simulated crash between write and rename")

// WriteFileAtomic implements FS.
func (f *FaultFS) WriteFileAtomic(name string, data []byte) error {
	if err := f.writeErr(name); err != nil {
		return err
	}
	f.mu.Lock()
	if f.Rand == nil {
		f.Rand = rand.New(rand.NewSource(1))
	}
	crash := f.CrashRate > 0 && f.Rand.Float64() < f.CrashRate
	n := 0
	if crash && len(data) > 0 {
		n = f.Rand.Intn(len(data))
	}
	f.mu.Unlock()
	if crash {
		// The temp file stays, with part of the data; the real name is never made.
		tmp := path.Join(path.Dir(name), fmt.Sprintf("%scrash-%d", TempPrefix, n))
		if err := f.FS.WriteFileAtomic(tmp, data[:n]); err != nil {
			return err
		}
		return ErrCrashed
	}
	return f.FS.WriteFileAtomic(name, data)
}

// Clear removes every fault: the cause is gone.
func (f *FaultFS) Clear() {
	f.Set(func(f *FaultFS) { f.FailWrites, f.ReadOnly, f.Gone, f.CrashRate, f.Cut = nil, false, false, 0, nil })
}
