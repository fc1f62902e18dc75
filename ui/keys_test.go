package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/pacts"
)

// The window's shortcuts work while a field has the keyboard: Ctrl+1…N switch screens,
// Ctrl+S saves the form on screen. With Fyne's own Entry they did nothing.
func TestShortcutsFromAFocusedField(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	c.Focus(p.search)
	require.Equal(t, fyne.Focusable(p.search), c.Focused())
	pressKey(c, fyne.Key1, ctrl)
	require.Equal(t, screens[0].ID, sh.CurrentID(), "Ctrl+1 from the search box")
	for i, s := range screens {
		if s.ID == "pacts" {
			sh.Show("settings")
			c.Focus(sh.Page("settings").(*settingsPage).municipality)
			pressKey(c, appKeys[i], ctrl)
			require.Equal(t, "pacts", sh.CurrentID(), "Ctrl+%d from a settings field", i+1)
		}
	}

	// Ctrl+S saves the settings from the field being typed in.
	sh.Show("settings")
	s := sh.Page("settings").(*settingsPage)
	c.Focus(s.municipality)
	s.municipality.SetText("Comune di Bologna")
	pressKey(c, fyne.KeyS, ctrl)
	require.Equal(t, "Comune di Bologna", sh.WS.Municipality())
	require.Equal(t, i18n.T("settings.saved"), s.status.Text)

	// What the issue found: Fyne's Entry keeps the shortcut.
	bare := widget.NewEntry()
	sh.Window.SetContent(bare)
	c.Focus(bare)
	before := sh.CurrentID()
	pressKey(c, fyne.Key1, ctrl)
	require.Equal(t, before, sh.CurrentID())
}

// Ctrl+S in the pact editor saves what is typed, from the field that has the keyboard; a
// number in letters is refused and nothing is written.
func TestCtrlSSavesThePact(t *testing.T) {
	sh, e := openDraftEditor(t)
	c := sh.Window.Canvas()
	c.Focus(e.summary)
	e.summary.SetText("Typed summary.")
	e.duration.SetText("36")
	pressKey(c, fyne.KeyS, ctrl)
	require.Equal(t, "Typed summary.", e.d.Pact.Summary)
	require.EqualValues(t, 36, e.d.Pact.DurationMonths)

	c.Focus(e.duration)
	e.duration.SetText("three years")
	e.notes.SetText("Typed notes.")
	pressKey(c, fyne.KeyS, ctrl)
	require.EqualValues(t, 36, e.d.Pact.DurationMonths)
	require.NotEqual(t, "Typed notes.", e.d.Pact.Notes, "nothing written")
	require.Contains(t, e.message.Text, i18n.T("pact.ui.field.duration"))
	require.Equal(t, "three years", e.duration.Text)
}

// Ctrl+S in the asset form saves it and leaves it open.
func TestCtrlSSavesTheAssetForm(t *testing.T) {
	sh, f, a := openAssetForm(t, "ASSET-0001")
	c := sh.Window.Canvas()
	c.Focus(f.entries["name"])
	f.entries["name"].SetText(a.Name + " (rinnovato)")
	pressKey(c, fyne.KeyS, ctrl)
	require.Empty(t, f.problem.Text)
	require.Equal(t, a.Name+" (rinnovato)", f.a.Name)
	require.NotNil(t, c.Overlays().Top(), "the form stays open")

	// A latitude in letters is refused, with the field named; nothing is written.
	f.entries["lat"].SetText("nord")
	pressKey(c, fyne.KeyS, ctrl)
	require.NotEmpty(t, f.problem.Text)
	require.Error(t, f.entries["lat"].Validate())
}

// Enter submits a dialog from its field, Escape cancels it, from a field or with nothing
// focused.
func TestEnterAndEscapeInADialog(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()

	// Escape from the field: nothing done.
	sh.askStartOver()
	require.NotNil(t, c.Overlays().Top())
	require.NotNil(t, c.Focused())
	test.Type(c.Focused(), "Comune di Bari")
	pressKey(c, fyne.KeyEscape, 0)
	discardTyping(t, c) // Escape with typing asks first
	require.Nil(t, c.Overlays().Top(), "Escape closed it")
	require.Equal(t, "Comune di Prova", sh.WS.Municipality())

	// Enter in the field: done.
	sh.askStartOver()
	test.Type(c.Focused(), "Comune di Bari")
	pressKey(c, fyne.KeyReturn, 0)
	require.Equal(t, "Comune di Bari", sh.WS.Municipality())

	// What shows then (the message that says where the sample went) closes with Escape.
	for i := 0; i < 3 && c.Overlays().Top() != nil; i++ {
		pressKey(c, fyne.KeyEscape, 0)
	}
	require.Nil(t, c.Overlays().Top())

	// A message closes with Escape, nothing focused.
	sh.ShowInfo("start.new.title", "done")
	c.Unfocus()
	pressKey(c, fyne.KeyEscape, 0)
	require.Nil(t, c.Overlays().Top())

	// A dialog over a dialog: Escape closes the one on top only.
	sh.ShowInfo("start.new.title", "one")
	sh.ShowInfo("start.new.title", "two")
	require.Len(t, c.Overlays().List(), 2)
	pressKey(c, fyne.KeyEscape, 0)
	require.Len(t, c.Overlays().List(), 1)
	pressKey(c, fyne.KeyReturn, 0)
	require.Empty(t, c.Overlays().List())

	// A dialog of Fyne's own that showDialog did not show keeps its keys to itself.
	dialog.ShowInformation("x", "y", sh.Window)
	pressKey(c, fyne.KeyEscape, 0)
	require.NotNil(t, c.Overlays().Top())
}

