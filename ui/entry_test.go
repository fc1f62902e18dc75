package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

// TestNoBareEntry fails on a text field made with Fyne's own constructors: it would trap
// Tab in a multi-line field, keep the window's shortcuts and Escape from it, and read
// numbers with no validation (Entry, ui/entry.go).
func TestNoBareEntry(t *testing.T) {
	bare := regexp.MustCompile(`widget\.New(MultiLine|Password)?Entry(WithData)?\(|widget\.Entry\{`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var found []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			if bare.MatchString(line) {
				found = append(found, fmt.Sprintf("%s:%d: %s", f, i+1, strings.TrimSpace(line)))
			}
		}
	}
	require.Empty(t, found, "use newEntry, multiLine, newIntEntry, newDecimalEntry or newDateEntry (ui/entry.go)")
	require.True(t, bare.MatchString(`x := widget.NewMultiLineEntry()`) && bare.MatchString(`&widget.Entry{MultiLine: true}`), "the scan finds them")
}

// pressKey gives the window a key as Fyne's desktop driver does (glfw window.processKeyPressed
// in Fyne 2.8): Tab and Shift+Tab move the focus unless the focused widget takes the Tab
// key; a key with Ctrl (or Alt, Super) is a shortcut, which a focused widget that takes
// shortcuts gets first, the canvas otherwise; any other key goes to the focused widget,
// or to the canvas when nothing has the keyboard.
func pressKey(c fyne.Canvas, key fyne.KeyName, mod fyne.KeyModifier) {
	ev := &fyne.KeyEvent{Name: key}
	focused := c.Focused()
	if key == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if t, ok := focused.(fyne.Tabbable); !ok || !t.AcceptsTab() {
			if mod == 0 {
				c.FocusNext()
			} else {
				c.FocusPrevious()
			}
			return
		}
	}
	if mod != 0 && mod != fyne.KeyModifierShift {
		s := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		if sc, ok := focused.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		} else if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		} else {
			// The test driver's canvas does not take shortcuts; the window's are the ones
			// setAppShortcuts gave it, which the desktop canvas runs.
			typedAppShortcut(c, s)
		}
		return
	}
	if focused != nil {
		focused.TypedKey(ev)
	} else if f := c.OnTypedKey(); f != nil {
		f(ev)
	}
}

const ctrl = fyne.KeyModifierShortcutDefault

// Tab and Shift+Tab leave a multi-line field, as they leave any other; with Fyne's own
// multi-line Entry they typed a tab into it.
func TestTabLeavesAMultiLineField(t *testing.T) {
	test.NewTempApp(t)
	before, notes, after := newEntry(), multiLine(3), newEntry()
	w := test.NewWindow(container.NewVBox(before, notes, after))
	defer w.Close()
	c := w.Canvas()
	notes.SetText("Line one")
	c.Focus(notes)

	pressKey(c, fyne.KeyTab, 0)
	require.Equal(t, fyne.Focusable(after), c.Focused(), "Tab moves on")
	pressKey(c, fyne.KeyTab, fyne.KeyModifierShift)
	require.Equal(t, fyne.Focusable(notes), c.Focused(), "Shift+Tab comes back")
	pressKey(c, fyne.KeyTab, fyne.KeyModifierShift)
	require.Equal(t, fyne.Focusable(before), c.Focused(), "Shift+Tab leaves it backwards")
	require.Equal(t, "Line one", notes.Text, "no tab typed")

	// What the issue found: Fyne's multi-line Entry keeps the keyboard and takes the tab.
	trap := widget.NewMultiLineEntry()
	w.SetContent(container.NewVBox(trap, newEntry()))
	c.Focus(trap)
	pressKey(c, fyne.KeyTab, 0)
	require.Equal(t, fyne.Focusable(trap), c.Focused())
	require.Equal(t, "\t", trap.Text)
}

// Ctrl+Enter submits a multi-line field; Enter types a new line in it.
func TestCtrlEnterSubmitsAMultiLineField(t *testing.T) {
	test.NewTempApp(t)
	notes := multiLine(3)
	submitted := ""
	notes.OnSubmitted = func(s string) { submitted = s }
	w := test.NewWindow(notes)
	defer w.Close()
	c := w.Canvas()
	test.Type(notes, "One")
	c.Focus(notes)
	pressKey(c, fyne.KeyReturn, 0)
	test.Type(notes, "Two")
	require.Equal(t, "One\nTwo", notes.Text)
	require.Empty(t, submitted)
	pressKey(c, fyne.KeyReturn, ctrl)
	require.Equal(t, "One\nTwo", submitted)
}

