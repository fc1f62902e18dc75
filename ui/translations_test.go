package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/translations"
)

// openTranslations shows the Translations screen in lang, with the entry for key selected.
func openTranslations(t *testing.T, sh *Shell, lang, key string) *translationsPage {
	t.Helper()
	sh.Show("translations")
	p := sh.Page("translations").(*translationsPage)
	for i, l := range translationLangs() {
		if l.Code == lang {
			p.lang.SetSelectedIndex(i)
		}
	}
	p.search.SetText(key)
	for i, e := range p.items {
		if e.Key == key {
			p.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	require.NotNil(t, p.sel, "the key %s is listed", key)
	require.Equal(t, key, p.sel.Key)
	return p
}

// TestTranslationsScreenChecksAsYouType: a dropped field is named under the field while
// typing and Save waits; the right text saves, is in use at once (the window relabels)
// and is listed as this workspace's own; "use the shipped text" gives the shipped one back.
func TestTranslationsScreenChecksAsYouType(t *testing.T) {
	sh := newTestShell(t)
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) })
	p := openTranslations(t, sh, "it", "pact.pdf.subtitle")
	require.Contains(t, p.english.Text, "{{.Title}}")
	require.True(t, p.save.Disabled(), "nothing typed, nothing to save")

	p.other.SetText("per il progetto")
	require.True(t, p.problem.Visible())
	require.Contains(t, p.problem.Text, "{{.LegalBasis}} {{.Title}}")
	require.True(t, p.save.Disabled())
	require.NotEmpty(t, p.UnsavedText())

	p.other.SetText("per il progetto «{{.Title}}», secondo {{.LegalBasis}}")
	require.False(t, p.problem.Visible())
	require.False(t, p.save.Disabled())
	test.Tap(&p.save.Button)
	require.Empty(t, p.UnsavedText())
	require.Equal(t, "per il progetto «X», secondo Y", i18n.In("it").T("pact.pdf.subtitle", map[string]any{"Title": "X", "LegalBasis": "Y"}))
	require.Same(t, p, sh.Page("translations"), "the screen keeps its state through the relabel")
	require.True(t, p.sel.Edited)
	require.Contains(t, p.shipped.Text, "Pacta ships another text")
	all, err := translations.All(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Len(t, all, 1)

	require.False(t, p.accept.Disabled())
	test.Tap(&p.accept.Button)
	tapButton(t, topDialog(t, sh), i18n.T("translate.ui.accept"))
	all, err = translations.All(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Empty(t, all)
	require.Equal(t, p.sel.Shipped, p.other.Text)
}

// TestTranslationsPluralAndFilters: a counted text asks for its form for one in Spanish,
// none in Kichwa; the filters keep missing keys (every Kichwa key) and this workspace's
// own.
func TestTranslationsPluralAndFilters(t *testing.T) {
	sh := newTestShell(t)
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) })
	p := openTranslations(t, sh, "es", "pact.months")
	require.True(t, p.oneRow.Visible())
	p.other.SetText("{{.Count}} meses largos")
	p.one.SetText("")
	require.Equal(t, sentence(i18n.T("i18n.problem.one_missing")), p.problem.Text)
	p.one.SetText("un mes largo")
	require.False(t, p.save.Disabled())
	require.True(t, p.SaveTyped())

	q := openTranslations(t, sh, "qu", "pact.months")
	require.False(t, q.oneRow.Visible(), "Kichwa does not inflect for number")
	require.Contains(t, q.coverage.Text, "Kichwa: 0%")
	require.Contains(t, q.coverage.Text, "Español")

	q.search.SetText("")
	q.filter.SetSelectedIndex(1) // missing
	missing := 0
	for _, e := range q.all {
		if e.Status == i18n.StatusMissing {
			missing++
		}
	}
	require.Equal(t, missing, len(q.items))
	require.Greater(t, missing, len(q.all)*9/10, "Kichwa is barely translated: only what the book gives")
	q.lang.SetSelectedIndex(0)   // Español
	q.filter.SetSelectedIndex(4) // this workspace's own
	require.Len(t, q.items, 1)
	require.Equal(t, "pact.months", q.items[0].Key)
}

