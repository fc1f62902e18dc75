package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// Button, Select and Check are Fyne's, except that Escape and Enter work in a dialog
// whatever has the keyboard: Fyne gives a key to the widget that has the keyboard and never
// to the window, and its Button, Select and Check drop both. Escape cancels the dialog,
// Enter presses a button that has the keyboard (as Space does) and confirms the dialog from
// a drop-down or a checkbox. Every one of the window is made here (a test forbids Fyne's own
// constructors in ui/).
type (
	Button struct{ widget.Button }
	Select struct{ widget.Select }
	Check  struct{ widget.Check }
)

// newButton is a button labelled label that runs tapped.
func newButton(label string, tapped func()) *Button {
	return newButtonWithIcon(label, nil, tapped)
}

// newButtonWithIcon is newButton with an icon before its label.
func newButtonWithIcon(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey gives Escape to the dialog the button is in, and presses the button on Enter.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if windowKey(focusCanvas(b), ev) {
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}
		return
	}
	b.Button.TypedKey(ev)
}

// newSelect is a drop-down with a placeholder in the user's language: Fyne's own
// "(Select one)" is a constant that never passes through a translation. A Select that
// offers "All" as its empty choice may set its own placeholder after.
func newSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = i18n.T("common.select_one")
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey gives Escape and Enter to the dialog the drop-down is in.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	if dialogKey(ev) && windowKey(focusCanvas(s), ev) {
		return
	}
	s.Select.TypedKey(ev)
}

// newCheck is a checkbox labelled label.
func newCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey gives Escape and Enter to the dialog the checkbox is in.
func (c *Check) TypedKey(ev *fyne.KeyEvent) {
	if dialogKey(ev) && windowKey(focusCanvas(c), ev) {
		return
	}
	c.Check.TypedKey(ev)
}

// dialogKey reports whether ev is one of the keys a dialog answers (windowKey).
func dialogKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		return true
	}
	return false
}

// focusCanvas is the canvas of the window o has the keyboard of (or, failing that, the one
// Fyne says it is drawn on).
func focusCanvas(o fyne.Focusable) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	for _, w := range a.Driver().AllWindows() {
		if c := w.Canvas(); c != nil && c.Focused() == o {
			return c
		}
	}
	return a.Driver().CanvasForObject(o.(fyne.CanvasObject))
}