// A number field refuses letters as they are typed, with a sentence beside it and one that
// names it for the form; what it reads is never 0 in their place.
func TestNumberFieldsRefuseLetters(t *testing.T) {
	test.NewTempApp(t)
	months := newIntEntry("pact.ui.field.duration")
	test.Type(months, "two years")
	require.Error(t, months.Validate())
	_, ok := months.Int()
	require.False(t, ok)
	require.Contains(t, errorText(months.Problem()), i18n.T("pact.ui.field.duration"))
	require.Contains(t, errorText(months.Problem()), "two years")
	require.Error(t, checkFields(months))

	months.SetText(" 24 ")
	n, ok := months.Int()
	require.True(t, ok)
	require.Equal(t, 24, n)
	require.NoError(t, months.Validate())
	months.SetText("")
	n, ok = months.Int()
	require.True(t, ok, "an empty field is 0")
	require.Zero(t, n)

	target := newDecimalEntry("pact.pdf.col_target")
	for in, want := range map[string]float64{"12,5": 12.5, "12.5": 12.5, "-3": -3} {
		target.SetText(in)
		f, ok := target.Float()
		require.True(t, ok, in)
		require.Equal(t, want, f, in)
	}
	for _, in := range []string{"dieci", "1,234.5", "12 5", "NaN"} {
		target.SetText(in)
		_, ok := target.Float()
		require.False(t, ok, in)
		require.Error(t, target.Validate(), in)
	}

	lat := newDecimalEntry("asset.field.lat").within(-90, 90)
	lat.SetText("91")
	_, ok = lat.Float()
	require.False(t, ok)
	require.Contains(t, errorText(lat.Problem()), "-90")

	day := newDateEntry("pact.ui.field.start")
	day.SetText("next spring")
	_, ok = day.Date()
	require.False(t, ok)
	require.Contains(t, errorText(day.Problem()), i18n.T("pact.ui.field.start"))
	day.SetText("2026-03-01")
	d, ok := day.Date()
	require.True(t, ok)
	require.Equal(t, "2026-03-01", d)

	// In the person's language.
	i18n.SetCurrent("it")
	defer i18n.SetCurrent(i18n.Source)
	months.SetText("due anni")
	require.Contains(t, errorText(months.Problem()), "non è un numero intero")
	require.Contains(t, errorText(months.Problem()), i18n.T("pact.ui.field.duration"))
}

// Letters in the overview's numbers are not saved as 0 over the stored value: the save is
// refused with a sentence naming the field, the text stays as typed through a rebuild,
// and the editor counts it as typing not saved.
func TestPactOverviewNeverSavesLettersAsZero(t *testing.T) {
	sh, e := openDraftEditor(t)
	e.duration.SetText("24")
	require.True(t, e.saveOverview(), e.message.Text)
	require.EqualValues(t, 24, e.d.Pact.DurationMonths)

	e.duration.SetText("two years")
	require.False(t, e.saveOverview())
	require.EqualValues(t, 24, e.d.Pact.DurationMonths, "nothing written")
	require.Contains(t, formSays(t, e, "overview", i18n.T("pact.ui.field.duration")), "two years", "under the field")
	require.Empty(t, e.message.Text)
	require.True(t, e.unsaved())
	require.False(t, e.saveTyped(), "saving everything typed is refused too")
	require.Contains(t, e.message.Text, i18n.T("pact.ui.field.duration"), "from another tab, the header says it too")
	require.Contains(t, formSays(t, e, "overview", i18n.T("pact.ui.field.duration")), "two years")

	// A change elsewhere rebuilds the editor: the text typed stays.
	e.reload()
	require.Equal(t, "two years", e.duration.Text)
	require.EqualValues(t, 24, e.d.Pact.DurationMonths)

	// An indicator's target in letters adds nothing.
	e.tabs.SelectIndex(5)
	n := len(e.d.Indicators)
	e.indName.SetText("Alberi piantati")
	e.indTarget.SetText("dieci")
	tapButton(t, e.outer, i18n.T("pact.ui.add_indicator"))
	require.Len(t, e.d.Indicators, n)
	require.Contains(t, formSays(t, e, "indicator", i18n.T("pact.pdf.col_target")), "dieci")
	e.indTarget.SetText("10")
	tapButton(t, e.outer, i18n.T("pact.ui.add_indicator"))
	require.Len(t, e.d.Indicators, n+1)
	_ = sh
}

// A date field reads the date as the user's language writes it, or as YYYY-MM-DD, and
// gives YYYY-MM-DD; its placeholder shows the formats it reads. What is no date is refused
// with the formats in the message.
func TestDateFieldReadsTheUsersFormat(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetCurrent(i18n.Source) })
	for _, c := range []struct {
		lang, typed, want string
		ok                bool
	}{
		{"en", "2026-12-31", "2026-12-31", true},
		{"en", "12/31/2026", "2026-12-31", true},
		{"en", "3/1/2026", "2026-03-01", true},
		{"en", "31/12/2026", "", false},
		{"es", "31/12/2026", "2026-12-31", true},
		{"es", "1-3-2026", "2026-03-01", true},
		{"es", "2026-12-31", "2026-12-31", true},
		{"it", "31.12.2026", "2026-12-31", true},
		{"it", "12/31/2026", "", false},
		{"it", "31/02/2026", "", false},
		{"it", "31/12/26", "", false},
		{"it", "domani", "", false},
		{"it", "", "", true},
	} {
		i18n.SetCurrent(c.lang)
		e := newDateEntry("pact.ui.field.start")
		require.Equal(t, i18n.T("date.input_formats"), e.PlaceHolder)
		e.SetText(c.typed)
		day, ok := e.Date()
		require.Equal(t, c.ok, ok, "%s %q", c.lang, c.typed)
		require.Equal(t, c.want, day, "%s %q", c.lang, c.typed)
		if !c.ok {
			require.Error(t, e.Validate())
			require.Contains(t, errorText(e.Problem()), i18n.T("date.input_formats"))
		}
	}
}

// TestDayInputRoundTrips: a stored date is shown in a date field as the language writes
// dates (a date typed 15/01/2027 came back as 2027-01-15), and reads back as stored.
func TestDayInputRoundTrips(t *testing.T) {
	defer i18n.SetCurrent(i18n.Current())
	for _, c := range []struct{ lang, want string }{{"es", "15/01/2027"}, {"it", "15/01/2027"}, {"en", "01/15/2027"}} {
		i18n.SetCurrent(c.lang)
		require.Equal(t, c.want, dayInput("2027-01-15"), c.lang)
		back, err := readDate(dayInput("2027-01-15"))
		require.NoError(t, err, c.lang)
		require.Equal(t, "2027-01-15", back, c.lang)
		require.Equal(t, "", dayInput(""), "empty stays empty")
		require.Equal(t, "soon", dayInput("soon"), "not a date: as it is")
	}
}
