package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// stretchTable shows t with its columns widened to fill the room the window gives it: each
// column keeps at least its base width (what its longest label needs), and the room left
// goes to the columns by weight (titles and names, which a wide window should show whole).
// A window narrower than the base widths scrolls sideways, as before.
func stretchTable(t columnTable, base func(col int) float32, weight []float32) fyne.CanvasObject {
	return container.New(&stretchLayout{t: t, base: base, weight: weight, last: -1}, t)
}

// columnTable is a table whose columns can be sized: a widget.Table, or a listTable.
type columnTable interface {
	fyne.CanvasObject
	SetColumnWidth(col int, width float32)
}

type stretchLayout struct {
	t      columnTable
	base   func(col int) float32
	weight []float32
	last   float32 // the width last laid out: the columns are set again only when it changes
}

func (l *stretchLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.last {
		l.last = size.Width
		for i, w := range stretchWidths(size.Width, l.base, l.weight) {
			l.t.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *stretchLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// stretchWidths are the columns' widths in width: base, plus the room left shared by weight.
func stretchWidths(width float32, base func(col int) float32, weight []float32) []float32 {
	out := make([]float32, len(weight))
	var used, total float32
	for i := range weight {
		out[i] = base(i)
		used += out[i] + theme.SeparatorThicknessSize()
		total += weight[i]
	}
	// The vertical scroll bar and the table's padding take some room too.
	extra := width - used - theme.ScrollBarSize() - 2*theme.Padding()
	if extra <= 0 || total == 0 {
		return out
	}
	for i := range out {
		out[i] += extra * weight[i] / total
	}
	return out
}
