package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/internal/replica"
	"pacta/model"
)

func TestSyncFolderIsMadeWhenItsParentExists(t *testing.T) {
	tmp := t.TempDir()
	home := filepath.Join(tmp, "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Prova")
	require.Equal(t, 0, code, errs)

	code, out, errs := run(t, "sync", "--home", home, "--folder", filepath.Join(tmp, "no", "such", "place"), "--json")
	require.NotEqual(t, 0, code, "a folder whose parent is missing is not made")
	assert.Empty(t, out, "a failing --json command prints only its error")
	assert.NotEmpty(t, errs)

	folder := filepath.Join(tmp, "shared")
	code, out, errs = run(t, "sync", "--home", home, "--folder", folder, "--json")
	require.Equal(t, 0, code, errs)
	var rep map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.DirExists(t, filepath.Join(folder, "pacta"))

	// The remembered folder gone (a drive not mounted) is not made again.
	require.NoError(t, os.RemoveAll(folder))
	code, out, _ = run(t, "sync", "--home", home, "--json")
	require.NotEqual(t, 0, code)
	assert.Empty(t, out)
	assert.NoDirExists(t, folder)
}

// TestAnInterruptedNewIdentityIsFinished: a crash after the new identity's files were
// written and before the old identity's unshared work was stamped again under it. The
// next sync finishes the change: the edit reaches the other laptop once the new identity
// is enrolled.
func TestAnInterruptedNewIdentityIsFinished(t *testing.T) {
	tmp := t.TempDir()
	folder, homeA, homeB := filepath.Join(tmp, "shared"), filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	cmd := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	cmd("init", "--home", homeA, "--name", "Comune di Prova")
	cmd("sync", "--home", homeA, "--folder", folder)
	cmd("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")
	enrolThis := func(home string) { enrolLaptop(t, cmd, homeA, home) }
	enrolThis(homeB)
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)

	// Laptop Maria adds an asset, not shared yet; then takes a new identity and "crashes"
	// right after writing its files.
	cmd("asset", "add", "--home", homeB, "--name", "Giardino di via Roma", "--kind", "green_area")
	ws, err := Open(homeB)
	require.NoError(t, err)
	old := ws.Identity.Device
	require.NoError(t, ws.Store.Update(context.Background(), func(tx *model.Tx) error {
		return replica.Change(tx, func(s *replica.State) { s.RenewFrom = old })
	}))
	_, err = NewIdentity(homeB)
	require.NoError(t, err)
	require.NoError(t, ws.Close())

	cmd("sync", "--home", homeB) // finishes the new identity and asks to join under it
	ws, err = Open(homeB)
	require.NoError(t, err)
	assert.NotEqual(t, old, ws.Identity.Device)
	left, err := replica.Read(ws.Store.DB())
	require.NoError(t, err)
	assert.Empty(t, left.RenewFrom, "the change is finished")
	require.NoError(t, ws.Close())

	cmd("sync", "--home", homeA)
	enrolThis(homeB)
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)
	cmd("sync", "--home", homeA)
	var assets []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("asset", "list", "--home", homeA, "--json")), &assets))
	names := map[string]bool{}
	for _, a := range assets {
		names[a["name"].(string)] = true
	}
	assert.True(t, names["Giardino di via Roma"], "the edit made under the old identity reached the other laptop")
}

// TestARestoredLaptopGetsItsLaterWorkBack: a laptop restored from a backup, whose work
// shared after the backup is in the folder, gets it back at its next sync with the same
// identity (restore says so), and what it does next reaches the other laptop.
func TestARestoredLaptopGetsItsLaterWorkBack(t *testing.T) {
	tmp := t.TempDir()
	folder, homeA, homeB := filepath.Join(tmp, "shared"), filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	cmd := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	cmd("init", "--home", homeA, "--name", "Comune di Prova")
	cmd("sync", "--home", homeA, "--folder", folder)
	cmd("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")
	enrolLaptop(t, cmd, homeA, homeB)
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)
	bak := filepath.Join(tmp, "a.db")
	cmd("backup", "--home", homeA, "-o", bak)
	cmd("asset", "add", "--home", homeA, "--name", "Giardino di via Roma", "--kind", "green_area")
	cmd("sync", "--home", homeA)

	before, err := os.ReadFile(bak)
	require.NoError(t, err)
	out := cmd("restore", "--home", homeA, bak, "--yes")
	after, err := os.ReadFile(bak)
	require.NoError(t, err)
	require.Equal(t, before, after, "the backup itself is left as it was")
	assert.Contains(t, out, "comes back from the shared folder at the next sync, under the same identity")
	cmd("asset", "add", "--home", homeA, "--name", "Orto urbano", "--kind", "green_area")
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)
	for _, home := range []string{homeA, homeB} {
		var assets []map[string]any
		require.NoError(t, json.Unmarshal([]byte(cmd("asset", "list", "--home", home, "--json")), &assets))
		names := map[string]bool{}
		for _, a := range assets {
			names[a["name"].(string)] = true
		}
		assert.True(t, names["Giardino di via Roma"], "%s: the work after the backup is back", home)
		assert.True(t, names["Orto urbano"], "%s: the work after the restore is shared", home)
	}
	var st map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("sync", "status", "--home", homeB, "--json")), &st))
	assert.Empty(t, st["quarantined"], "nothing quarantined on the other laptop")
	assert.Empty(t, st["clones"])
}
