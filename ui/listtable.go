package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
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
