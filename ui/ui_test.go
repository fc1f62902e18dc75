package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
)

// newTestShell opens a sample workspace in a headless Fyne app.
func newTestShell(t testing.TB) *Shell {
	t.Helper()
	a := test.NewTempApp(t)
	ws, err := app.Init(context.Background(), filepath.Join(t.TempDir(), "ws"), "Comune di Prova", true)
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close(); i18n.SetCurrent(i18n.Source) })
	ws.Config.Language = "en"
	Setup(ws)
	sh := NewShell(a, ws)
	t.Cleanup(sh.release) // else kept by the package's lists for the rest of the run
	sh.Window.Resize(fyne.NewSize(1200, 800))
	return sh
}

// findLabel reports whether any label-like widget under o shows text.
func hasText(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		switch w := c.(type) {
		case *widget.Label:
			found = found || w.Text == text
		case *widget.Button:
			found = found || w.Text == text
		case *widget.Card:
			found = found || w.Title == text || w.Subtitle == text
		case *widget.Form:
			for _, it := range w.Items {
				found = found || it.Text == text
			}
			found = found || w.SubmitText == text
		}
	})
	return found
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch c := o.(type) { // the window's own widgets are Fyne's underneath (widgets.go)
	case *Button:
		f(&c.Button)
	case *Select:
		f(&c.Select)
	case *Check:
		f(&c.Check)
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, x := range c.Objects {
			walk(x, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(c)
		if r != nil {
			for _, x := range r.Objects() {
				walk(x, f)
			}
		}
	}
}

func TestEveryScreenOpens(t *testing.T) {
	sh := newTestShell(t)
	require.NotEmpty(t, screens)
	for i, s := range screens {
		sh.nav.Select(i)
		require.Equal(t, s.ID, sh.CurrentID())
		require.NotNil(t, sh.Page(s.ID).Content(), s.ID)
	}
	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Workspace"))
	require.True(t, hasText(sh.Window.Content(), "Comune di Prova"))
}

func TestShortcutsSwitchScreens(t *testing.T) {
	sh := newTestShell(t)
	require.Equal(t, "dashboard", sh.CurrentID())
	// Ctrl+2 shows the second screen, Ctrl+1 the first again.
	sh.shortcutAction(fyne.Key2)()
	require.Equal(t, screens[1].ID, sh.CurrentID())
	sh.shortcutAction(fyne.Key1)()
	require.Equal(t, "dashboard", sh.CurrentID())
	// A digit beyond the last screen does nothing.
	if len(screens) < 9 {
		sh.shortcutAction(fyne.Key9)()
		require.Equal(t, "dashboard", sh.CurrentID())
	}
	require.NotNil(t, sh.shortcutAction(fyne.KeyF))
	require.NotNil(t, sh.shortcutAction(fyne.KeyQ))
	require.Nil(t, sh.shortcutAction(fyne.KeyZ))
}

func TestSettingsChangeLanguageRelabels(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("settings")
	p := sh.Page("settings").(*settingsPage)
	require.True(t, hasText(sh.Window.Content(), "Municipality"))

	// Empty municipality: refused with a message, nothing saved.
	test.Type(p.municipality, "")
	p.municipality.SetText("")
	p.save()
	require.Equal(t, i18n.T("settings.error.municipality_required"), p.status.Text)
	require.Equal(t, "Comune di Prova", sh.WS.Municipality())

	p.municipality.SetText("Comune di Bologna")
	p.language.SetSelected("Español")
	p.save()
	require.Equal(t, "es", i18n.Current())
	require.Equal(t, "Comune di Bologna", sh.WS.Municipality())
	// The page was rebuilt in Spanish, and so was the navigation.
	require.True(t, hasText(sh.Window.Content(), "Municipio"))
	require.False(t, hasText(sh.Window.Content(), "Municipality"))
	require.True(t, hasText(sh.Window.Content(), "Ajustes"))
	require.Equal(t, "es", sh.WS.Config.Language)

	p = sh.Page("settings").(*settingsPage)
	p.language.SetSelected("Italiano")
	p.save()
	require.True(t, hasText(sh.Window.Content(), "Comune"))
	require.True(t, hasText(sh.Window.Content(), "Impostazioni"))
}

func TestAboutShowsVersionAndData(t *testing.T) {
	sh := newTestShell(t)
	c := AboutContent(sh.WS)
	require.True(t, hasText(c, sh.WS.Home))
	require.True(t, hasText(c, "Pacta"))
}

func TestFormatInt(t *testing.T) {
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1 000", 1234567: "1 234 567", -4200: "-4 200"} {
		require.Equal(t, want, formatInt(in))
	}
}

func TestFyneWidgetStringsFollowLanguage(t *testing.T) {
	sh := newTestShell(t)
	for _, tc := range []struct{ lang, want string }{{"es", "Cancelar"}, {"it", "Annulla"}, {"qu", "Cancelar"}, {"en", "Cancel"}} {
		i18n.SetCurrent(tc.lang)
		require.Equal(t, tc.want, lang.L("Cancel"), tc.lang)
	}
	_ = sh
}

func TestSampleCardLeadsToANewWorkspace(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("dashboard")
	require.True(t, hasText(sh.Window.Content(), "Welcome to Pacta"))
	require.True(t, hasText(sh.Window.Content(), "Join a shared workspace…"))
	for _, term := range []string{"Collaboration pact", "Registry of commons", "Joint council", "Procurement call"} {
		require.True(t, hasText(sh.Window.Content(), term), "the welcome says what a %s is", term)
	}
	require.Error(t, sh.startOver(" ", ""), "a name is required")
	t.Cleanup(func() { i18n.SetCurrent("en") })
	require.NoError(t, sh.startOver("Comune di Bari", "it"))
	require.Equal(t, "Comune di Bari", sh.WS.Municipality())
	require.Equal(t, "it", sh.WS.Config.Language, "the language chosen in the dialog is the window's")
	i18n.SetCurrent("en")
	sh.Show("dashboard")
	require.False(t, hasText(sh.Window.Content(), "Welcome to Pacta"), "the card goes once the sample is set aside")
	require.True(t, hasText(sh.Window.Content(), "Comune di Bari"))
	require.Len(t, app.SetAsideFiles(sh.WS.Home), 1)
}

// TestSettingsKeepTypingThroughASync: a sync that changes the municipality while the user
// is typing the legal basis shows the new municipality and keeps the typing.
func TestSettingsKeepTypingThroughASync(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("settings")
	p := sh.Page("settings").(*settingsPage)
	p.legalBasis.SetText("Regolamento sui beni comuni, delibera 12/2026.")
	require.NoError(t, sh.WS.Store.Update(sh.Ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
	}))
	sh.Changed()
	require.Equal(t, "Comune di Palermo", p.municipality.Text)
	require.Equal(t, "Regolamento sui beni comuni, delibera 12/2026.", p.legalBasis.Text)
	p.save()
	require.Equal(t, i18n.T("settings.saved"), p.status.Text)
	s, err := sh.WS.Settings(sh.Ctx)
	require.NoError(t, err)
	require.Equal(t, "Comune di Palermo", s.Municipality)
	require.Equal(t, "Regolamento sui beni comuni, delibera 12/2026.", s.LegalBasis)
}
