package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/pacts"
)

func init() {
	RegisterScreen(Screen{ID: "pacts", Order: 20, TitleKey: "pact.ui.nav", Icon: theme.DocumentIcon, Make: newPactsPage})
}

// pactsPage is the list of pacts with filters; choosing one opens its editor in place.
type pactsPage struct {
	sh       *Shell
	lastNew  *newPactForm // the new pact dialog last opened (tests drive it)
	search   *Entry
	status   *Select
	kind     *Select
	district *Select
	table    *widget.Table
	count    *widget.Label
	notice   *widget.Label // why the pact that was open is no longer shown (vanished)
	items    []pacts.Item
	list     fyne.CanvasObject
	stack    *fyne.Container
	editor   *pactEditor
	today    func() time.Time
}

func newPactsPage(sh *Shell) Page {
	p := &pactsPage{sh: sh, today: time.Now}
	p.search = newEntry()
	p.search.SetPlaceHolder(i18n.T("pact.ui.search"))
	p.search.OnChanged = func(string) { p.Reload() }
	statuses := []string{i18n.T("pact.ui.all_statuses")}
	for _, s := range pacts.Statuses {
		statuses = append(statuses, i18n.T("pact.status."+s))
	}
	p.status = newSelect(statuses, func(string) { p.Reload() })
	p.status.SetSelectedIndex(0)
	kinds := []string{i18n.T("pact.ui.all_kinds")}
	for _, k := range pacts.Kinds {
		kinds = append(kinds, i18n.T("pact.kind."+k))
	}
	p.kind = newSelect(kinds, func(string) { p.Reload() })
	p.kind.SetSelectedIndex(0)
	p.district = newSelect([]string{i18n.T("pact.ui.all_districts")}, func(string) { p.Reload() })
	p.district.SetSelectedIndex(0)
	p.count = widget.NewLabel("")
	lt := p.makeTable()
	p.table = &lt.Table
	newBtn := newButtonWithIcon(i18n.T("pact.ui.new"), theme.ContentAddIcon(), func() { p.showNew() })
	newBtn.Importance = widget.HighImportance
	deadlines := newButtonWithIcon(i18n.T("pact.ui.deadlines"), theme.HistoryIcon(), func() { p.showDeadlines() })
	templates := newButtonWithIcon(i18n.T("pact.ui.templates"), theme.DocumentCreateIcon(), p.showTemplates)
	register := newButtonWithIcon(i18n.T("pact.ui.register.import"), theme.UploadIcon(), p.chooseRegister)
	openData := newButtonWithIcon(i18n.T("pact.ui.opendata.export"), theme.DownloadIcon(), p.chooseOpenDataExport)
	// The search sits with the filters: beside five buttons it had no room left at 1024 px.
	filters := container.NewGridWithColumns(4, p.search, p.status, p.kind, p.district)
	p.notice = warningLabel("")
	p.notice.Hide()
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(register, openData, templates, deadlines, newBtn)),
		filters,
		p.notice,
	)
	// Wider windows show longer titles and proponents.
	p.list = container.NewBorder(top, p.count, nil, nil, stretchTable(lt,
		func(i int) float32 { return pactColumnWidth(i, pactColumns[i].width) }, pactColumnWeights))
	p.stack = container.NewStack(p.list)
	p.Reload()
	return p
}

func (p *pactsPage) Content() fyne.CanvasObject { return p.stack }

// FocusSearch implements Searcher.
func (p *pactsPage) FocusSearch() {
	if c := p.sh.Window.Canvas(); c != nil {
		c.Focus(p.search)
	}
}

// Save saves what the open pact holds typed (Ctrl+S, Saver); the list has nothing to save.
func (p *pactsPage) Save() { p.SaveTyped() }

// pactColumns are the list's columns, in the order of what a person looks for: a pact,
// where it stands, what is due next, who proposed it; its kind, also a filter, comes last
// and is the first to need a sideways scroll in a narrow window. Title and proponents (data,
// which may be cut short) start narrow and take the room a wider window gives
// (pactColumnWeights); the translated columns always fit their longest text.
var pactColumns = []pactColumn{{"pact.ui.col.ref", 150}, {"pact.ui.col.title", 160}, {"pact.ui.col.status", 140}, {"pact.ui.col.due", 270},
	{"pact.ui.col.proponents", 110}, {"pact.ui.col.kind", 90}}

// pactColumn is a column of the pact list: its header's key and its least width.
type pactColumn struct {
	key   string
	width float32
}

// pactColumnWeights share the room left among the columns: mostly to the title.
var pactColumnWeights = []float32{0, 3, 0, 0.5, 2, 0}

func (p *pactsPage) makeTable() *listTable {
	headers := make([]string, len(pactColumns))
	for i, c := range pactColumns {
		headers[i] = c.key
	}
	lt := newRecordTable(func() int { return len(p.items) }, headers,
		func(row, col int) (string, widget.Importance) { return p.cell(p.items[row], col) },
		func(row int) {
			p.Open(p.items[row].ID)
			p.table.UnselectAll()
		})
	for i, c := range pactColumns {
		lt.SetColumnWidth(i, pactColumnWidth(i, c.width))
	}
	return lt
}

