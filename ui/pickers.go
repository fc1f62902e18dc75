package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
)

// assetPicker chooses a commons of the registry by what a person remembers of it: a
// search box (name, address, district, reference; accents and case do not matter) over
// a short list of matches. Nobody has to know an ASSET-NNNN.
type assetPicker struct {
	db      func() model.Querier
	search  *Entry
	list    *widget.List
	found   []assets.AssetListItem
	chosen  assets.AssetListItem
	summary *widget.Label
	box     fyne.CanvasObject
	// OnChosen is told the asset chosen.
	OnChosen func(a assets.AssetListItem)
}

// pickerRows is how many matches the picker shows.
const pickerRows = 6

func newAssetPicker(db func() model.Querier) *assetPicker {
	p := &assetPicker{db: db, summary: wrappedLabel("")}
	p.search = newEntry()
	p.search.SetPlaceHolder(i18n.T("picker.asset.placeholder"))
	p.list = widget.NewList(func() int { return len(p.found) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.found) {
				o.(*widget.Label).SetText(assetLine(p.found[i]))
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.found) {
			p.choose(p.found[i])
		}
	}
	p.search.OnChanged = func(string) { p.refresh() }
	p.summary.Importance = widget.LowImportance
	list := container.NewGridWrap(fyne.NewSize(420, float32(pickerRows)*36), p.list)
	p.box = container.NewVBox(p.search, list, p.summary)
	p.refresh()
	return p
}

// assetLine is how an asset reads in the picker: name, address or district, reference.
func assetLine(a assets.AssetListItem) string {
	where := a.Address
	if where == "" {
		where = a.District
	}
	s := a.Name
	if where != "" {
		s += " — " + where
	}
	return s + " (" + a.Ref + ")"
}

// refresh lists the matches of what is typed (the first commons by name when nothing is).
func (p *assetPicker) refresh() {
	q := assets.Query{Text: p.search.Text, Sort: "name"}
	f := q.Filter()
	f.Limit = pickerRows
	found, err := assets.ListAssets(p.db(), f)
	if err != nil {
		p.found = nil
		setLine(p.summary, errorText(err))
	} else {
		p.found = found
		if len(found) == 0 {
			setLine(p.summary, i18n.T("picker.asset.none"))
		} else if p.chosen.ID == "" {
			setLine(p.summary, "")
		}
	}
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *assetPicker) choose(a assets.AssetListItem) {
	p.chosen = a
	p.summary.Importance = widget.MediumImportance
	setLine(p.summary, i18n.T("picker.asset.chosen", map[string]any{"Asset": assetLine(a)}))
	if p.OnChosen != nil {
		p.OnChosen(a)
	}
}

// Chosen is the asset chosen ("" id when none).
func (p *assetPicker) Chosen() assets.AssetListItem { return p.chosen }

// Set chooses a (the form was opened for it).
func (p *assetPicker) Set(a assets.AssetListItem) { p.choose(a) }

// Clear forgets the choice and what was typed.
func (p *assetPicker) Clear() {
	p.chosen = assets.AssetListItem{}
	p.search.SetText("")
	setLine(p.summary, "")
}

// Content is the picker's widgets.
func (p *assetPicker) Content() fyne.CanvasObject { return p.box }

// suggestions offers, under a name typed in a form, the matching names the workspace
// knows already (parties of other pacts, council members, bidders): choosing one fills the
// form with what is known of it, so that nobody types a fiscal code twice. A new name is
// typed as before; the list shows only while there is something to suggest.
type suggestions struct {
	entry *Entry
	list  *widget.List
	lines []string
	box   *fyne.Container
	find  func(text string) ([]string, error) // the lines of the matches of text, at most pickerRows
	// OnChosen is told the index, in the last lines found, of the one chosen.
	OnChosen func(i int)
}

func newSuggestions(entry *Entry, find func(text string) ([]string, error)) *suggestions {
	s := &suggestions{entry: entry, find: find}
	s.list = widget.NewList(func() int { return len(s.lines) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.lines) {
				o.(*widget.Label).SetText(s.lines[i])
			}
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		if i < len(s.lines) && s.OnChosen != nil {
			s.OnChosen(i)
			s.lines = nil
			s.box.Hide()
		}
	}
	s.box = container.NewGridWrap(fyne.NewSize(420, float32(pickerRows)*36), s.list)
	s.box.Hide()
	prev := entry.OnChanged
	entry.OnChanged = func(text string) {
		if prev != nil {
			prev(text)
		}
		s.refresh(text)
	}
	return s
}

// refresh looks for what is typed (two letters at least) and shows the list when it finds
// something other than exactly what is typed.
func (s *suggestions) refresh(text string) {
	s.lines = nil
	if len([]rune(text)) >= 2 {
		if lines, err := s.find(text); err == nil {
			s.lines = lines
		}
	}
	if len(s.lines) == 0 || (len(s.lines) == 1 && s.lines[0] == text) {
		s.box.Hide()
	} else {
		// As tall as the matches, no more: a short list leaves no blank under it.
		row := widget.NewLabel("Ag").MinSize().Height + theme.Padding()
		s.box.Layout = layout.NewGridWrapLayout(fyne.NewSize(520, float32(min(len(s.lines), pickerRows))*row))
		s.box.Show()
		s.box.Refresh()
	}
	s.list.Refresh()
}

// dismiss hides the suggestions until the next typing (a form filled from a record).
func (s *suggestions) dismiss() {
	s.lines = nil
	s.box.Hide()
}

// Content is the entry with its suggestions under it.
func (s *suggestions) Content() fyne.CanvasObject { return container.NewVBox(s.entry, s.box) }
