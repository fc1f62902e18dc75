package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
)

func init() {
	RegisterScreen(Screen{ID: "assets", Order: 10, TitleKey: "nav.assets", Icon: theme.StorageIcon, Make: newAssetsPage})
	RegisterDashboardCard(DashboardCard{Order: 10, Load: assetsCard})
}

// assetPageSize is how many rows the table fetches at once: the table asks only for the
// rows it shows, so a registry of 100 000 assets costs one small query per page scrolled.
const assetPageSize = 200

// assetColumns are the table's columns, each sortable by tapping its header.
var assetColumns = []struct {
	field string // sort column and label field
	width float32
}{{"ref", 110}, {"name", 360}, {"kind", 150}, {"district", 220}, {"availability", 130}, {"protection", 120}}

type assetsPage struct {
	sh       *Shell
	search   *Entry
	kind     *Select
	district *Select
	avail    *Select
	prot     *Select
	count    *widget.Label
	notice   *widget.Label // why the asset that was open is no longer shown (assetForm.vanished)
	table    *widget.Table
	outer    fyne.CanvasObject

	query   assets.Query
	keys    []string // the ids the query selects, in its order (refresh)
	total   int
	pages   map[int][]assets.AssetListItem
	loadErr error
	detail  *assetForm    // the form last opened (tests drive it)
	wizard  *importWizard // the import last started (tests drive it)
}

// enumOptions are the "All" option followed by the labels of a coded field's values.
func enumOptions(field string, codes []string) []string {
	out := []string{i18n.T("common.all")}
	for _, c := range codes {
		out = append(out, assets.Label(field, c))
	}
	return out
}

// enumCode is the code behind a selected label; "" for All.
func enumCode(field string, codes []string, label string) string {
	for _, c := range codes {
		if assets.Label(field, c) == label {
			return c
		}
	}
	return ""
}

func newAssetsPage(sh *Shell) Page {
	p := &assetsPage{sh: sh, pages: map[int][]assets.AssetListItem{}, query: assets.Query{Sort: "name"}}
	p.search = newEntry()
	p.search.SetPlaceHolder(i18n.T("asset.search.prompt"))
	p.search.OnChanged = func(string) { p.applyFilters() }
	onSel := func(string) { p.applyFilters() }
	p.kind = newSelect(enumOptions("kind", model.AssetKinds), onSel)
	p.avail = newSelect(enumOptions("availability", model.Availabilities), onSel)
	p.prot = newSelect(enumOptions("protection", model.Protections), onSel)
	p.district = newSelect(nil, onSel)
	for _, s := range []*Select{p.kind, p.avail, p.prot, p.district} {
		s.PlaceHolder = i18n.T("common.all")
	}
	p.count = widget.NewLabel("")

	lt := newListTable(
		func() (int, int) { return p.total, len(assetColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("template text")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		p.updateCell,
	)
	p.table = &lt.Table
	p.table.ShowHeaderRow = true
	p.table.CreateHeader = func() fyne.CanvasObject { return newButton("", nil) }
	p.table.UpdateHeader = p.updateHeader
	for i, c := range assetColumns {
		p.table.SetColumnWidth(i, assetColumnWidth(i, c.width))
	}
	p.table.OnSelected = func(id widget.TableCellID) {
		if it, ok := p.item(id.Row); ok {
			p.table.UnselectAll()
			p.openDetail(it.ID)
		}
	}

	newBtn := newButtonWithIcon(i18n.T("action.new"), theme.ContentAddIcon(), func() { p.openDetail("") })
	newBtn.Importance = widget.HighImportance
	importBtn := newButtonWithIcon(i18n.T("action.import"), theme.UploadIcon(), p.chooseImportFile)
	exportBtn := newButtonWithIcon(i18n.T("action.export"), theme.DownloadIcon(), p.showExport)
	printBtn := newButtonWithIcon(i18n.T("asset.print_available"), theme.DocumentPrintIcon(), p.printAvailable)

	// Each filter's name above it: beside it, four of them were wider than 1024 pixels in Spanish.
	above := func(label string, w fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabel(label), w)
	}
	filters := container.NewGridWithColumns(4,
		above(i18n.T("asset.field.kind"), p.kind),
		above(i18n.T("asset.field.district"), p.district),
		above(i18n.T("asset.field.availability"), p.avail),
		above(i18n.T("asset.field.protection"), p.prot),
	)
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, importBtn, exportBtn, printBtn), p.search)
	p.notice = warningLabel("")
	p.notice.Hide()
	top := container.NewVBox(tools, filters, p.notice, p.count)
	// Wider windows show longer names and districts.
	p.outer = container.NewBorder(top, nil, nil, nil, stretchTable(lt,
		func(i int) float32 { return assetColumnWidth(i, assetColumns[i].width) }, []float32{0, 3, 0, 1, 0, 0}))
	p.Reload()
	return p
}

func labeled(label string, w fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
}

func (p *assetsPage) Content() fyne.CanvasObject { return p.outer }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (p *assetsPage) FocusSearch() { p.sh.Window.Canvas().Focus(p.search) }

// Reload refreshes the district list, the count and the rows.
func (p *assetsPage) Reload() {
	ds, err := assets.AssetDistricts(p.sh.WS.Store.DB())
	if err != nil {
		p.sh.ShowError(err)
	}
	p.district.Options = append([]string{i18n.T("common.all")}, ds...)
	p.district.Refresh()
	p.refresh()
	if p.detail != nil {
		p.detail.changedElsewhere()
	}
}