// TestTranslationsUnsavedAsksFirst: choosing another key with typing not saved asks; Cancel
// keeps the typing.
func TestTranslationsUnsavedAsksFirst(t *testing.T) {
	sh := newTestShell(t)
	p := openTranslations(t, sh, "it", "nav.dashboard")
	p.other.SetText("Pannello")
	p.search.SetText("nav.settings")
	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	d := topDialog(t, sh)
	require.True(t, hasText(d, i18n.T("translate.ui.unsaved", map[string]any{"Key": "nav.dashboard"})))
	tapButton(t, d, i18n.T("action.cancel"))
	require.Equal(t, "nav.dashboard", p.sel.Key)
	require.Equal(t, "Pannello", p.other.Text)
}

// TestTranslationsImportRefusesABadFile: a bundle with a broken field is refused whole, with
// its line; a good one lists its changes and imports when confirmed.
func TestTranslationsImport(t *testing.T) {
	sh := newTestShell(t)
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) })
	sh.Show("translations")
	p := sh.Page("translations").(*translationsPage)
	p.lang.SetSelectedIndex(1) // Italiano
	p.importBundle("it.json", []byte("{\n  \"pact.pdf.subtitle\": \"per il progetto\"\n}"))
	d := topDialog(t, sh)
	require.True(t, hasTextContaining(d, "it.json:2: pact.pdf.subtitle"))
	require.Empty(t, mustAll(t, sh))
	tapButton(t, d, i18n.T("action.close"))

	// In the reader's language: a Spanish window says the problem in Spanish.
	i18n.SetCurrent("es")
	p.importBundle("it.json", []byte(`{"pact.pdf.subtitle": "per il progetto", "pact.nothing": "x"}`))
	d = topDialog(t, sh)
	require.True(t, hasTextContaining(d, "pact.nothing: "+i18n.In("es").T("i18n.problem.unknown_key")))
	require.True(t, hasTextContaining(d, "la traducción debe usar los mismos campos"))
	tapButton(t, d, i18n.In("es").T("action.close"))
	i18n.SetCurrent("en")
	p = sh.Page("translations").(*translationsPage)

	p.importBundle("it.json", []byte(`{"nav.dashboard": "Quadro d'insieme"}`))
	d = topDialog(t, sh)
	require.True(t, hasTextContaining(d, "nav.dashboard: Quadro d'insieme"))
	tapButton(t, d, i18n.T("translate.ui.import"))
	require.Len(t, mustAll(t, sh), 1)
	require.Equal(t, "Quadro d'insieme", i18n.In("it").T("nav.dashboard"))
}

func mustAll(t *testing.T, sh *Shell) []string {
	t.Helper()
	all, err := translations.All(sh.WS.Store.DB())
	require.NoError(t, err)
	var keys []string
	for _, x := range all {
		keys = append(keys, x.Key)
	}
	return keys
}

// hasTextContaining reports whether a label under o shows text within its own.
func hasTextContaining(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok && strings.Contains(l.Text, text) {
			found = true
		}
	})
	return found
}

// TestPseudoPreviewEndsFromAnyScreen: the translators' preview shows every screen in the
// pseudo-locale with a button in the header to end it; the workspace's language stays.
func TestPseudoPreviewEndsFromAnyScreen(t *testing.T) {
	sh := newTestShell(t)
	sh.Show("translations")
	p := sh.Page("translations").(*translationsPage)
	test.Tap(&p.preview.Button)
	require.Equal(t, i18n.Pseudo, i18n.Current())
	sh.Show("pacts")
	end := i18n.T("translate.ui.preview_end")
	require.True(t, hasText(sh.Window.Content(), end), "the way back is on every screen")
	tapButton(t, sh.Window.Content(), end)
	require.Equal(t, "en", i18n.Current())
	require.Equal(t, "en", sh.WS.Config.Language, "the workspace's language did not change")
	require.False(t, hasText(sh.Window.Content(), i18n.In(i18n.Pseudo).T("translate.ui.preview_end")))
}
