package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/internal/fold"
	"pacta/model"
)

func init() {
	RegisterScreen(Screen{ID: "translations", Order: 95, TitleKey: "translate.ui.nav", Icon: theme.MailComposeIcon, Make: newTranslationsPage})
}

// translationsPage is the translators' screen (issue 22): every key with its English text,
// its translation into the chosen language and where it stands; the one selected is edited
// below, checked as it is typed, and saved as the workspace's own translation, which
// syncs to every laptop and shows at once.
type translationsPage struct {
	sh       *Shell
	lang     *Select
	filter   *Select
	search   *Entry
	coverage *widget.Label
	table    *widget.Table
	count    *widget.Label
	outer    fyne.CanvasObject

	all   []i18n.Entry // the chosen language's entries
	items []i18n.Entry // those the filter and search keep

	// the editor of the selected key
	key     *widget.Label
	english *widget.Label
	shipped *widget.Label
	other   *Entry
	one     *Entry
	oneRow  fyne.CanvasObject
	problem *widget.Label
	save    *Button
	accept  *Button
	preview *Button
	editor  fyne.CanvasObject

	exportBtn, importBtn *Button
	filterBox            *fyne.Container
	otherLabel, oneLabel *widget.Label
	sel                  *i18n.Entry       // the key in the editor
	base                 model.Translation // the workspace's row the editor began from (translations.Edit)
	shown                [2]string         // what the editor was filled with (one, other): typing is what differs
	moving               bool
	shownLang            int // the language the list and editor show (chooseLang)
}

// translationFilters are the filter's choices, in the drop-down's order.
var translationFilters = []string{"all", "missing", "stale", "done", "edited"}

// translationLangs are the languages translators translate into: every shipped one but the
// source.
func translationLangs() []i18n.Language {
	var out []i18n.Language
	for _, l := range i18n.Languages {
		if l.Code != i18n.Source {
			out = append(out, l)
		}
	}
	return out
}

func newTranslationsPage(sh *Shell) Page {
	p := &translationsPage{sh: sh}
	var names []string
	for _, l := range translationLangs() {
		names = append(names, l.Name)
	}
	p.lang = newSelect(names, func(string) { p.chooseLang() })
	p.filter = newSelect(nil, func(string) { p.applyFilter() })
	p.filterBox = container.NewGridWrap(fyne.NewSize(160, p.filter.MinSize().Height), p.filter)
	p.search = newEntry()
	p.search.OnChanged = func(string) { p.applyFilter() }
	p.coverage = wrappedLabel("")
	p.count = widget.NewLabel("")
	lt := p.makeTable()
	p.table = &lt.Table
	p.makeEditor()
	p.preview = newButtonWithIcon("", theme.VisibilityIcon(), p.togglePreview)
	exportBtn := newButtonWithIcon("", theme.DownloadIcon(), p.chooseExport)
	importBtn := newButtonWithIcon("", theme.UploadIcon(), p.chooseImport)
	p.exportBtn, p.importBtn = exportBtn, importBtn
	// As wide as its longest name: the drop-down never cuts the language it shows.
	langBox := container.NewGridWrap(fyne.NewSize(selectWidth(120, names...), p.lang.MinSize().Height), p.lang)
	top := container.NewVBox(
		p.coverage,
		container.NewBorder(nil, nil, container.NewHBox(langBox, p.filterBox), nil, p.search),
		container.NewHBox(p.preview, importBtn, exportBtn),
	)
	list := container.NewBorder(top, p.count, nil, nil, stretchTable(lt,
		func(i int) float32 { return translationColumnWidth(i) }, []float32{2, 3, 3, 0}))
	split := container.NewVSplit(list, p.editor)
	split.Offset = 0.58
	p.outer = split
	p.Relabel()
	cur := i18n.Normalize(sh.WS.Language())
	p.lang.SetSelectedIndex(0)
	for i, l := range translationLangs() {
		if l.Code == cur {
			p.lang.SetSelectedIndex(i)
		}
	}
	return p
}

func (p *translationsPage) Content() fyne.CanvasObject { return p.outer }

// Relabel implements Relabeler: the screen keeps its language, filter, selection and
// typing when the window's language or the translations change; only its words and rows
// are said again.
func (p *translationsPage) Relabel() {
	p.moving = true
	i := p.filter.SelectedIndex()
	opts := make([]string, len(translationFilters))
	for j, f := range translationFilters {
		opts[j] = i18n.T("translate.ui.filter." + f)
	}
	p.filter.Options = opts
	if i < 0 {
		i = 0
	}
	p.filter.SetSelectedIndex(i)
	p.moving = false
	// As wide as its longest choice in this language.
	p.filterBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(selectWidth(120, opts...), p.filter.MinSize().Height))
	p.filterBox.Refresh()
	p.search.SetPlaceHolder(i18n.T("translate.ui.search"))
	p.save.SetText(i18n.T("action.save"))
	p.accept.SetText(i18n.T("translate.ui.accept"))
	p.exportBtn.SetText(i18n.T("translate.ui.export"))
	p.importBtn.SetText(i18n.T("translate.ui.import"))
	if i18n.Current() == i18n.Pseudo {
		p.preview.SetText(i18n.T("translate.ui.preview_end"))
	} else {
		p.preview.SetText(i18n.T("translate.ui.preview"))
	}
	p.otherLabel.SetText(i18n.T("translate.ui.text_label"))
	p.oneLabel.SetText(i18n.T("translate.ui.for_one"))
	p.table.Refresh()
	p.Reload()
}

