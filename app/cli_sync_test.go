package app

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTwoProcessesSyncThroughAFolder builds the real binary and makes two workspaces
// converge through a temporary folder, as two laptops would.
func TestTwoProcessesSyncThroughAFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pacta binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "pacta")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	folder := filepath.Join(tmp, "shared")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	homeA, homeB := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	pacta := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "pacta %v: %s", args, stderr.String())
		return stdout.String()
	}
	syncJSON := func(home string, extra ...string) map[string]any {
		t.Helper()
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(pacta(append([]string{"sync", "--home", home, "--json"}, extra...)...)), &m))
		for _, k := range []string{"exported", "applied", "pending", "quarantined", "conflicts"} {
			require.Contains(t, m, k)
		}
		return m
	}

	pacta("init", "--home", homeA, "--name", "Comune di Prova", "--sample")
	m := syncJSON(homeA, "--folder", folder)
	require.Positive(t, m["exported"].(float64), "the founder shares what it holds")
	pacta("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")

	var devs []DeviceRow
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeB, "--json")), &devs))
	var idB string
	for _, d := range devs {
		if d.This {
			idB = d.ID
		}
	}
	require.NotEmpty(t, idB)
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeA, "--json")), &devs))
	require.Len(t, devs, 2, "the founder sees itself and the request")

	pacta("device", "enrol", idB, "--home", homeA)
	syncJSON(homeA) // the folder is remembered
	m = syncJSON(homeB)
	require.Zero(t, m["quarantined"].(float64))
	syncJSON(homeA)

	ca, cb := filepath.Join(tmp, "a.json"), filepath.Join(tmp, "b.json")
	pacta("export", "canonical", "--home", homeA, "-o", ca)
	pacta("export", "canonical", "--home", homeB, "-o", cb)
	ba, err := os.ReadFile(ca)
	require.NoError(t, err)
	bb, err := os.ReadFile(cb)
	require.NoError(t, err)
	require.Equal(t, string(ba), string(bb))
	require.Contains(t, string(ba), "Laptop Maria")

	var st map[string]any
	require.NoError(t, json.Unmarshal([]byte(pacta("sync", "status", "--home", homeB, "--json")), &st))
	require.Equal(t, true, st["enrolled"])
	require.Equal(t, folder, st["folder"])
	var cs []any
	require.NoError(t, json.Unmarshal([]byte(pacta("conflicts", "list", "--home", homeB, "--json")), &cs))
	require.Empty(t, cs)

	// Laptop Maria's device file as an older Pacta (before segment format 2) wrote it: the
	// founder is told that Laptop Maria needs an upgrade.
	devFile := filepath.Join(folder, "pacta", "devices", idB+".json")
	raw, err := os.ReadFile(devFile)
	require.NoError(t, err)
	var df map[string]any
	require.NoError(t, json.Unmarshal(raw, &df))
	require.Contains(t, df, "reads")
	delete(df, "reads")
	raw, _ = json.Marshal(df)
	require.NoError(t, os.WriteFile(devFile, raw, 0o644))
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeA, "--json")), &devs))
	for _, d := range devs {
		require.Equal(t, d.ID == idB, d.Upgrade, "%s", d.Name)
	}
	require.Contains(t, pacta("sync", "status", "--home", homeA), "Laptop Maria runs an older Pacta")
	syncJSON(homeB) // upgraded: its next sync says what it reads
	require.NotContains(t, pacta("sync", "status", "--home", homeA), "older Pacta")
}

func TestSyncCommandsExplainMistakes(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, _ := run(t, "init", "--home", home, "--name", "Comune")
	require.Equal(t, 0, code)
	code, _, errs := run(t, "sync", "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "--folder")
	code, _, errs = run(t, "sync", "--home", home, "--folder", filepath.Join(t.TempDir(), "missing", "drive"))
	require.Equal(t, 1, code)
	require.Contains(t, errs, "mounted")
	code, _, errs = run(t, "conflicts", "resolve", "1", "--home", home, "--keep", "")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "mine, theirs")
	code, _, errs = run(t, "conflicts", "resolve", "7", "--home", home, "--keep", "mine")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "there is no conflict 7; list them with `pacta conflicts list`")
	// A workspace with data of its own does not silently merge into a shared one.
	folder := t.TempDir()
	other := filepath.Join(t.TempDir(), "other")
	code, _, errs = run(t, "init", "--home", other, "--name", "Other")
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "sync", "--home", other, "--folder", folder)
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "join", "--home", home, "--folder", folder, "--name", "X")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "--merge")
	code, out, errs := run(t, "device", "enrol", "nope", "--home", other)
	require.Equal(t, 1, code, out)
	require.Contains(t, errs, "has not asked to join")
}

