package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDeviceName(t *testing.T) {
	for _, c := range []struct {
		name, person, host, want string
	}{
		{"person and host", "Maria Rossi", "vm", "Maria Rossi (vm)"},
		{"domain left out", "Maria Rossi", "vm.comune.example.org", "Maria Rossi (vm)"},
		{"no person", "", "ufficio-3", "ufficio-3"},
		{"no host", "maria", "", "maria"},
		{"nothing known", " ", "", "Pacta"},
		{"kept within what Settings accepts", strings.Repeat("a", 90), "vm", strings.Repeat("a", 80)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := deviceName(c.person, c.host)
			require.Equal(t, c.want, got)
			require.NoError(t, Settings{Municipality: "Quito", DeviceName: got}.Validate())
		})
	}
}

// A new workspace names its laptop after the person and the computer, not the computer
// alone: two laptops of one model (both "vm") stay apart.
func TestInitNamesTheDeviceAfterPersonAndHost(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	ws, err := Init(context.Background(), home, "Comune di Prova", false)
	require.NoError(t, err)
	defer ws.Close()
	require.Equal(t, DefaultDeviceName(), ws.Config.DeviceName)
	cfg, err := LoadConfig(home)
	require.NoError(t, err)
	require.Equal(t, DefaultDeviceName(), cfg.DeviceName)
	if p := personName(); p != "" {
		require.True(t, strings.HasPrefix(ws.Config.DeviceName, p), ws.Config.DeviceName)
	}
}

func TestBuildKnown(t *testing.T) {
	none := func() (string, string) { return "", "" }
	vcs := func() (string, string) { return "0123456789abcdef", "2026-12-02T15:03:00Z" }
	for _, c := range []struct {
		name                 string
		commit, date         string
		vcs                  func() (string, string)
		wantCommit, wantDate string
	}{
		{"ldflags", "abc1234", "2026-11-30T10:00:00Z", vcs, "abc1234", "2026-11-30T10:00:00Z"},
		{"from the checkout", "", "", vcs, "0123456789abcdef", "2026-12-02T15:03:00Z"},
		{"development build", "", "", none, "", ""},
		{"Makefile outside git", "unknown", "2026-11-30T10:00:00Z", none, "", "2026-11-30T10:00:00Z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, commit, date := buildKnown("0.1.0", c.commit, c.date, c.vcs)
			require.Equal(t, "0.1.0", v)
			require.Equal(t, c.wantCommit, commit)
			require.Equal(t, c.wantDate, date)
		})
	}
}
