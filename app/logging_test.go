package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestTakeVerbose(t *testing.T) {
	tests := []struct {
		args    []string
		rest    []string
		verbose bool
	}{
		{nil, []string{}, false},
		{[]string{"sync"}, []string{"sync"}, false},
		{[]string{"-v", "sync"}, []string{"sync"}, true},
		{[]string{"sync", "-v"}, []string{"sync"}, true},
		{[]string{"--verbose", "sync", "--json"}, []string{"sync", "--json"}, true},
		{[]string{"asset", "list", "--v", "--json"}, []string{"asset", "list", "--json"}, true},
		{[]string{"-v"}, []string{}, true},
		{[]string{"pact", "show", "--", "-v"}, []string{"pact", "show", "--", "-v"}, false},
		{[]string{"-vv", "sync"}, []string{"-vv", "sync"}, false},
	}
	for _, tc := range tests {
		rest, verbose := TakeVerbose(tc.args)
		require.Equal(t, tc.rest, rest, "%q", tc.args)
		require.Equal(t, tc.verbose, verbose, "%q", tc.args)
	}
}

func newHome(t *testing.T) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Esempio")
	require.Equal(t, 0, code, errs)
	return home
}

// A failed sync is logged in the home; doctor shows it with the other last errors, in
// text and as JSON recent_errors.
func TestDoctorShowsRecentErrors(t *testing.T) {
	home := newHome(t)
	code, out, errs := run(t, "doctor", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	require.Equal(t, []any{}, raw["recent_errors"], "nothing failed yet")
	require.Equal(t, filepath.Join(home, "pacta.log"), raw["log"])

	gone := filepath.Join(t.TempDir(), "media", "unmounted")
	code, _, errs = run(t, "sync", "--home", home, "--folder", gone)
	require.Equal(t, 1, code)
	require.Contains(t, errs, gone)

	code, out, errs = run(t, "doctor", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var d struct {
		RecentErrors []map[string]any `json:"recent_errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Len(t, d.RecentErrors, 1, "the sync's failure is an error; the command's exit is a warning")
	e := d.RecentErrors[0]
	require.Equal(t, "sync failed", e["msg"])
	require.Equal(t, "ERROR", e["level"])
	require.NotEmpty(t, e["time"])
	require.Contains(t, e["err"], gone, "the sync's error")

	code, out, errs = run(t, "doctor", "--home", home)
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "recent errors:  the last 1, oldest first\n")
	require.Regexp(t, `\n  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  sync failed err=.*`+regexp.QuoteMeta(gone), out)

	// The log keeps the command's failure too, at warning level.
	b, err := os.ReadFile(filepath.Join(home, "pacta.log"))
	require.NoError(t, err)
	require.Contains(t, string(b), `"level":"WARN","msg":"command failed","command":"sync"`)

	// Ten at most, the last ones.
	log := OpenLog(home, nil)
	for i := 1; i <= 12; i++ {
		log.Error("something failed", "n", i)
	}
	code, out, errs = run(t, "doctor", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Len(t, d.RecentErrors, 10)
	require.Equal(t, float64(3), d.RecentErrors[0]["n"])
	require.Equal(t, float64(12), d.RecentErrors[9]["n"])
}

// -v, before or after the command, writes the log to standard error as well, Debug
// included; the file takes Info and above.
func TestVerboseWritesTheLogToStderr(t *testing.T) {
	home := newHome(t)
	for _, args := range [][]string{
		{"-v", "doctor", "--home", home},
		{"doctor", "--home", home, "-v"},
	} {
		code, out, errs := run(t, args...)
		require.Equal(t, 0, code, errs)
		require.Contains(t, out, "integrity:      ok")
		require.Contains(t, errs, `level=DEBUG msg="open workspace" home=`+home, "%q", args)
		require.Contains(t, errs, `level=DEBUG msg="command done" command=doctor`, "%q", args)
	}
	code, _, errs := run(t, "doctor", "--home", home)
	require.Equal(t, 0, code, errs)
	require.Empty(t, errs)
	b, err := os.ReadFile(filepath.Join(home, "pacta.log"))
	if err == nil {
		require.NotContains(t, string(b), "DEBUG")
	}

	code, out, _ := run(t, "help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "-v (the log, pacta.log in the home, to standard error as well)")
}

// A command on a directory that holds no workspace leaves no log there.
func TestNoLogWithoutWorkspace(t *testing.T) {
	dir := t.TempDir()
	code, _, _ := run(t, "doctor", "--home", dir)
	require.Equal(t, 1, code)
	_, err := os.Stat(filepath.Join(dir, "pacta.log"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

// The window syncs every few seconds: a failure that repeats is logged once, and the
// return of working syncs once.
func TestBackgroundSyncFailuresAreLoggedOnce(t *testing.T) {
	ctx := context.Background()
	home := newHome(t)
	ws, err := Open(home)
	require.NoError(t, err)
	defer ws.Close()
	folder := filepath.Join(t.TempDir(), "drive", "shared") // a drive not mounted: no parent
	for range 3 {
		_, err := ws.SyncOnce(ctx, folder, nil)
		require.ErrorContains(t, err, folder)
	}
	require.NoError(t, os.MkdirAll(folder, 0o755))
	for range 2 {
		_, err := ws.SyncOnce(ctx, folder, nil)
		require.NoError(t, err)
	}
	recs := logRecords(t, home)
	var msgs []string
	for _, r := range recs {
		msgs = append(msgs, r["msg"].(string))
	}
	require.Equal(t, []string{"sync failed", "sync works again", "sync"}, msgs,
		"the second sync moved nothing: Debug, not in the file")
	require.Equal(t, float64(0), recs[2]["applied"])
	require.Positive(t, recs[2]["exported"])
}

// A panic in a write of the workspace's store is logged in its home with the stack.
func TestStorePanicIsLoggedInTheHome(t *testing.T) {
	home := newHome(t)
	ws, err := Open(home)
	require.NoError(t, err)
	defer ws.Close()
	err = ws.Store.Update(context.Background(), func(tx *model.Tx) error { panic("a bug") })
	require.ErrorContains(t, err, "internal error")
	recent, err := RecentErrors(home, 10)
	require.NoError(t, err)
	require.Len(t, recent, 1)
	require.Equal(t, "update: internal error", recent[0].Msg)
	var stack string
	for _, a := range recent[0].Attrs {
		if a.Key == "stack" {
			stack = a.Value
		}
	}
	require.Contains(t, stack, "TestStorePanicIsLoggedInTheHome")
	require.Contains(t, recent[0].Summary(), "update: internal error panic=a bug stack=(in the log)")
}

// logRecords reads the records of the home's log.
func logRecords(t *testing.T, home string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(LogPath(home))
	require.NoError(t, err)
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		out = append(out, r)
	}
	return out
}