// chooseLang shows the language the drop-down now chooses; typing not saved is asked
// about first, and Cancel puts the choice back.
func (p *translationsPage) chooseLang() {
	if p.moving {
		return
	}
	to := p.lang.SelectedIndex()
	show := func() {
		p.moving = true
		p.lang.SetSelectedIndex(to)
		p.moving = false
		p.shownLang = to
		p.fillEditor(nil, false)
		p.table.UnselectAll()
		p.Reload()
	}
	if !p.unsaved() {
		show()
		return
	}
	p.moving = true
	p.lang.SetSelectedIndex(p.shownLang) // until the user answers
	p.moving = false
	askUnsaved(p.sh.Window, p.UnsavedText(), p.SaveTyped, p.DiscardTyped, show)
}

// code is the chosen language's code.
func (p *translationsPage) code() string {
	ls := translationLangs()
	if i := p.lang.SelectedIndex(); i >= 0 && i < len(ls) {
		return ls[i].Code
	}
	return ls[0].Code
}

// Reload reads the entries again (after a save, an import, a sync) and keeps the selection.
func (p *translationsPage) Reload() {
	if p.table == nil || p.lang.SelectedIndex() < 0 {
		return
	}
	lang := p.code()
	p.all = i18n.Default().Entries(lang)
	counts := map[i18n.Status]int{}
	edited := 0
	for _, e := range p.all {
		counts[e.Status]++
		if e.Edited {
			edited++
		}
	}
	done := len(p.all) - counts[i18n.StatusMissing]
	data := map[string]any{"Language": langName(lang), "Percent": fmt.Sprintf("%.0f", 100*i18n.Default().Coverage(lang)),
		"Done": done, "Total": len(p.all), "Stale": counts[i18n.StatusStale], "Edited": edited}
	text := i18n.T("translate.ui.coverage", data)
	if counts[i18n.StatusMissing] > 0 {
		text += " " + i18n.T("translate.ui.fallback", map[string]any{"Fallback": i18n.FallbackName(lang)})
	}
	p.coverage.SetText(text)
	p.applyFilter()
	if p.sel != nil {
		for _, e := range p.all {
			if e.Key == p.sel.Key {
				e := e
				p.fillEditor(&e, p.unsaved()) // the stored state changed; typing stays
			}
		}
	}
}

// applyFilter keeps the entries the filter and the search allow.
func (p *translationsPage) applyFilter() {
	if p.moving || p.table == nil {
		return
	}
	f := "all"
	if i := p.filter.SelectedIndex(); i >= 0 && i < len(translationFilters) {
		f = translationFilters[i]
	}
	q := strings.TrimSpace(p.search.Text)
	p.items = p.items[:0]
	for _, e := range p.all {
		switch f {
		case "missing", "stale", "done":
			if string(e.Status) != f {
				continue
			}
		case "edited":
			if !e.Edited {
				continue
			}
		}
		if q != "" && !fold.Match(q, e.Key+" "+e.English+" "+e.EnglishOne+" "+e.Text+" "+e.One) {
			continue
		}
		p.items = append(p.items, e)
	}
	p.count.SetText(i18n.N("translate.ui.count", len(p.items)))
	p.table.UnselectAll() // the rows are others now; the editor keeps its key
	p.table.Refresh()
}

var translationColumns = []string{"translate.ui.col.key", "translate.ui.col.english", "translate.ui.col.text", "translate.ui.col.status"}

func translationColumnWidth(col int) float32 {
	switch col {
	case 3:
		var texts []string
		for _, s := range []string{"missing", "stale", "done", "edited"} {
			texts = append(texts, i18n.T("translate.status."+s))
		}
		return max(columnWidth(90, texts...), headerWidth(90, i18n.T(translationColumns[3])))
	case 0:
		return 200
	}
	return 220
}

func (p *translationsPage) makeTable() *listTable {
	return newRecordTable(func() int { return len(p.items) }, translationColumns,
		func(row, col int) (string, widget.Importance) { return translationCell(p.items[row], col) },
		func(row int) {
			e := p.items[row]
			if p.sel != nil && p.sel.Key == e.Key {
				return
			}
			if p.unsaved() {
				askUnsaved(p.sh.Window, p.UnsavedText(), p.SaveTyped, p.DiscardTyped, func() { p.fillEditor(&e, false) })
				return
			}
			p.fillEditor(&e, false)
		})
}

// translationCell is one cell's text, the status coloured.
func translationCell(e i18n.Entry, col int) (string, widget.Importance) {
	oneLine := func(s string) string { return strings.ReplaceAll(s, "\n", " ") }
	switch col {
	case 0:
		return e.Key, widget.MediumImportance
	case 1:
		return oneLine(e.English), widget.MediumImportance
	case 2:
		return oneLine(e.Text), widget.MediumImportance
	case 3:
		switch {
		case e.Status == i18n.StatusMissing:
			return i18n.T("translate.status.missing"), widget.DangerImportance
		case e.Status == i18n.StatusStale:
			return i18n.T("translate.status.stale"), widget.WarningImportance
		case e.Edited:
			return i18n.T("translate.status.edited"), widget.SuccessImportance
		}
		return i18n.T("translate.status.done"), widget.MediumImportance
	}
	return "", widget.MediumImportance
}
