package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/assets"
	"pacta/i18n"
	"pacta/pacts"
)

// dashboardOf opens the window on the workspace in home and returns it on the Dashboard.
func dashboardOf(t *testing.T, home string) *Shell {
	t.Helper()
	ws, err := app.Open(home)
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close(); i18n.SetCurrent(i18n.Source) })
	ws.Config.Language = "en"
	Setup(ws)
	sh := NewShell(test.NewTempApp(t), ws)
	t.Cleanup(sh.release)
	sh.Window.Resize(fyne.NewSize(1366, 768))
	sh.Show("dashboard")
	return sh
}

// TestDashboardOnAnEmptyAndALargeWorkspace: on an empty workspace every card says so and
// what to do; on one of 105,000 commons and 5,000 pacts (25,000 under the race detector)
// the cards show the counts in full, with nothing left loading.
func TestDashboardOnAnEmptyAndALargeWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a workspace of 105,000 commons")
	}
	empty := filepath.Join(t.TempDir(), "empty")
	ws, err := app.Init(context.Background(), empty, "Comune di Prova", false)
	require.NoError(t, err)
	ws.Close()
	big, err := bigWorkspace()
	require.NoError(t, err)

	sh := dashboardOf(t, empty)
	c := sh.Window.Content()
	require.False(t, hasText(c, i18n.T("dashboard.loading")), "nothing left loading")
	require.True(t, hasText(c, "Comune di Prova"))
	require.True(t, hasText(c, i18n.T("pact.ui.none_yet")), "the pacts card says there is none yet")
	require.True(t, hasText(c, i18n.T("sync.card.not_shared")), "the sync card says how to share")

	sh = dashboardOf(t, big)
	c = sh.Window.Content()
	require.False(t, hasText(c, i18n.T("dashboard.loading")))
	byKind, err := assets.AssetCountsByKind(sh.WS.Store.DB())
	require.NoError(t, err)
	total := 0
	for _, k := range byKind {
		total += k.N
	}
	require.Greater(t, total, bigCommons)
	require.True(t, hasText(c, formatInt(total)), "the commons counted in full: %s", formatInt(total))
	s, err := pacts.Summarise(sh.WS.Store.DB(), time.Now())
	require.NoError(t, err)
	require.True(t, hasText(c, formatInt(s.ByStatus["draft"])), "the drafts counted: %d", s.ByStatus["draft"])
	require.GreaterOrEqual(t, s.ByStatus["draft"], 5000)
}
