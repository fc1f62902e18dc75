package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
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
	all := glossaryEntries("")
	require.Len(t, all, len(glossaryTerms))
	for _, e := range all {
		require.NotEmpty(t, e[0])
		require.NotEmpty(t, e[1])
	}
	got := glossaryEntries("QUORUM")
	require.Len(t, got, 1)
	require.Equal(t, "Quorum", got[0][0])
	require.Empty(t, glossaryEntries("no such word anywhere"))

	sh := newTestShell(t)
	sh.ShowGlossary()
	require.True(t, hasText(sh.Window.Canvas().Overlays().Top(), "Fingerprint"))
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