// A form dialog: Enter with a number in letters writes nothing and leaves the dialog open;
// a multi-line field submits it with Ctrl+Enter; Escape cancels.
func TestEnterInAFormDialog(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	dl, err := pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)

	p.showDeadlines()
	entries, _ := dialogEntries(t, sh)
	require.Len(t, entries, 5) // four terms and the interruption's days
	c.Focus(entries[0])
	entries[0].SetText("thirty")
	pressKey(c, fyne.KeyReturn, 0)
	require.NotNil(t, c.Overlays().Top(), "the dialog stays open")
	require.Equal(t, "thirty", entries[0].Text)
	got, err := pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Equal(t, dl, got, "nothing written")

	entries[0].SetText("45")
	pressKey(c, fyne.KeyReturn, 0)
	require.Nil(t, c.Overlays().Top())
	got, err = pacts.LoadDeadlines(sh.WS.Store.DB())
	require.NoError(t, err)
	require.Equal(t, 45, got.OrdinaryAnswer)

	// askText: Ctrl+Enter in its multi-line field confirms, Enter types a new line.
	said := ""
	askText(sh, "Title", "", "Reason", "OK", "", nil, func(s string) error { said = s; return nil })
	text := entryIn(t, c.Overlays().Top())
	c.Focus(text)
	test.Type(text, "One")
	pressKey(c, fyne.KeyReturn, 0)
	test.Type(text, "Two")
	require.NotNil(t, c.Overlays().Top())
	pressKey(c, fyne.KeyReturn, ctrl)
	require.Equal(t, "One\nTwo", said)
	require.Nil(t, c.Overlays().Top())

	// Escape from the multi-line field cancels.
	said = ""
	askText(sh, "Title", "", "Reason", "OK", "", nil, func(s string) error { said = s; return nil })
	text = entryIn(t, c.Overlays().Top())
	c.Focus(text)
	test.Type(text, "Gone")
	pressKey(c, fyne.KeyEscape, 0)
	discardTyping(t, c)
	require.Nil(t, c.Overlays().Top())
	require.Empty(t, said)
}

// While a dialog is open, Ctrl+1…N leave the screen under it alone; Ctrl+Q still quits.
func TestShortcutsWaitForTheDialog(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()
	sh.Show("settings")
	sh.ShowInfo("start.new.title", "one")
	pressKey(c, fyne.Key1, ctrl)
	require.Equal(t, "settings", sh.CurrentID())
	pressKey(c, fyne.KeyEscape, 0)
	pressKey(c, fyne.Key1, ctrl)
	require.Equal(t, screens[0].ID, sh.CurrentID())
}

// Fyne's tabs cannot take the keyboard: Ctrl+Page Down and Ctrl+Page Up (Ctrl+Tab,
// Ctrl+Shift+Tab) move among the pact's tabs, from a field, with the keyboard in the
// first field of the tab shown.
func TestCtrlPageDownShowsTheNextTab(t *testing.T) {
	sh, e := openDraftEditor(t)
	c := sh.Window.Canvas()
	c.Focus(e.title)
	pressKey(c, fyne.KeyPageDown, ctrl)
	require.Equal(t, 1, e.tabs.SelectedIndex())
	require.Equal(t, fyne.Focusable(e.partyName), c.Focused())
	pressKey(c, fyne.KeyTab, ctrl)
	require.Equal(t, 2, e.tabs.SelectedIndex())
	require.Equal(t, fyne.Focusable(e.assetRef), c.Focused())
	pressKey(c, fyne.KeyTab, ctrl|fyne.KeyModifierShift)
	pressKey(c, fyne.KeyPageUp, ctrl)
	require.Equal(t, 0, e.tabs.SelectedIndex())
	pressKey(c, fyne.KeyPageUp, ctrl)
	require.Equal(t, len(e.tabs.Items)-1, e.tabs.SelectedIndex(), "round the ends")
	require.Nil(t, c.Focused())
}

// Enter confirms a dialog, but never an action that ends or removes something: only its
// button does.
func TestEnterNeverConfirmsADangerousAction(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()
	done := false
	confirmAction(sh.Window, "Title", "It ends.", "End", true, func() { done = true })
	pressKey(c, fyne.KeyReturn, 0)
	require.False(t, done)
	require.NotNil(t, c.Overlays().Top())
	pressKey(c, fyne.KeyEscape, 0)
	require.Nil(t, c.Overlays().Top())

	confirmAction(sh.Window, "Title", "It goes on.", "Go on", false, func() { done = true })
	pressKey(c, fyne.KeyReturn, 0)
	require.True(t, done)
	require.Nil(t, c.Overlays().Top())
}

// discardTyping answers the question that leaving a form with typing asks: it is on top,
// Escape keeps the form (nothing lost), and Discard closes both.
func discardTyping(t *testing.T, c fyne.Canvas) {
	t.Helper()
	q := c.Overlays().Top()
	require.NotNil(t, q)
	var form fyne.CanvasObject
	if l := c.Overlays().List(); len(l) > 1 {
		form = l[len(l)-2]
	}
	asks := false
	walk(q, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("unsaved.discard") {
			asks = true
		}
	})
	require.True(t, asks, "leaving with typing asks first")
	pressKey(c, fyne.KeyEscape, 0)
	require.Equal(t, form, c.Overlays().Top(), "Escape on the question goes back to the form")
	pressKey(c, fyne.KeyEscape, 0)
	tapButton(t, c.Overlays().Top(), i18n.T("unsaved.discard"))
}
