package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
	"pacta/syncfolder"
)

func TestSyncScreenSharesAndResolvesConflicts(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	require.True(t, hasText(sh.Window.Content(), "Share this workspace here"))
	require.True(t, hasText(sh.Window.Content(), "Never"))

	// No folder: a clear message, nothing started.
	p.folder.SetText("")
	p.start(true)
	require.Equal(t, i18n.T("sync.error.no_folder"), p.problem.Text)

	folder := t.TempDir()
	p.folder.SetText(folder)
	p.s.run(folder) // what the button starts in the background, run here to wait for it
	p.Reload()
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.NotEmpty(t, st.Workspace)
	require.True(t, st.Admin)
	require.NotEqual(t, i18n.T("sync.never"), st.LastSync)
	require.True(t, p.create.Disabled(), "a shared workspace cannot be shared again")

	// A second laptop joins; the request shows with Enrol buttons.
	ctx := context.Background()
	other, err := app.OpenForJoin(filepath.Join(t.TempDir(), "other"))
	require.NoError(t, err)
	defer other.Close()
	other.Config.DeviceName = "Laptop Maria"
	_, _, err = other.JoinFolder(ctx, folder, "Laptop Maria")
	require.NoError(t, err)
	p.Reload()
	require.True(t, hasText(sh.Window.Content(), "Enrol"))
	p.decide(other.Identity.Device, true, false)
	require.False(t, hasText(sh.Window.Content(), "Enrol as administrator"))
	p.s.run("")
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	behind := i18n.T("sync.device.behind", map[string]any{"Name": "Laptop Maria"})
	require.False(t, hasText(sh.Window.Content(), behind))
	// Were Laptop Maria's device file written by a Pacta older than segment format 2, the
	// screen would ask for its upgrade.
	devFile := filepath.Join(folder, syncfolder.Root, "devices", other.Identity.Device+".json")
	raw, err := os.ReadFile(devFile)
	require.NoError(t, err)
	var df map[string]any
	require.NoError(t, json.Unmarshal(raw, &df))
	delete(df, "reads")
	raw, _ = json.Marshal(df)
	require.NoError(t, os.WriteFile(devFile, raw, 0o644))
	p.Reload()
	require.True(t, hasText(sh.Window.Content(), behind))
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	p.Reload()
	require.False(t, hasText(sh.Window.Content(), behind))

	// Concurrent edits of the municipality make a conflict shown side by side.
	require.NoError(t, other.SaveSettings(ctx, app.Settings{Municipality: "Comune B", DeviceName: "Laptop Maria"}))
	require.NoError(t, sh.WS.SaveSettings(ctx, app.Settings{Municipality: "Comune A", DeviceName: "x", Language: "en"}))
	_, err = other.SyncOnce(ctx, "", nil)
	require.NoError(t, err)
	p.s.run("")
	p.Reload()
	cs, err := model.ListConflicts(sh.WS.Store.DB(), true)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	require.True(t, hasText(sh.Window.Content(), "Keep theirs"))
	require.True(t, hasText(sh.Window.Content(), "Comune B"), "a text value reads as text, not JSON")
	require.True(t, hasText(sh.Window.Content(), "Settings · Municipality"), "the conflict is named as the user knows it")
	require.True(t, hasText(sh.Window.Content(), "Written on Laptop Maria"), "each side says which laptop wrote it")
	p.resolve(cs[0].ID, model.KeepTheirs, nil)
	require.Equal(t, "Comune B", sh.WS.Municipality())
	require.True(t, hasText(sh.Window.Content(), i18n.T("sync.conflicts.none")))

	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Sync"))
}

func syncStatus(sh *Shell) (syncfolder.Status, error) {
	eng, err := sh.WS.SyncEngine(sh.Ctx, "")
	if err != nil {
		return syncfolder.Status{}, err
	}
	return eng.Status(sh.Ctx)
}

func TestSyncReasonAndStatusKeysExist(t *testing.T) {
	for _, r := range syncfolder.Reasons {
		require.True(t, i18n.Default().Has("sync.reason."+r), r)
	}
	for _, s := range model.DeviceStatuses {
		require.True(t, i18n.Default().Has("sync.device.status."+s), s)
	}
}

// TestSyncScreenShowsReplayProgress: a large replay says how many changes of how many
// are applied, with the bar at that fraction.
func TestSyncScreenShowsReplayProgress(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	p.showProgress(27136, 60000)
	require.Equal(t, "Applying changes: 27 136 of 60 000", p.status.Text)
	require.InDelta(t, 0.452, p.progress.Value, 0.001)
	require.True(t, p.busy.Visible())
}
