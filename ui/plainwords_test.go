package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/internal/replica"
	"pacta/model"
)

// storedTime is a timestamp as the database keeps it, or a hex id.
var storedTime = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}`)
var hexID = regexp.MustCompile(`\b[0-9a-f]{20,}\b`)

// labelsUnder are the texts of the labels under o.
func labelsUnder(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// TestHistoryInLocalTimeWithLaptopNames: the History tab shows when each move happened in
// the user's format and local time, and which laptop made it by its name, not the stored
// UTC timestamp and the device's id.
func TestHistoryInLocalTimeWithLaptopNames(t *testing.T) {
	sh, e := openDraftEditor(t)
	for _, lang := range []string{"en", "es", "it"} {
		i18n.SetCurrent(lang)
		p := sh.Page("pacts").(*pactsPage)
		p.Open(e.id)
		e = p.editor
		e.tabs.SelectIndex(len(e.tabs.Items) - 1)
		lines := labelsUnder(e.tabs.Items[len(e.tabs.Items)-1].Content)
		require.NotEmpty(t, lines)
		tr := e.d.Transitions[0]
		at, err := time.Parse(time.RFC3339, tr.At)
		require.NoError(t, err)
		want := dateTimeIn(lang, at.In(displayZone))
		require.True(t, strings.HasPrefix(lines[0], want), "%s: %q starts with %q", lang, lines[0], want)
		require.Contains(t, lines[0], "("+i18n.T("sync.device.this")+")", "the laptop by its name")
		for _, l := range lines {
			require.False(t, storedTime.MatchString(l), "a stored timestamp shows: %q", l)
			require.False(t, hexID.MatchString(l), "a device id shows: %q", l)
		}
	}
}

// TestMonitoringReportDatesAndHours: a report's line gives its date in the user's format
// and the hours with their plural form.
func TestMonitoringReportDatesAndHours(t *testing.T) {
	sh, e := openDraftEditor(t)
	_ = sh
	for _, c := range []struct {
		hours float64
		want  string
	}{{1, "1 volunteer hour"}, {2.5, "2.5 volunteer hours"}, {0, "0 volunteer hours"}} {
		require.Equal(t, c.want, hoursText(c.hours))
	}
	require.NoError(t, e.sh.WS.Store.Update(context.Background(), func(tx *model.Tx) error {
		return tx.Put(&model.PactReport{PactID: e.id, Period: "2026", FiledOn: "2026-03-01", Hours: 1})
	}))
	e.reload()
	e.tabs.SelectIndex(5)
	require.True(t, hasTextPrefix(e.tabs.Items[5].Content, "2026 — filed on Mar 1, 2026, 1 volunteer hour"), "%v", labelsUnder(e.tabs.Items[5].Content))
}

func TestAboutSaysWhichBuild(t *testing.T) {
	newTestShell(t)
	for _, c := range []struct {
		name                  string
		version, commit, date string
		want                  []string
	}{
		{"development build", "0.1.0", "", "", []string{"0.1.0, development build"}},
		{"a release", "0.1.0", "0123456789abcdef0123", "2026-12-02T15:03:00Z", []string{"0.1.0", "0123456789ab", formatWhen("2026-12-02T15:03:00Z")}},
		{"commit only", "0.2.0", "abc1234", "", []string{"0.2.0", "abc1234"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, r := range buildRows(c.version, c.commit, c.date) {
				got = append(got, labelsUnder(r)[0]) // the value (a border puts its centre first)
			}
			require.Equal(t, c.want, got)
			for _, g := range got {
				require.NotContains(t, g, "unknown")
			}
		})
	}
}

// TestAboutNamesTheDevice: the About box names this laptop as the others see it.
func TestAboutNamesTheDevice(t *testing.T) {
	sh := newTestShell(t)
	c := AboutContent(sh.WS)
	require.True(t, hasText(c, sh.WS.Config.DeviceName))
	require.False(t, hasText(c, sh.WS.Identity.Device), "no device id")
}

// TestSettingsOffersThePseudoLocaleInDebug: the pseudo-locale is a choice in Settings only
// with PACTA_DEBUG set; choosing it turns Pacta's strings and Fyne's into pseudo text.
func TestSettingsOffersThePseudoLocaleInDebug(t *testing.T) {
	for _, c := range []struct {
		debug   string
		offered bool
	}{{"", false}, {"1", true}} {
		t.Run("PACTA_DEBUG="+c.debug, func(t *testing.T) {
			t.Setenv("PACTA_DEBUG", c.debug)
			t.Setenv("PACTA_LANG", "")
			sh := newTestShell(t)
			sh.Show("settings")
			p := sh.Page("settings").(*settingsPage)
			pseudo := "Pseudo (" + i18n.Pseudo + ")"
			require.Equal(t, c.offered, indexOf(p.language.Options, pseudo) >= 0)
			if !c.offered {
				return
			}
			p.language.SetSelected(pseudo)
			p.save()
			require.Equal(t, i18n.Pseudo, i18n.Current())
			require.Equal(t, i18n.Pseudo, sh.WS.Config.Language)
			require.Equal(t, i18n.PseudoText("Cancel"), lang.L("Cancel"))
			require.True(t, hasText(sh.Window.Content(), i18n.T("nav.settings")))
			require.True(t, i18n.IsPseudo(i18n.T("nav.settings")))
		})
	}
}

// TestSyncScreenInLocalTime: the last sync, on the screen and the Dashboard's card, and a
// conflict's time, in the user's format.
func TestSyncScreenInLocalTime(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("sync")
	p := sh.Page("sync").(*syncPage)
	folder := t.TempDir()
	p.folder.SetText(folder)
	p.s.run(folder)
	p.Reload()
	st, err := syncStatus(sh)
	require.NoError(t, err)
	require.NotEmpty(t, st.LastSync)
	require.True(t, hasText(sh.Window.Content(), formatWhen(st.LastSync)))
	for _, l := range labelsUnder(sh.Window.Content()) {
		require.False(t, storedTime.MatchString(l), "a stored timestamp shows: %q", l)
	}
	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), formatWhen(st.LastSync)))
	c := replica.Conflict{Detected: "2026-12-02T15:03:00Z"}
	require.Equal(t, i18n.T("sync.conflict.detected", map[string]any{"When": formatWhen(c.Detected)}), detectedLabel(c).(*widget.Label).Text)
}

// A draft agreement that cannot be saved (the documents folder cannot be made) says so in
// the person's language, naming the file and the folder: no English from the system.
func TestPrintThatCannotSaveSaysSoInItalian(t *testing.T) {
	sh, e := openDraftEditor(t)
	i18n.SetCurrent("it")
	require.NoError(t, os.WriteFile(filepath.Join(sh.WS.Home, "documents"), nil, 0o644)) // a file where the folder goes
	require.Error(t, e.printAgreement())
	e.fail(e.printAgreement())
	require.Contains(t, e.message.Text, "Impossibile salvare")
	require.Contains(t, e.message.Text, filepath.Join(sh.WS.Home, "documents"))
	require.NotContains(t, e.message.Text, "save ")
	require.NotContains(t, e.message.Text, "not a directory")
}
