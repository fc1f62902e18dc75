package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

// TestEveryScreenFits1024x700: in Spanish and Italian (the longest of the languages),
// every screen fits a 1024×700 window, and the sidebar shows every screen's name whole.
func TestEveryScreenFits1024x700(t *testing.T) {
	for _, lang := range []string{"es", "it"} {
		t.Run(lang, func(t *testing.T) {
			t.Setenv("PACTA_LANG", lang)
			sh := newTestShell(t)
			sh.Show("settings")
			i18n.SetCurrent(lang)
			sh.relabel() // as a change of language in Settings does
			require.Equal(t, "settings", sh.CurrentID())
			sh.Window.Resize(fyne.NewSize(1024, 700))
			for _, s := range screens {
				sh.Show(s.ID)
				min := sh.Window.Content().MinSize()
				require.LessOrEqual(t, min.Width, float32(1024), "%s: %s is %v wide at least", lang, s.ID, min.Width)
				require.LessOrEqual(t, min.Height, float32(700), "%s: %s", lang, s.ID)
			}
			// Every tab of every sample pact's editor, with its longest messages, fits too.
			sh.Show("pacts")
			pp := sh.Page("pacts").(*pactsPage)
			for _, it := range append(pp.items[:0:0], pp.items...) {
				pp.Open(it.ID)
				for i := range pp.editor.tabs.Items {
					pp.editor.tabs.SelectIndex(i)
					min := sh.Window.Content().MinSize()
					require.LessOrEqual(t, min.Width, float32(1024), "%s: %s, tab %d is %v wide at least", lang, it.Ref, i+1, min.Width)
				}
				pp.back()
			}
			// The asset form, the widest of the dialogs, fits too.
			sh.Show("assets")
			sh.Page("assets").(*assetsPage).openDetail("")
			ov := sh.Window.Canvas().Overlays().Top()
			require.NotNil(t, ov)
			require.LessOrEqual(t, ov.MinSize().Width, float32(1024), "%s: the asset form", lang)
			sh.Window.Canvas().Overlays().Remove(ov)
			// And the import wizard, with a file of five columns.
			csv := filepath.Join(t.TempDir(), "beni.csv")
			require.NoError(t, os.WriteFile(csv, []byte("Codice;Nome;Indirizzo;Quartiere;Coordinate\r\nA1;Piazza Nuova;Via Roma 1;Centro;38.11, 13.36\r\n"), 0o644))
			require.NotNil(t, sh.Page("assets").(*assetsPage).startImport(csv))
			ov = sh.Window.Canvas().Overlays().Top()
			require.LessOrEqual(t, ov.MinSize().Width, float32(1024), "%s: the import wizard", lang)
			require.LessOrEqual(t, ov.MinSize().Height, float32(700), "%s: the import wizard", lang)
			sh.Window.Canvas().Overlays().Remove(ov)
			shown := 0
			walk(sh.nav, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" && l.Size().Width > 0 {
					shown++
					require.LessOrEqual(t, l.MinSize().Width, l.Size().Width+1, "%s: %q is cut short", lang, l.Text)
				}
			})
			require.Positive(t, shown)
		})
	}
}
