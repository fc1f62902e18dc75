package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// formatInt writes n with thin grouping so large counts stay readable in any language.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := false
	if n < 0 {
		neg, s = true, s[1:]
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ' ')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// multiLine is an empty multi-line entry that wraps words and shows rows lines.
func multiLine(rows int) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// askText asks for one text in a dialog wide enough to read and write a paragraph; onOK
// gets it when the user confirms.
func askText(win fyne.Window, title, label, confirm, text string, onOK func(string)) {
	e := multiLine(5)
	e.SetText(text)
	d := dialog.NewForm(title, confirm, i18n.T("action.cancel"), []*widget.FormItem{widget.NewFormItem(label, e)},
		func(ok bool) {
			if ok {
				onOK(e.Text)
			}
		}, win)
	d.Resize(fyne.NewSize(640, 300))
	d.Show()
}
