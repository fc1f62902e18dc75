package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/translations"
)

// Every screen has its own help in every complete language, and the glossary one click away.
func TestEveryScreenHasHelp(t *testing.T) {
	sh := newTestShell(t)
	for _, s := range screens {
		for _, lang := range []string{"en", "es", "it"} {
			_, ok := i18n.Default().Text(lang, "help.screen."+s.ID)
			require.True(t, ok, "screen %s has no help in %s (help.screen.%s in help.%s.json)", s.ID, lang, s.ID, lang)
		}
		sh.Show(s.ID)
		sh.ShowHelp()
		top := dialogOnTop(sh.Window.Canvas())
		require.NotNil(t, top, s.ID)
		require.True(t, hasText(sh.Window.Canvas().Overlays().Top(), helpText(s.ID)), s.ID)
		require.True(t, hasText(sh.Window.Canvas().Overlays().Top(), "Glossary"), s.ID)
		top.cancel()
	}
}

func TestGlossaryFilters(t *testing.T) {
	for _, lang := range []string{"en", "es", "it"} {
		all := translations.Glossary(lang, lang, "")
		require.Len(t, all, len(translations.Terms))
		for _, e := range all {
			require.NotEmpty(t, e.Term, "%s %s", lang, e.Key)
			require.NotEmpty(t, e.Text, "%s %s", lang, e.Key)
		}
	}
	got := translations.Glossary("en", "en", "QUORUM")
	require.Len(t, got, 1)
	require.Equal(t, "Quorum", got[0].Term)
	require.Len(t, translations.Glossary("es", "es", "subsidiariedad"), 1)
	require.Empty(t, translations.Glossary("en", "en", "no such word anywhere"))

	// Kichwa: the book's two Kichwa terms, no definition at all (none is guessed).
	for _, e := range translations.Glossary("qu", "en", "") {
		require.Empty(t, e.Text, e.Key)
		if e.Key == "sumak_kawsay" {
			require.Equal(t, "Sumak Kawsay", e.Term)
		}
	}

	sh := newTestShell(t)
	sh.ShowGlossary()
	require.Equal(t, "glossary", sh.CurrentID())
	require.True(t, hasText(sh.Window.Content(), "Fingerprint"))
	require.True(t, hasText(sh.Window.Content(), "From the book, lines L5924–5937"))
}

// TestGlossaryKichwaSaysSoAndTakesADefinition: in Kichwa every definition is missing and
// says why; one written on the screen is the workspace's translation, shown at once.
func TestGlossaryKichwaSaysSoAndTakesADefinition(t *testing.T) {
	sh := newTestShell(t)
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) })
	sh.Show("glossary")
	p := sh.Page("glossary").(*glossaryPage)
	p.lang.SetSelected("Kichwa")
	why := i18n.T("glossary.ui.no_definition_book", map[string]any{"Language": "Kichwa"})
	require.True(t, hasText(sh.Window.Content(), why))
	p.search.SetText("minga")
	p.edit("qu", "glossary.minga.text", "")
	d := topDialog(t, sh)
	var e *Entry
	walk(d, func(o fyne.CanvasObject) {
		if x, ok := o.(*Entry); ok {
			e = x
		}
	})
	require.NotNil(t, e)
	e.SetText("test definition")
	tapButton(t, d, i18n.T("action.save"))
	require.True(t, hasText(sh.Window.Content(), "test definition"))
	require.False(t, hasText(sh.Window.Content(), why))
}

// TestTermHintBesideALabel: a form field whose label names a glossary term has the hint
// button, which shows the definition.
func TestTermHintBesideALabel(t *testing.T) {
	require.Equal(t, "commons", translations.TermIn("Commons", "en"))
	require.Equal(t, "quorum", translations.TermIn("Quorum of the meeting", "en"))
	require.Equal(t, "", translations.TermIn("Project title", "en"))
	sh := newTestShell(t)
	set := newFieldSet(nil, []*formField{newField("Commons", newEntry())})
	w := test.NewWindow(set.form())
	defer w.Close()
	var h *termHint
	walk(w.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*termHint); ok {
			h = x
		}
	})
	require.NotNil(t, h)
	test.Tap(h)
	require.NotNil(t, h.tip)
	require.True(t, hasText(h.tip.box, i18n.T("glossary.commons.text")))
	test.Tap(h.tip)
	require.Nil(t, h.tip, "a tap anywhere closes it")
	test.Tap(h)
	require.NotNil(t, h.tip)
	test.Tap(h)
	require.Nil(t, h.tip, "the button closes it again, from the keyboard too")
	_ = sh
}

// The window opens at the size it had and on the screen it showed when it last closed.
func TestWindowRemembersSizeAndScreen(t *testing.T) {
	sh := newTestShell(t)
	require.Equal(t, "dashboard", sh.CurrentID(), "a first start shows the dashboard")
	sh.Show("sync")
	sh.Window.Resize(fyne.NewSize(1100, 700))
	rememberSize(sh)
	again := NewShell(sh.App, sh.WS)
	t.Cleanup(again.release)
	require.Equal(t, "sync", again.CurrentID())
	require.Equal(t, fyne.NewSize(1100, 700), savedSize(again))
}
