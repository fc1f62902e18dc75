package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// listTable is a table of records whose focused row opens with Enter as with Space: from
// the keyboard, a list's row is opened the way a button is pressed.
type listTable struct {
	widget.Table
}

func newListTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *listTable {
	t := &listTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey opens the focused row on Enter; every other key is the table's.
func (t *listTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		ev = &fyne.KeyEvent{Name: fyne.KeySpace, Physical: ev.Physical}
	}
	t.Table.TypedKey(ev)
}

// newRecordTable is a list of records: one row each, headers (message keys) in bold, each
// cell a one-line label whose text and importance cell gives; open is told the row
// chosen (a tap, Space or Enter). The pact list and the translations share it.
func newRecordTable(rows func() int, headers []string, cell func(row, col int) (string, widget.Importance), open func(row int)) *listTable {
	lt := newListTable(
		func() (int, int) { return rows(), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= rows() {
				return
			}
			text, imp := cell(id.Row, id.Col)
			l.Importance = imp
			l.SetText(text)
		},
	)
	t := &lt.Table
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(i18n.T(headers[id.Col]))
		}
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < rows() {
			open(id.Row)
		}
	}
	return lt
}
