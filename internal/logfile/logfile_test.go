package logfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// contents reads path and its rotated files: "" for a file that does not exist.
func contents(t *testing.T, path string, keep int) []string {
	t.Helper()
	out := make([]string, keep+2) // one more than kept: it must never exist
	for i := range out {
		b, err := os.ReadFile(Rotated(path, i))
		if err != nil {
			require.ErrorIs(t, err, os.ErrNotExist)
			continue
		}
		out[i] = string(b)
	}
	return out
}

func TestWriterRotates(t *testing.T) {
	tests := []struct {
		name   string
		max    int64
		keep   int
		writes []string
		want   []string // path, path.1, … path.keep+1
	}{
		{"under the limit", 10, 3, []string{"aaa\n", "bbb\n"}, []string{"aaa\nbbb\n", "", "", "", ""}},
		{"exactly at the limit", 8, 3, []string{"aaa\n", "bbb\n"}, []string{"aaa\nbbb\n", "", "", "", ""}},
		{"one past the limit", 8, 3, []string{"aaa\n", "bbb\n", "c\n"}, []string{"c\n", "aaa\nbbb\n", "", "", ""}},
		{"shifts and drops the oldest", 4, 3,
			[]string{"1\n", "2\n", "3\n", "4\n", "5\n", "6\n", "7\n", "8\n", "9\n"},
			[]string{"9\n", "7\n8\n", "5\n6\n", "3\n4\n", ""}},
		{"a record larger than the limit has a file of its own", 4, 2,
			[]string{"a\n", "bbbbbbbb\n", "c\n"}, []string{"c\n", "bbbbbbbb\n", "a\n", ""}},
		{"a large first record is written whole", 4, 2, []string{"bbbbbbbb\n", "c\n"}, []string{"c\n", "bbbbbbbb\n", "", ""}},
		{"keep 1", 4, 1, []string{"1\n", "2\n", "3\n", "4\n", "5\n"}, []string{"5\n", "3\n4\n", ""}},
		{"keep 0 starts again", 4, 0, []string{"1\n", "2\n", "3\n"}, []string{"3\n", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pacta.log")
			w := NewWriter(path, tc.max, tc.keep)
			for _, s := range tc.writes {
				n, err := w.Write([]byte(s))
				require.NoError(t, err)
				require.Equal(t, len(s), n)
			}
			require.Equal(t, tc.want, contents(t, path, tc.keep))
		})
	}
}

// Writers of one file, in goroutines and as two Writers (two windows' worth, or a command
// beside the window), lose no record and cut none, across rotations.
func TestWriterConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pacta.log")
	const goroutines, each, keep = 8, 200, 100
	writers := []*Writer{NewWriter(path, 1000, keep), NewWriter(path, 1000, keep)}
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := writers[g%2]
			for i := 0; i < each; i++ {
				if _, err := fmt.Fprintf(w, "writer %d record %03d %s\n", g, i, strings.Repeat("x", 20)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, c := range contents(t, path, keep) {
		for _, line := range strings.Split(strings.TrimSuffix(c, "\n"), "\n") {
			if line == "" {
				continue
			}
			require.Regexp(t, `^writer \d record \d{3} x{20}$`, line)
			require.False(t, seen[line], "written twice: %s", line)
			seen[line] = true
		}
		require.LessOrEqual(t, len(c), 1000)
	}
	require.Len(t, seen, goroutines*each)
}

// A file rotated by another process is noticed: the next record goes to the new file.
func TestWriterFollowsRotationElsewhere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pacta.log")
	w := NewWriter(path, 1<<20, 3)
	_, err := w.Write([]byte("before\n"))
	require.NoError(t, err)
	require.NoError(t, os.Rename(path, Rotated(path, 1))) // as another process would
	_, err = w.Write([]byte("after\n"))
	require.NoError(t, err)
	require.Equal(t, []string{"after\n", "before\n", "", "", ""}, contents(t, path, 3))
}

func TestOpenWritesJSONAndAlsoText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pacta.log")
	var also bytes.Buffer
	log := Open(path, &also)
	log.Debug("only verbose", "n", 1)
	log.Info("synced", "applied", 3)
	log.Error("sync failed", "err", errors.New("the folder cannot be reached"))

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	require.Len(t, lines, 2, "the file takes Info and above")
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &rec))
	require.Equal(t, "ERROR", rec["level"])
	require.Equal(t, "sync failed", rec["msg"])
	require.Equal(t, "the folder cannot be reached", rec["err"])

	require.Contains(t, also.String(), "level=DEBUG msg=\"only verbose\" n=1")
	require.Contains(t, also.String(), "level=ERROR msg=\"sync failed\"")
}

func TestRecent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pacta.log")
	// A small limit: the records spread over the rotated files.
	log := NewLogger(NewWriter(path, 600, 3), true, slog.LevelInfo)
	for i := 1; i <= 12; i++ {
		log.Info("fine", "i", i)
		log.Error("failed", "i", i, "err", "disk full", "stack", "goroutine 1 [running]:\nmain.main()")
	}
	log.Warn("a warning")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("{\"time\":\"cut by a cra\n") // a line that is not a record
	require.NoError(t, err)
	require.NoError(t, f.Close())

	_, err = os.Stat(Rotated(path, 3))
	require.NoError(t, err, "the records fill every rotated file")

	got, err := Recent(path, 3, slog.LevelError, 5)
	require.NoError(t, err)
	require.Len(t, got, 5)
	for k, e := range got {
		require.Equal(t, "failed", e.Msg)
		require.Equal(t, slog.LevelError, e.Level)
		require.False(t, e.Time.IsZero())
		require.Equal(t, []Attr{{"i", fmt.Sprint(8 + k)}, {"err", "disk full"}, {"stack", "goroutine 1 [running]:\nmain.main()"}}, e.Attrs)
	}
	require.Equal(t, "failed i=12 err=disk full stack=(in the log)", got[4].Summary())
	b, err := json.Marshal(got[4])
	require.NoError(t, err)
	var rec map[string]any
	require.NoError(t, json.Unmarshal(b, &rec))
	require.Equal(t, map[string]any{"time": rec["time"], "level": "ERROR", "msg": "failed", "i": float64(12),
		"err": "disk full", "stack": "goroutine 1 [running]:\nmain.main()"}, rec)

	warn, err := Recent(path, 3, slog.LevelWarn, 1)
	require.NoError(t, err)
	require.Len(t, warn, 1)
	require.Equal(t, "a warning", warn[0].Msg)

	none, err := Recent(filepath.Join(t.TempDir(), "pacta.log"), 3, slog.LevelError, 10)
	require.NoError(t, err)
	require.Empty(t, none)
}
