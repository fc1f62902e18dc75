package ui

import (
	"net/url"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/assets"
	"pacta/i18n"
)

// keyboard plays a person who uses only the keyboard on the window of sh.
type keyboard struct {
	t *testing.T
	c fyne.Canvas
}

// press presses key with mod.
func (k keyboard) press(key fyne.KeyName, mod fyne.KeyModifier) { pressKey(k.c, key, mod) }

// typeText types s into what has the keyboard.
func (k keyboard) typeText(s string) {
	f := k.c.Focused()
	require.NotNil(k.t, f, "something has the keyboard")
	for _, r := range s {
		f.TypedRune(r)
	}
}

// tabTo presses Tab until what has the keyboard is what is (Shift+Tab with back), and
// fails when Tab never gets there: what cannot be reached so cannot be used.
func (k keyboard) tabTo(what string, is func(fyne.Focusable) bool, back bool) fyne.Focusable {
	k.t.Helper()
	var mod fyne.KeyModifier
	if back {
		mod = fyne.KeyModifierShift
	}
	for range 60 {
		if f := k.c.Focused(); f != nil && is(f) {
			return f
		}
		k.press(fyne.KeyTab, mod)
	}
	k.t.Fatalf("Tab never reaches %s", what)
	return nil
}

// button is a test for tabTo: the button labelled text.
func button(text string) func(fyne.Focusable) bool {
	return func(f fyne.Focusable) bool {
		switch b := f.(type) {
		case *Button:
			return b.Text == text
		case *widget.Button:
			return b.Text == text
		}
		return false
	}
}

// is is a test for tabTo: that very widget.
func is(o fyne.Focusable) func(fyne.Focusable) bool {
	return func(f fyne.Focusable) bool { return f == o }
}

// TestKeyboardWalkToAPrintedDraft walks the main flow with the keyboard alone (Tab,
// Shift+Tab, Enter, Space, arrows, Escape, Ctrl+N, Ctrl+F, Ctrl+S): from the window as it
// first opens to a new pact, its overview saved, its draft agreement printed, and back to
// the list, from which another pact opens; an asset of the registry opens and closes.
func TestKeyboardWalkToAPrintedDraft(t *testing.T) {
	defer func(f func(fyne.App, *url.URL) error) { openURL = f }(openURL)
	openURL = func(fyne.App, *url.URL) error { return nil }
	sh := newTestShell(t)
	sh.Window.Resize(fyne.NewSize(1024, 700))
	kb := keyboard{t: t, c: sh.Window.Canvas()}

	// The Pacts screen, its search, then New pact.
	for i, s := range screens {
		if s.ID == "pacts" {
			kb.press(appKeys[i], ctrl)
		}
	}
	require.Equal(t, "pacts", sh.CurrentID())
	p := sh.Page("pacts").(*pactsPage)
	kb.press(fyne.KeyF, ctrl)
	require.Equal(t, fyne.Focusable(p.search), kb.c.Focused())
	before := len(p.items)
	kb.tabTo("New pact", button(i18n.T("pact.ui.new")), false)
	kb.press(fyne.KeyReturn, 0)
	d := dialogOnTop(kb.c)
	require.NotNil(t, d, "New pact opens its dialog")

	// Escape closes it; Space on the button opens it again, the keyboard in its first field.
	kb.press(fyne.KeyEscape, 0)
	require.Nil(t, dialogOnTop(kb.c))
	kb.tabTo("New pact", button(i18n.T("pact.ui.new")), true)
	kb.press(fyne.KeySpace, 0)
	require.NotNil(t, dialogOnTop(kb.c))
	kb.typeText("Orto condiviso di via Libertà")
	kb.press(fyne.KeyTab, 0) // the kind
	kb.press(fyne.KeyTab, 0) // the proponent
	kb.typeText("Associazione Città Più Verde")
	kb.press(fyne.KeyTab, 0) // the proponent's kind: the next one
	kb.press(fyne.KeyRight, 0)
	kb.press(fyne.KeyReturn, 0)
	require.Nil(t, dialogOnTop(kb.c), "Enter made the pact")
	require.Len(t, p.items, before+1)
	e := p.editor
	require.NotNil(t, e, "the new pact is open")
	require.Equal(t, "Orto condiviso di via Libertà", e.d.Pact.Title)

	// The overview: a summary (Tab leaves the multi-line field), a start date in the
	// user's format, Ctrl+S.
	kb.tabTo("the summary", is(e.summary), false)
	kb.typeText("Cura dell'orto.")
	kb.press(fyne.KeyTab, 0)
	require.NotEqual(t, fyne.Focusable(e.summary), kb.c.Focused(), "Tab left the summary")
	kb.tabTo("the start date", is(e.start), false)
	kb.typeText("03/01/2027")
	kb.press(fyne.KeyS, ctrl)
	e = p.editor
	require.Equal(t, "Cura dell'orto.", e.d.Pact.Summary)
	require.Equal(t, "2027-03-01", e.d.Pact.StartDate)

	// Another tab of the editor (Ctrl+Page Down): a party added with Enter.
	kb.press(fyne.KeyPageDown, ctrl)
	require.Equal(t, 1, e.tabs.SelectedIndex())
	parties := len(e.d.Parties)
	kb.tabTo("the party's name", is(e.partyName), false)
	kb.typeText("Scuola Rita Borsellino")
	kb.tabTo("Add party", button(i18n.T("pact.ui.add_party")), false)
	kb.press(fyne.KeySpace, 0)
	e = p.editor
	require.Len(t, e.d.Parties, parties+1)

	// The draft agreement, printed.
	kb.tabTo("Print agreement", button(i18n.T("pact.ui.print")), true)
	kb.press(fyne.KeySpace, 0)
	e = p.editor
	require.NotEmpty(t, e.printed, e.message.Text)
	_, err := os.Stat(e.printed)
	require.NoError(t, err)

	// Back to the list, and another pact opened from it: arrows and Space in the table.
	kb.tabTo("← Pacts", button(i18n.T("pact.ui.back")), true)
	kb.press(fyne.KeySpace, 0)
	require.Nil(t, p.editor)
	kb.tabTo("the list of pacts", isTable(p.table), false)
	kb.press(fyne.KeyDown, 0)
	kb.press(fyne.KeySpace, 0)
	require.NotNil(t, p.editor, "Space opens the pact")
	require.Equal(t, p.items[1].ID, p.editor.id, "the second row")

	// The registry (Ctrl+2): an asset opens with Space and closes with Escape.
	kb.press(fyne.Key2, ctrl)
	require.Equal(t, "assets", sh.CurrentID())
	a := sh.Page("assets").(*assetsPage)
	kb.tabTo("the registry's table", isTable(a.table), false)
	kb.press(fyne.KeySpace, 0)
	require.NotNil(t, a.detail, "Space opens the asset")
	kb.press(fyne.KeyEscape, 0)
	require.Nil(t, dialogOnTop(kb.c), "Escape closes it")

	// Its columns sort with Enter on their headings.
	kb.tabTo("the Kind heading", button(i18n.T(assets.FieldLabelKey("kind"))), true)
	kb.press(fyne.KeyReturn, 0)
	require.Equal(t, "kind", a.query.Sort)
}

// isTable reports whether the focus is on t, as the window holds it (a listTable).
func isTable(t *widget.Table) func(f fyne.Focusable) bool {
	return func(f fyne.Focusable) bool {
		lt, ok := f.(*listTable)
		return ok && &lt.Table == t
	}
}
