package ui

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// Texts in the user's language are never cut short (the pseudo-locale sweep checks it, a
// third longer than English): a table column holding translated words is as wide as the
// widest of them, and a list of long titles wraps them.

// textWidthOf is the width a label needs to show text on one line, with a little room to
// spare: a window rounds sizes to its pixels, and a text a fraction too wide is cut.
func textWidthOf(text string, style fyne.TextStyle) float32 {
	return float32(math.Ceil(float64(widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style).MinSize().Width))) + 4
}

// columnWidth is the width a table column needs to show each of texts whole (in the
// current language), and at least least.
func columnWidth(least float32, texts ...string) float32 {
	w := least
	for _, t := range texts {
		w = max(w, textWidthOf(t, fyne.TextStyle{}))
	}
	return w
}

// headerWidth is columnWidth for a header drawn as a button with a sort icon.
func headerWidth(least float32, text string) float32 {
	return max(least, float32(math.Ceil(float64(newButtonWithIcon(text, theme.MenuDropDownIcon(), nil).MinSize().Width)))+4)
}

// selectWidth is the width a drop-down needs to show each of options whole.
func selectWidth(least float32, options ...string) float32 {
	th := theme.Current()
	extra := th.Size(theme.SizeNameInlineIcon) + 2*th.Size(theme.SizeNameInnerPadding)
	return columnWidth(least-extra, options...) + extra
}

// wrappedRows shows list, whose rows are wrapping labels showing text(i), each row as tall
// as its text needs at the width the list is given.
func wrappedRows(list *widget.List, rows func() int, text func(i int) string) fyne.CanvasObject {
	return container.New(&wrapLayout{list: list, rows: rows, text: text}, list)
}

type wrapLayout struct {
	list   *widget.List
	rows   func() int
	text   func(i int) string
	width  float32
	height map[int]float32
}

func (w *wrapLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	// The row's label has the list's padding on each side and a scroll bar beside it.
	th := theme.Current()
	inner := size.Width - 2*th.Size(theme.SizeNamePadding) - th.Size(theme.SizeNameScrollBar)
	if inner > 0 && inner != w.width {
		w.width = inner
		if w.height == nil {
			w.height = map[int]float32{}
		}
		for i := 0; i < w.rows(); i++ {
			l := widget.NewLabel(w.text(i))
			l.Wrapping = fyne.TextWrapWord
			l.Resize(fyne.NewSize(inner, l.MinSize().Height))
			if h := l.MinSize().Height; h != w.height[i] {
				w.height[i] = h
				w.list.SetItemHeight(i, h)
			}
		}
	}
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (w *wrapLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return w.list.MinSize()
}

// pactColumnWidth is the width of column col of the pacts table: least, or more when its
// header or one of its translated values needs it (a status, a kind, a due date).
func pactColumnWidth(col int, least float32) float32 {
	w := max(least, textWidthOf(i18n.T(pactColumns[col].key), fyne.TextStyle{Bold: true}))
	switch pactColumns[col].key {
	case "pact.ui.col.status":
		w = columnWidth(w, translated("pact.status.", pacts.Statuses)...)
	case "pact.ui.col.kind":
		w = columnWidth(w, translated("pact.kind.", pacts.Kinds)...)
	case "pact.ui.col.due":
		for _, k := range pacts.DueKinds {
			for m := 1; m <= 12; m++ {
				w = columnWidth(w, i18n.T("pact.due."+k)+": "+formatDay(fmt.Sprintf("2026-%02d-28", m))+" — "+i18n.T("pact.ui.overdue"))
			}
		}
	}
	return w
}

// assetColumnWidth is the width of column col of the registry's table: least, or more
// when its header (with its sort icon) or one of its translated values needs it.
func assetColumnWidth(col int, least float32) float32 {
	f := assetColumns[col].field
	w := headerWidth(least, i18n.T(assets.FieldLabelKey(f)))
	codes := map[string][]string{"kind": model.AssetKinds, "availability": model.Availabilities, "protection": model.Protections}[f]
	for _, c := range codes {
		w = columnWidth(w, assets.Label(f, c))
	}
	return w
}

// longestScreenTitle is the widest of the screens' titles in the user's language: the
// sidebar is made wide enough to show it whole.
func longestScreenTitle() string {
	longest := ""
	for _, s := range screens {
		if t := i18n.T(s.TitleKey); widget.NewLabel(t).MinSize().Width > widget.NewLabel(longest).MinSize().Width {
			longest = t
		}
	}
	return longest
}
