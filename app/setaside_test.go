package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestStartOverSetsTheSampleAside(t *testing.T) {
	ctx := context.Background()
	home := filepath.Join(t.TempDir(), "ws")
	ws, err := Init(ctx, home, "Comune di Esempio", true)
	require.NoError(t, err)
	defer ws.Close()
	require.True(t, ws.IsSample(ctx))
	oldDevice := ws.Identity.Device
	var assetsBefore int
	require.NoError(t, ws.Store.DB().Get(&assetsBefore, "SELECT count(*) FROM assets"))
	require.Positive(t, assetsBefore)

	hooked := 0
	ws.OnCommit(func() { hooked++ })

	_, err = ws.StartOver(ctx, "  ")
	require.Error(t, err, "a municipality name is required")
	require.True(t, ws.IsSample(ctx), "a refused start-over changes nothing")

	aside, err := ws.StartOver(ctx, "Comune di Bari")
	require.NoError(t, err)
	require.Equal(t, "Comune di Bari", ws.Municipality())
	require.False(t, ws.IsSample(ctx))
	require.NotEqual(t, oldDevice, ws.Identity.Device, "a fresh start is a fresh identity")
	var n int
	require.NoError(t, ws.Store.DB().Get(&n, "SELECT count(*) FROM assets"))
	require.Zero(t, n)
	require.Equal(t, 1, hooked, "commit hooks follow the new store")
	require.Equal(t, []string{aside}, SetAsideFiles(home))

	// Nothing was lost: the set-aside file is a sound database with the sample in it.
	old, err := model.Open(aside, model.Options{Device: "check"})
	require.NoError(t, err)
	defer old.Close()
	require.NoError(t, old.DB().Get(&n, "SELECT count(*) FROM assets"))
	require.Equal(t, assetsBefore, n)

	// The new workspace reopens as it was left.
	require.NoError(t, ws.Close())
	ws2, err := Open(home)
	require.NoError(t, err)
	defer ws2.Close()
	require.Equal(t, "Comune di Bari", ws2.Municipality())
	require.Equal(t, ws.Identity.Device, ws2.Identity.Device)
}

func TestJoinReplaceSetsLocalDataAside(t *testing.T) {
	dir := t.TempDir()
	founder, laptop, folder := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "shared")
	code, _, errs := run(t, "init", "--home", founder, "--name", "Comune di Bari")
	require.Equal(t, 0, code, errs)
	require.NoError(t, os.MkdirAll(folder, 0o755))
	code, _, errs = run(t, "sync", "--home", founder, "--folder", folder)
	require.Equal(t, 0, code, errs)

	code, _, errs = run(t, "init", "--home", laptop, "--name", "Comune di Esempio", "--sample")
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "join", "--home", laptop, "--folder", folder, "--name", "Laptop Maria")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "sample data")
	require.Contains(t, errs, "--replace")
	code, _, errs = run(t, "join", "--home", laptop, "--folder", folder, "--name", "Laptop Maria", "--merge", "--replace")
	require.Equal(t, 2, code, errs)

	code, out, errs := run(t, "join", "--home", laptop, "--folder", folder, "--name", "Laptop Maria", "--replace")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "set aside")
	require.Len(t, SetAsideFiles(laptop), 1)
	ws, err := Open(laptop)
	require.NoError(t, err)
	defer ws.Close()
	var n int
	require.NoError(t, ws.Store.DB().Get(&n, "SELECT count(*) FROM assets"))
	require.Zero(t, n, "the sample did not travel into the shared workspace")
}
