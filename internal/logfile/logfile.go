// Package logfile keeps Pacta's log: a file that rotates by size (pacta.log, then
// pacta.log.1 … pacta.log.3), the log/slog logger that writes JSON lines to it, and the
// reading back of its latest records (pacta doctor).
package logfile

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Rotation of the workspace's log: a file is rotated when a record would take it past
// MaxSize, and Keep rotated files are kept beside it.
const (
	MaxSize = 5 << 20
	Keep    = 3
)

// Writer appends to the file at a path and rotates it by size. Every Write opens the file
// in append mode, writes the record with one call and closes it again: a record is never
// interleaved with another process's, and a file rotated (or deleted) by another process
// is noticed at the next record. Writers of one path in this process share a lock;
// rotation across processes is best effort (at worst a generation is dropped early, or one
// file grows a little past the limit).
type Writer struct {
	path string
	max  int64
	keep int
	mu   *sync.Mutex
}

var (
	locksMu sync.Mutex
	locks   = map[string]*sync.Mutex{}
)

// NewWriter writes to path, rotating it when a record would take it past max bytes and
// keeping keep rotated files (path.1 the newest).
func NewWriter(path string, max int64, keep int) *Writer {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = abs
	}
	locksMu.Lock()
	mu, ok := locks[key]
	if !ok {
		mu = new(sync.Mutex)
		locks[key] = mu
	}
	locksMu.Unlock()
	return &Writer{path: path, max: max, keep: keep, mu: mu}
}

// Path is the file written.
func (w *Writer) Path() string { return w.path }

// Write appends p, one record, to the file, rotating it first when p would take it past
// the limit (a record larger than the limit gets a file of its own).
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if st, err := os.Stat(w.path); err == nil && st.Size() > 0 && st.Size()+int64(len(p)) > w.max {
		w.rotate()
	}
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := f.Write(p)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// rotate shifts path.N-1 to path.N … path to path.1, dropping the oldest. It is best
// effort: a rename that fails (another process holds the file on Windows, or rotated it
// a moment ago) leaves the files as they are, and the record is appended anyway.
func (w *Writer) rotate() {
	if w.keep <= 0 {
		_ = os.Remove(w.path)
		return
	}
	for i := w.keep; i > 1; i-- {
		if err := os.Rename(Rotated(w.path, i-1), Rotated(w.path, i)); err != nil && !os.IsNotExist(err) {
			return
		}
	}
	_ = os.Rename(w.path, Rotated(w.path, 1))
}

// Rotated is the name of the i-th rotated file of path (path itself for 0).
func Rotated(path string, i int) string {
	if i == 0 {
		return path
	}
	return path + "." + strconv.Itoa(i)
}

// NewLogger makes a logger writing to w: JSON lines (one object per record, with the keys
// time, level and msg first) when json is set, slog's key=value text otherwise; records
// below level are dropped.
func NewLogger(w io.Writer, json bool, level slog.Leveler) *slog.Logger {
	return slog.New(NewHandler(w, json, level))
}

// NewHandler is the handler of NewLogger.
func NewHandler(w io.Writer, json bool, level slog.Leveler) slog.Handler {
	opts := &slog.HandlerOptions{Level: level}
	if json {
		return slog.NewJSONHandler(w, opts)
	}
	return slog.NewTextHandler(w, opts)
}

// Open returns the logger of the log file at path: JSON lines at Info and above, rotated
// at MaxSize keeping Keep files. When also is not nil, every record at Debug and above is
// written there too, as text (the command line's -v passes standard error).
func Open(path string, also io.Writer) *slog.Logger {
	h := NewHandler(NewWriter(path, MaxSize, Keep), true, slog.LevelInfo)
	if also != nil {
		h = slog.NewMultiHandler(h, NewHandler(also, false, slog.LevelDebug))
	}
	return slog.New(h)
}
