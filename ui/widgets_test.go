package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

// The pact editor's buttons are on a page, never in a dialog: they may keep Fyne's button.
var (
	pageButtons = map[string]bool{"pacts_editor.go": true, "pacts_tabs.go": true, "pacts_header.go": true,
		"pacts_monitoring_tab.go": true, "pacts_sections_tab.go": true, "pacts_history_tab.go": true}
	pageButton = regexp.MustCompile(`widget\.NewButton(WithIcon)?\(`)
)

// TestNoBareWidgets fails on a widget.NewSelect or NewSelectEntry outside newSelect: its
// placeholder would be Fyne's English "(Select one)" in every language; and on Fyne's own
// Button and Check, which drop Escape and Enter in a dialog (but pageButtons).
func TestNoBareWidgets(t *testing.T) {
	bare := regexp.MustCompile(`widget\.New(Select|Button|Check)(Entry|WithData|WithIcon)?\(|&widget\.(Select|Button|Check)(Entry)?\{`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var found []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "widgets.go" {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			if pageButtons[f] && pageButton.MatchString(line) {
				continue
			}
			if bare.MatchString(line) {
				found = append(found, f+":"+strconv.Itoa(i+1)+": "+strings.TrimSpace(line))
			}
		}
	}
	require.Empty(t, found, "use newSelect, newButton, newCheck (ui/widgets.go)")
}

func TestSelectPlaceholderIsTranslated(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetCurrent(i18n.Source) })
	for _, c := range []struct{ lang, want string }{
		{"en", "Choose…"}, {"es", "Elija…"}, {"it", "Scegli…"}, {"qu", "Elija…"},
	} {
		i18n.SetCurrent(c.lang)
		s := newSelect([]string{"a", "b"}, nil)
		test.WidgetRenderer(s) // Fyne puts its own placeholder back into an empty one when drawn
		require.Equal(t, c.want, s.PlaceHolder, c.lang)
		require.NotContains(t, s.PlaceHolder, "Select one")
	}
}

// Escape cancels a dialog and Enter confirms it whatever has the keyboard in it: a field,
// a drop-down, a checkbox or a button (Fyne's own Button, Select and Check dropped both).
// Enter on a button that has the keyboard presses that button.
func TestDialogKeysFromEveryWidget(t *testing.T) {
	sh := newTestShell(t)
	c := sh.Window.Canvas()
	sh.Show("pacts")
	p := sh.Page("pacts").(*pactsPage)
	before := len(p.items)

	for _, pick := range []struct {
		name string
		of   func(d *formDialog) fyne.Focusable
	}{
		{"field", func(d *formDialog) fyne.Focusable { return d.fields[0].widget.(*Entry) }},
		{"drop-down", func(d *formDialog) fyne.Focusable { return d.fields[1].widget.(*Select) }},
		{"checkbox", func(d *formDialog) fyne.Focusable { return d.fields[len(d.fields)-1].widget.(*Check) }},
		{"confirm button", func(d *formDialog) fyne.Focusable { return d.confirm }},
		{"cancel button", func(d *formDialog) fyne.Focusable { return d.cancel }},
	} {
		d := p.showNew()
		test.Type(d.fields[0].widget.(*Entry), "Typed title")
		c.Focus(pick.of(d))
		require.Equal(t, pick.of(d), c.Focused(), pick.name)
		pressKey(c, fyne.KeyEscape, 0)
		discardTyping(t, c)
		require.Nil(t, c.Overlays().Top(), "Escape from the %s closes the dialog", pick.name)
	}
	require.Len(t, p.items, before, "Escape wrote nothing")

	// Enter from the drop-down confirms: no title, so the dialog stays with its message.
	d := p.showNew()
	c.Focus(d.fields[1].widget.(*Select))
	pressKey(c, fyne.KeyReturn, 0)
	require.NotNil(t, c.Overlays().Top(), "refused: the dialog stays")
	require.NotEmpty(t, fieldMessage(d, i18n.T("pact.ui.field.title")))
	// Enter on the Cancel button presses Cancel, not the dialog's confirm.
	c.Focus(d.cancel)
	pressKey(c, fyne.KeyReturn, 0)
	require.Nil(t, c.Overlays().Top())
	require.Len(t, p.items, before)

	// A confirmation and a message close on Escape from their buttons too.
	confirmAction(sh.Window, "t", "text", "Remove", true, func() { t.Fatal("removed on Escape") })
	focusButton(t, c, i18n.T("action.cancel"))
	pressKey(c, fyne.KeyEscape, 0)
	require.Nil(t, c.Overlays().Top())
	sh.ShowInfo("about.title", "message")
	focusButton(t, c, i18n.T("action.close"))
	pressKey(c, fyne.KeyEscape, 0)
	require.Nil(t, c.Overlays().Top())
}

// focusButton gives the keyboard to the button labelled text of the dialog on top of c.
func focusButton(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	var b *Button
	walk(c.Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*Button); ok && x.Text == text {
			b = x
		}
	})
	require.NotNil(t, b, "button %q", text)
	c.Focus(b)
	require.Equal(t, fyne.Focusable(b), c.Focused())
}