// TestJoinChecksTheFingerprintAndKeysStayPinned runs the real binary as laptops and as a
// stranger who edits the shared folder by hand.
func TestJoinChecksTheFingerprintAndKeysStayPinned(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pacta binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "pacta")
	build := exec.Command("go", "build", "-o", bin, "..")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	folder := filepath.Join(tmp, "shared")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	exe := func(args ...string) (int, string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return code, stdout.String(), stderr.String()
	}
	pacta := func(args ...string) string {
		t.Helper()
		code, out, errs := exe(args...)
		require.Equal(t, 0, code, "pacta %v: %s", args, errs)
		return out
	}
	homeA, homeB, homeC := filepath.Join(tmp, "a"), filepath.Join(tmp, "b"), filepath.Join(tmp, "c")
	pacta("init", "--home", homeA, "--name", "Comune di Prova", "--sample")
	pacta("sync", "--home", homeA, "--folder", folder)
	var st map[string]any
	require.NoError(t, json.Unmarshal([]byte(pacta("sync", "status", "--home", homeA, "--json")), &st))
	code := st["workspace_fingerprint"].(string)
	require.Regexp(t, `^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$`, code)
	require.Contains(t, pacta("sync", "status", "--home", homeA), code, "the founder can read the code aloud")

	// A wrong code is refused with both codes, and nothing is joined.
	wrong := "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
	c, _, errs := exe("join", "--home", homeC, "--folder", folder, "--name", "C", "--expect", wrong)
	require.Equal(t, 1, c)
	require.Contains(t, errs, wrong)
	require.Contains(t, errs, code)
	require.NotContains(t, pacta("sync", "status", "--home", homeC), "Comune di Prova")
	// Without --expect and with no terminal to ask at, it warns that nobody checked.
	_, _, errs = exe("join", "--home", homeC, "--folder", folder, "--name", "C")
	require.Contains(t, errs, "nobody checked")
	require.Contains(t, errs, "--expect "+code)
	// The right code, typed loosely, joins.
	pacta("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria", "--expect", strings.ToLower(strings.ReplaceAll(code, "-", " ")))

	var devs []DeviceRow
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeB, "--json")), &devs))
	var idB, fpB string
	for _, d := range devs {
		if d.This {
			idB, fpB = d.ID, d.Fingerprint
		}
	}
	pacta("device", "enrol", idB, "--home", homeA)

	// A stranger puts another key into Laptop Maria's device file.
	devFile := filepath.Join(folder, "pacta", "devices", idB+".json")
	raw, err := os.ReadFile(devFile)
	require.NoError(t, err)
	var df map[string]any
	require.NoError(t, json.Unmarshal(raw, &df))
	df["public_key"] = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	raw, _ = json.Marshal(df)
	require.NoError(t, os.WriteFile(devFile, raw, 0o644))
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeA, "--json")), &devs))
	found := false
	for _, d := range devs {
		if d.ID == idB {
			found = true
			require.True(t, d.KeyChanged)
			require.Equal(t, fpB, d.Fingerprint, "the pinned key")
			require.NotEqual(t, fpB, d.FolderFingerprint)
			require.NotEmpty(t, d.FolderFingerprint)
		}
	}
	require.True(t, found)
	// Promoting keeps the pinned key; a wrong fingerprint is refused.
	pacta("device", "enrol", idB, "--admin", "--home", homeA)
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeA, "--json")), &devs))
	for _, d := range devs {
		if d.ID == idB {
			require.Equal(t, fpB, d.Fingerprint)
			require.True(t, d.Admin)
		}
	}
	c, _, errs = exe("device", "enrol", idB, "--home", homeA, "--key", fpB)
	require.Equal(t, 1, c)
	require.Contains(t, errs, fpB)
	// Revoked: a laptop cannot revoke itself, an administrator can.
	c, _, _ = exe("device", "revoke", idB, "--home", homeB)
	require.Equal(t, 1, c)
	require.Contains(t, pacta("device", "revoke", idB, "--home", homeA), "revoked")
	require.NoError(t, json.Unmarshal([]byte(pacta("device", "list", "--home", homeA, "--json")), &devs))
	for _, d := range devs {
		if d.ID == idB {
			require.Equal(t, "revoked", d.Status)
		}
	}
}
