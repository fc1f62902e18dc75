package ui

import (
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// newSelect is widget.NewSelect with a placeholder in the user's language: Fyne's own
// "(Select one)" is a constant that never passes through a translation. Every drop-down of
// the window is made here (a test forbids a bare widget.NewSelect in ui/). A Select that
// offers "All" as its empty choice may set its own placeholder after.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = i18n.T("common.select_one")
	return s
}
