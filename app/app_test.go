package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunCLI(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// runOK runs a command that must succeed and returns what it printed.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := run(t, args...)
	require.Equal(t, 0, code, "%v: %s", args, errs)
	return out
}

func TestInitDoctorBackupRestore(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, out, errs := run(t, "init", "--home", home, "--name", "Comune di Esempio", "--sample")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "Comune di Esempio")

	// init refuses to overwrite
	code, _, errs = run(t, "init", "--home", home, "--name", "Other")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "already exists")

	code, out, errs = run(t, "doctor", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var d DoctorReport
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Equal(t, "ok", d.Integrity)
	require.Equal(t, model.SchemaVersion(), d.SchemaVersion)
	require.Equal(t, "Comune di Esempio", d.Workspace)
	require.NotEmpty(t, d.Device)
	require.Contains(t, d.Counts, "settings")
	require.Positive(t, d.Own.Pending, "the sample is this laptop's, not shared yet")
	require.GreaterOrEqual(t, d.Own.Reserved, int64(d.Own.Pending))
	require.Zero(t, d.Own.Sealed)
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	for _, k := range []string{"integrity", "schema_version", "device", "workspace", "counts", "own_changes"} {
		require.Contains(t, raw, k)
	}

	bak := filepath.Join(t.TempDir(), "b.db")
	code, _, errs = run(t, "backup", "--home", home, "-o", bak)
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "backup", "--home", home, "-o", bak)
	require.Equal(t, 1, code, "refuses to overwrite a backup")
	require.Contains(t, errs, "exists")

	// change something, then restore
	ws, err := Open(home)
	require.NoError(t, err)
	require.NoError(t, ws.SaveSettings(context.Background(), Settings{Municipality: "Changed", DeviceName: "x"}))
	ws.Close()

	code, _, errs = run(t, "restore", "--home", home, bak)
	require.Equal(t, 2, code, "restore without --yes is refused")
	require.Contains(t, errs, "--yes")
	code, _, errs = run(t, "restore", "--home", home, bak, "--yes")
	require.Equal(t, 0, code, errs)
	ws, err = Open(home)
	require.NoError(t, err)
	require.Equal(t, "Comune di Esempio", ws.Municipality())
	ws.Close()
	require.FileExists(t, filepath.Join(home, "pacta.db.before-restore"))

	// a file that is not a backup is refused and the workspace is untouched
	junk := filepath.Join(t.TempDir(), "junk.db")
	require.NoError(t, os.WriteFile(junk, []byte("not a database at all, just text"), 0o644))
	code, _, errs = run(t, "restore", "--home", home, junk, "--yes")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "not a Pacta backup")
}

func TestBackupWhileAnotherProcessWrites(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	ws, err := Init(context.Background(), home, "X", false)
	require.NoError(t, err)
	defer ws.Close()
	ctx := context.Background()
	done := make(chan error)
	go func() {
		for i := 0; i < 200; i++ {
			if err := ws.Store.Update(ctx, func(tx *model.Tx) error { return tx.Put(&model.Asset{Name: "a"}) }); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	bak := filepath.Join(t.TempDir(), "b.db")
	code, _, errs := run(t, "backup", "--home", home, "-o", bak)
	require.Equal(t, 0, code, errs)
	require.NoError(t, <-done)
	s, err := model.Open(bak, model.Options{Device: "check"})
	require.NoError(t, err)
	defer s.Close()
	rep, err := s.Check(ctx)
	require.NoError(t, err)
	require.Equal(t, "ok", rep.Integrity)
}

func TestIdentityIsPrivateAndStable(t *testing.T) {
	dir := t.TempDir()
	a, err := LoadOrCreateIdentity(dir)
	require.NoError(t, err)
	fi, err := os.Stat(filepath.Join(dir, keyFile))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	b, err := LoadOrCreateIdentity(dir)
	require.NoError(t, err)
	require.Equal(t, a.Device, b.Device)
	require.True(t, a.PrivateKey.Equal(b.PrivateKey))
	require.NoError(t, os.WriteFile(filepath.Join(dir, keyFile), []byte("garbage"), 0o600))
	_, err = LoadOrCreateIdentity(dir)
	require.ErrorContains(t, err, "damaged")
}

func TestSettingsValidation(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		ok   bool
	}{
		{"valid", Settings{Municipality: "Quito", DeviceName: "Laptop", Language: "es"}, true},
		{"system language", Settings{Municipality: "Quito", DeviceName: "Laptop"}, true},
		{"no municipality", Settings{Municipality: "  ", DeviceName: "Laptop"}, false},
		{"no device", Settings{Municipality: "Quito"}, false},
		{"bad language", Settings{Municipality: "Quito", DeviceName: "L", Language: "xx"}, false},
		{"too long", Settings{Municipality: strings.Repeat("a", 201), DeviceName: "L"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.ok, tc.s.Validate() == nil)
		})
	}
}

func TestGUILockIsExclusive(t *testing.T) {
	home := t.TempDir()
	l, err := AcquireGUILock(home)
	require.NoError(t, err)
	_, err = AcquireGUILock(home)
	require.ErrorIs(t, err, ErrLocked)
	l.Release()
	l2, err := AcquireGUILock(home)
	require.NoError(t, err)
	l2.Release()
}

func TestCLIErrors(t *testing.T) {
	code, _, errs := run(t, "nonsense")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "pacta help")
	code, _, errs = run(t, "doctor", "--home", t.TempDir())
	require.Equal(t, 1, code)
	require.Contains(t, errs, "pacta init")
	code, out, _ := run(t, "version")
	require.Equal(t, 0, code)
	require.Contains(t, out, "pacta ")
	code, out, _ = run(t, "help")
	require.Equal(t, 0, code)
	require.Contains(t, out, "doctor")
}

func TestResolveHome(t *testing.T) {
	t.Setenv(EnvHome, "/env/home")
	require.Equal(t, "/flag", ResolveHome("/flag"))
	require.Equal(t, "/env/home", ResolveHome(""))
	t.Setenv(EnvHome, "")
	require.NotEmpty(t, ResolveHome(""))
}