func (p *assetsPage) applyFilters() {
	p.query.Text = p.search.Text
	p.query.Kind = enumCode("kind", model.AssetKinds, p.kind.Selected)
	p.query.Availability = enumCode("availability", model.Availabilities, p.avail.Selected)
	p.query.Protection = enumCode("protection", model.Protections, p.prot.Selected)
	p.query.District = ""
	if p.district.SelectedIndex() > 0 {
		p.query.District = p.district.Selected
	}
	p.refresh()
}

// refresh drops the cached pages and counts again.
func (p *assetsPage) refresh() {
	p.pages = map[int][]assets.AssetListItem{}
	keys, err := assets.Keys(p.sh.WS.Store.DB(), p.query)
	p.keys = keys
	n := len(keys)
	p.loadErr = err
	if err != nil {
		n = 0
		p.count.SetText(errorText(err))
	} else {
		p.count.SetText(i18n.N("asset.count", n, map[string]any{"Count": formatInt(n)}))
		if n == 0 {
			// An empty list says what to do first.
			key := "asset.empty.filtered"
			if (p.query == assets.Query{Sort: p.query.Sort, Desc: p.query.Desc}) {
				key = "asset.empty.none"
			}
			p.count.SetText(i18n.T(key))
		}
	}
	p.total = n
	p.table.Refresh()
	if n > 0 {
		p.table.ScrollToTop()
	}
}

// sortBy sorts by a column; the same column again reverses the order.
func (p *assetsPage) sortBy(field string) {
	if p.query.Sort == field {
		p.query.Desc = !p.query.Desc
	} else {
		p.query.Sort, p.query.Desc = field, false
	}
	p.refresh()
}

// item returns the row at index i, fetching its page when needed.
func (p *assetsPage) item(i int) (assets.AssetListItem, bool) {
	pg := i / assetPageSize
	rows, ok := p.pages[pg]
	if !ok {
		// The page by its keys, not by OFFSET: as fast deep in the registry as at its top.
		lo := min(pg*assetPageSize, len(p.keys))
		hi := min(lo+assetPageSize, len(p.keys))
		var err error
		rows, err = assets.ListKeys(p.sh.WS.Store.DB(), p.keys[lo:hi])
		if err != nil {
			p.loadErr = err
			return assets.AssetListItem{}, false
		}
		if len(p.pages) > 50 { // keep memory flat while scrolling far
			p.pages = map[int][]assets.AssetListItem{}
		}
		p.pages[pg] = rows
	}
	if j := i - pg*assetPageSize; j < len(rows) {
		return rows[j], true
	}
	return assets.AssetListItem{}, false
}

func (p *assetsPage) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	it, ok := p.item(id.Row)
	if !ok {
		l.SetText("")
		return
	}
	var s string
	l.Importance = widget.MediumImportance
	switch assetColumns[id.Col].field {
	case "ref":
		s = it.Ref
		if it.DuplicateRef { // another asset holds the same number: its form says which
			s += dupMark
			l.Importance = widget.WarningImportance
		}
	case "name":
		s = it.Name
	case "kind":
		s = assets.Label("kind", it.Kind)
	case "district":
		s = it.District
	case "availability":
		s = assets.Label("availability", it.Availability)
	case "protection":
		s = assets.Label("protection", it.Protection)
	}
	l.SetText(s)
}

func (p *assetsPage) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*Button)
	if id.Col < 0 || id.Col >= len(assetColumns) {
		b.SetText("")
		return
	}
	f := assetColumns[id.Col].field
	text := i18n.T(assets.FieldLabelKey(f))
	b.Icon = nil
	if p.query.Sort == f {
		b.Icon = theme.MenuDropDownIcon()
		if p.query.Desc {
			b.Icon = theme.MenuDropUpIcon()
		}
	}
	b.SetText(text)
	b.OnTapped = func() { p.sortBy(f) }
}

// assetsCard is the Dashboard's view of the registry: assets by kind and by availability.
func assetsCard(sh *Shell) func() fyne.CanvasObject {
	db := sh.WS.Store.DB()
	byKind, err := assets.AssetCountsByKind(db)
	var byAvail []assets.AssetCount
	if err == nil {
		byAvail, err = assets.AssetCountsByAvailability(db)
	}
	return func() fyne.CanvasObject { return assetsCardOf(sh, byKind, byAvail, err) }
}

func assetsCardOf(sh *Shell, byKind, byAvail []assets.AssetCount, err error) fyne.CanvasObject {
	if err != nil {
		return Card(i18n.T("asset.dashboard.title"), widget.NewLabel(errorText(err)))
	}
	total := 0
	for _, c := range byKind {
		total += c.N
	}
	rows := []fyne.CanvasObject{keyValue(i18n.T("asset.dashboard.total"), formatInt(total))}
	for _, c := range byAvail {
		rows = append(rows, keyValue(assets.Label("availability", c.Key), formatInt(c.N)))
	}
	rows = append(rows, widget.NewSeparator())
	for i, c := range byKind {
		if i == 5 {
			break
		}
		rows = append(rows, keyValue(assets.Label("kind", c.Key), formatInt(c.N)))
	}
	open := newButton(i18n.T("asset.dashboard.open"), func() { sh.Show("assets") })
	return Card(i18n.T("asset.dashboard.title"), container.NewBorder(nil, open, nil, nil, container.NewVBox(rows...)))
}