// cell is the text of one cell and how it stands out: overdue dates in red.
func (p *pactsPage) cell(it pacts.Item, col int) (string, widget.Importance) {
	switch pactColumns[col].key {
	case "pact.ui.col.ref":
		if it.DuplicateRef {
			return it.Ref + dupMark, widget.WarningImportance
		}
		return it.Ref, widget.MediumImportance
	case "pact.ui.col.title":
		return it.Title, widget.MediumImportance
	case "pact.ui.col.status":
		if it.Expired {
			return i18n.T("pact.ui.status_expired", map[string]any{"Status": i18n.T("pact.status." + it.Status)}), widget.WarningImportance
		}
		return i18n.T("pact.status." + it.Status), widget.MediumImportance
	case "pact.ui.col.kind":
		return i18n.T("pact.kind." + it.Kind), widget.MediumImportance
	case "pact.ui.col.proponents":
		return strings.Join(it.Proponents, "; "), widget.MediumImportance
	case "pact.ui.col.due":
		d, ok := it.NextDue()
		if !ok {
			return "", widget.MediumImportance
		}
		text := i18n.T("pact.due."+d.Kind) + ": " + formatDay(d.Date)
		if d.Overdue {
			return text + " — " + i18n.T("pact.ui.overdue"), widget.DangerImportance
		}
		return text, widget.MediumImportance
	}
	return "", widget.MediumImportance
}

func selectedKey(sel *Select, keys []string) string {
	i := sel.SelectedIndex()
	if i <= 0 || i > len(keys) {
		return ""
	}
	return keys[i-1]
}

// Reload reads the list again with the current filters.
func (p *pactsPage) Reload() {
	if p.table == nil {
		return // the filters fire while the page is being built
	}
	if p.editor != nil {
		p.editor.changedElsewhere()
	}
	db := p.sh.WS.Store.DB()
	if ds, err := pacts.Districts(db); err == nil {
		cur := p.district.Selected
		p.district.Options = append([]string{i18n.T("pact.ui.all_districts")}, ds...)
		if cur == "" {
			cur = p.district.Options[0]
		}
		p.district.Selected = cur
		p.district.Refresh()
	}
	district := ""
	if p.district.SelectedIndex() > 0 {
		district = p.district.Selected
	}
	items, err := pacts.List(db, pacts.Filter{Status: selectedKey(p.status, pacts.Statuses), Kind: selectedKey(p.kind, pacts.Kinds),
		District: district, Text: p.search.Text}, p.today())
	if err != nil {
		p.count.SetText(errorText(err))
		return
	}
	p.items = items
	p.count.SetText(i18n.N("pact.ui.count", len(items)))
	if len(items) == 0 {
		// An empty list says what to do first.
		key := "pact.ui.empty.filtered"
		if p.status.SelectedIndex() <= 0 && p.kind.SelectedIndex() <= 0 && district == "" && strings.TrimSpace(p.search.Text) == "" {
			key = "pact.ui.empty.none"
		}
		p.count.SetText(i18n.T(key))
	}
	p.table.Refresh()
}

// Open shows a pact's editor; a pact no longer in the workspace leaves the list on display,
// saying so.
func (p *pactsPage) Open(id string) {
	e := newPactEditor(p, id)
	if e.gone {
		return
	}
	setLine(p.notice, "")
	p.editor = e
	p.stack.Objects = []fyne.CanvasObject{p.editor.outer}
	p.stack.Refresh()
}

// vanished follows the pact of editor e out of the workspace (a sync removed it, or this
// laptop's data was set aside to join a shared workspace): the list takes the editor's
// place, with a sentence above it that says which pact and why.
func (p *pactsPage) vanished(e *pactEditor) {
	text := i18n.T("pact.ui.gone")
	if e.d != nil {
		data := map[string]any{"Ref": e.d.Pact.Ref, "Title": e.d.Pact.Title}
		if e.device != p.sh.WS.Identity.Device { // a new identity: the data was set aside
			text = i18n.T("pact.ui.gone.set_aside", data)
			if files := app.SetAsideFiles(p.sh.WS.Home); len(files) > 0 {
				text += " " + i18n.T("pact.ui.gone.kept_in", map[string]any{"File": files[0]})
			}
		} else {
			text = i18n.T("pact.ui.gone.removed", data)
		}
		if e.tabs != nil && e.unsaved() {
			text += " " + i18n.T("pact.ui.gone.unsaved")
		}
	}
	setLine(p.notice, text)
	if p.editor == e {
		p.editor = nil
		p.stack.Objects = []fyne.CanvasObject{p.list}
		p.stack.Refresh()
	}
}

// UnsavedText says what the open pact holds typed and not saved (Unsaved).
func (p *pactsPage) UnsavedText() string {
	if p.editor == nil {
		return ""
	}
	return p.editor.unsavedText()
}

// SaveTyped writes what the open pact holds typed; a refusal shows in the editor.
func (p *pactsPage) SaveTyped() bool { return p.editor == nil || p.editor.saveAll() }

// DiscardTyped shows the open pact afresh, as stored, on the same tab.
func (p *pactsPage) DiscardTyped() {
	e := p.editor
	if e == nil {
		return
	}
	sel := 0
	if e.tabs != nil {
		sel = e.tabs.SelectedIndex()
	}
	p.Open(e.id)
	if p.editor != nil && p.editor != e && p.editor.tabs != nil {
		p.editor.tabs.SelectIndex(sel)
	}
}

// back returns to the list.
func (p *pactsPage) back() {
	p.editor = nil
	p.stack.Objects = []fyne.CanvasObject{p.list}
	p.stack.Refresh()
	p.Reload()
}
