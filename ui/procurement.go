package ui

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/procurement"
)

func init() {
	RegisterScreen(Screen{ID: "procurement", Order: 40, TitleKey: "procurement.ui.nav", Icon: theme.ListIcon, Make: newProcurementPage})
}

// procurementPage shows one call at a time, chosen at the top: its state and steps, and
// four tabs: the criteria and weights, the bids, an evaluator's scoring grid, and the
// ranking with its sensitivity to the weights.
type procurementPage struct {
	sh      *Shell
	picker  *Select
	calls   []model.ProcurementCall
	current string
	body    *fyne.Container
	message *widget.Label
	outer   fyne.CanvasObject
	now     func() time.Time
	tab     int // the tab shown, kept across reloads

	// The criteria being edited (a draft's), with their weight fields.
	draft   []procurement.Criterion
	weights []*Entry
	sum     *widget.Label
	// The scoring grid.
	evaluator *Entry
	grid      []scoreCell
	last      *formDialog // the dialog last opened (tests drive it)
}

// scoreCell is one line of the scoring grid: a bid, a criterion, the score and why.
type scoreCell struct {
	bid, bidder, criterion string
	score, why             *Entry
}

func newProcurementPage(sh *Shell) Page {
	p := &procurementPage{sh: sh, now: time.Now}
	p.picker = newSelect(nil, func(label string) {
		for _, c := range p.calls {
			if callLabel(c) == label && c.ID != p.current {
				p.current, p.draft = c.ID, nil
				p.render()
			}
		}
	})
	p.picker.PlaceHolder = i18n.T("procurement.ui.choose")
	add := newButtonWithIcon(i18n.T("procurement.ui.new"), theme.ContentAddIcon(), func() { p.newCallForm() })
	p.message = wrappedLabel("")
	p.message.Hide()
	p.body = container.NewStack()
	p.outer = container.NewBorder(container.NewBorder(nil, p.message, nil, add, p.picker), nil, nil, nil, p.body)
	p.Reload()
	return p
}

func callLabel(c model.ProcurementCall) string { return c.Ref + " · " + c.Title }

func (p *procurementPage) Content() fyne.CanvasObject { return p.outer }

func (p *procurementPage) db() model.Querier { return p.sh.WS.Store.DB() }

// Reload reads the calls again and shows the one chosen.
func (p *procurementPage) Reload() {
	calls, err := procurement.Calls(p.db())
	if err != nil {
		p.body.Objects = []fyne.CanvasObject{wrappedLabel(errorText(err))}
		p.body.Refresh()
		return
	}
	p.calls = calls
	labels := make([]string, len(calls))
	found := false
	for i, c := range calls {
		labels[i] = callLabel(c)
		found = found || c.ID == p.current
	}
	if !found {
		p.current, p.draft = "", nil
		if len(calls) > 0 {
			p.current = calls[0].ID
		}
	}
	p.picker.Options = labels
	p.render()
}

func (p *procurementPage) call() (model.ProcurementCall, bool) {
	for _, c := range p.calls {
		if c.ID == p.current {
			return c, true
		}
	}
	return model.ProcurementCall{}, false
}

func (p *procurementPage) say(text string, bad bool) {
	p.message.Importance = widget.MediumImportance
	if bad {
		p.message.Importance = widget.DangerImportance
	}
	setLine(p.message, text)
}

// write runs a change; the page is read again after it.
func (p *procurementPage) write(fn func(tx *model.Tx) error) error {
	if err := p.sh.WS.Store.Update(p.sh.Ctx, fn); err != nil {
		return err
	}
	p.Reload()
	p.sh.Changed()
	return nil
}

func (p *procurementPage) render() {
	c, ok := p.call()
	if !ok {
		p.picker.ClearSelected()
		p.body.Objects = []fyne.CanvasObject{container.NewVBox(wrappedLabel(i18n.T("procurement.ui.empty")))}
		p.body.Refresh()
		return
	}
	if p.picker.Selected != callLabel(c) {
		p.picker.SetSelected(callLabel(c))
	}
	r, err := procurement.Evaluate(p.db(), c)
	if err != nil {
		p.body.Objects = []fyne.CanvasObject{wrappedLabel(errorText(err))}
		p.body.Refresh()
		return
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(i18n.T("procurement.ui.tab.criteria"), p.criteriaTab(c, r)),
		container.NewTabItem(i18n.T("procurement.ui.tab.bids"), p.bidsTab(c, r)),
		container.NewTabItem(i18n.T("procurement.ui.tab.scoring"), p.scoringTab(c, r)),
		container.NewTabItem(i18n.T("procurement.ui.tab.ranking"), p.rankingTab(c, r)),
	)
	if p.tab < len(tabs.Items) {
		tabs.SelectIndex(p.tab)
	}
	tabs.OnSelected = func(*container.TabItem) { p.tab = tabs.SelectedIndex() }
	p.body.Objects = []fyne.CanvasObject{container.NewBorder(p.header(c, r), nil, nil, nil, tabs)}
	p.body.Refresh()
}

// header says where the call stands and offers its next step.
func (p *procurementPage) header(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	loc := i18n.In(i18n.Current())
	title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	facts := []string{i18n.T("procurement.status." + c.Status), i18n.T("procurement.procedure." + c.Procedure)}
	if c.Budget > 0 {
		facts = append(facts, procurement.Money(loc, c.Budget, c.Currency))
	}
	rows := []fyne.CanvasObject{title, wrappedLabel(strings.Join(facts, " · "))}
	if c.FrozenHash != "" {
		l := wrappedLabel(i18n.T("procurement.ui.frozen", map[string]any{"Date": formatDay(c.OpenedOn), "Hash": c.FrozenHash[:16]}))
		l.SizeName = theme.SizeNameCaptionText
		rows = append(rows, l)
	}
	if len(r.Drift) > 0 {
		l := wrappedLabel(i18n.T("procurement.ui.drift", map[string]any{"Keys": strings.Join(r.Drift, ", ")}))
		l.Importance = widget.WarningImportance
		rows = append(rows, l)
	}
	var steps []fyne.CanvasObject
	for _, m := range procurement.Moves {
		m := m
		b := newButtonWithIcon(i18n.T("procurement.ui.move."+m), theme.NavigateNextIcon(), func() { p.move(c, m) })
		if !moveFrom(m, c.Status) {
			b.Disable()
		}
		steps = append(steps, b)
	}
	steps = append(steps, newButtonWithIcon(i18n.T("procurement.ui.print"), theme.DocumentPrintIcon(), func() { p.print(c) }))
	rows = append(rows, container.NewHBox(steps...))
	return container.NewVBox(rows...)
}

// moveFrom reports whether move m is taken from status.
func moveFrom(m, status string) bool {
	from := map[string]string{"open": procurement.Draft, "evaluate": procurement.OpenStatus, "award": procurement.Evaluation, "close": procurement.Awarded}
	return from[m] == status
}

// move takes the call's next step; opening asks first, since it freezes the criteria.
func (p *procurementPage) move(c model.ProcurementCall, m string) {
	do := func() {
		if err := p.write(func(tx *model.Tx) error { _, err := procurement.Move(tx, c, m, p.now()); return err }); err != nil {
			p.say(p.sh.reportError(err), true)
			return
		}
		p.say(i18n.T("procurement.ui.moved", map[string]any{"Ref": c.Ref, "Status": i18n.T("procurement.status." + statusAfter(m))}), false)
	}
	if m == "open" {
		// The criteria as typed are what opens: a draft's edits not saved yet are saved
		// first (else the call was refused for "no criteria" with them on screen).
		if p.draft != nil && !p.saveCriteria(c) {
			return
		}
		if fresh, ok := p.call(); ok {
			c = fresh
		}
		confirmAction(p.sh.Window, i18n.T("procurement.ui.move.open"), i18n.T("procurement.ui.open_confirm", map[string]any{"Ref": c.Ref}),
			i18n.T("procurement.ui.move.open"), false, do)
		return
	}
	do()
}

func statusAfter(m string) string {
	return map[string]string{"open": procurement.OpenStatus, "evaluate": procurement.Evaluation, "award": procurement.Awarded, "close": procurement.Closed}[m]
}

// print saves the evaluation report in the documents folder and opens it.
func (p *procurementPage) print(c model.ProcurementCall) {
	b, err := procurement.ReportPDF(p.db(), c, i18n.Current(), p.now().UTC())
	if err != nil {
		p.sh.ShowError(err)
		return
	}
	dir := filepath.Join(p.sh.WS.Home, "documents")
	name := c.Ref + "-evaluation.pdf"
	path := filepath.Join(dir, name)
	if err = os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		p.sh.ShowError(errs.E("save "+name, errs.Unavailable, errs.Key("save.error.file"), map[string]any{"Name": name, "Folder": dir}, err))
		return
	}
	p.say(i18n.T("pact.ui.saved_to", map[string]any{"Path": path}), false)
	if err := openURL(p.sh.App, fileURL(path)); err != nil {
		p.sh.WS.Log.Warn("open with the system viewer", "file", path, "err", err)
	}
}

// segmentColors tell a ranking bar's criteria apart.
var segmentColors = []color.Color{
	color.NRGBA{0x1e, 0x63, 0xb4, 0xff}, color.NRGBA{0x2e, 0x8b, 0x57, 0xff}, color.NRGBA{0xd2, 0x8c, 0x1e, 0xff},
	color.NRGBA{0x8e, 0x44, 0xad, 0xff}, color.NRGBA{0xc0, 0x39, 0x2b, 0xff}, color.NRGBA{0x16, 0xa0, 0x85, 0xff},
	color.NRGBA{0x7f, 0x8c, 0x8d, 0xff}, color.NRGBA{0x34, 0x49, 0x5e, 0xff},
}

// barWidth is how wide 100 points draw.
const barWidth = 360

// rankingTab shows each lot's ranking with a bar per bid, split by criterion, the excluded
// bids with the reason, and the sensitivity to the weights.
func (p *procurementPage) rankingTab(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	loc := i18n.In(i18n.Current())
	var rows []fyne.CanvasObject
	if c.Frozen == "" {
		rows = append(rows, wrappedLabel(i18n.T("procurement.pdf.not_frozen")))
	}
	titles := map[string]string{}
	var legend []fyne.CanvasObject
	k := 0
	for _, cr := range r.Snapshot.Criteria {
		titles[cr.Key] = cr.Title
		if cr.Kind == procurement.Gate {
			continue
		}
		sw := canvas.NewRectangle(segmentColors[k%len(segmentColors)])
		sw.SetMinSize(fyne.NewSize(12, 12))
		legend = append(legend, container.NewHBox(container.NewCenter(sw), widget.NewLabel(fmt.Sprintf("%s (%s%%)", cr.Title, fmtWeight(cr.Weight)))))
		k++
	}
	rows = append(rows, container.NewGridWrap(fyne.NewSize(260, 30), legend...))
	lot := "\x00"
	for _, b := range r.Results {
		if b.Lot != lot {
			lot = b.Lot
			if lot != "" {
				rows = append(rows, widget.NewLabelWithStyle(i18n.T("procurement.pdf.lot", map[string]any{"Lot": lot}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			}
		}
		if b.Excluded {
			l := wrappedLabel(i18n.T("procurement.ui.excluded_line", map[string]any{"Bidder": b.Bidder, "Reason": procurement.ExclusionText(loc, b, r.Snapshot.Procedure)}))
			l.Importance = widget.WarningImportance
			rows = append(rows, l)
			continue
		}
		bar := container.NewHBox()
		k := 0
		for i, cr := range b.Criteria {
			if r.Snapshot.Criteria[i].Kind == procurement.Gate {
				continue
			}
			seg := canvas.NewRectangle(segmentColors[k%len(segmentColors)])
			seg.SetMinSize(fyne.NewSize(float32(cr.Points*barWidth/100), 18))
			bar.Add(seg)
			k++
		}
		label := widget.NewLabel(fmt.Sprintf("%d. %s — %.2f", b.Rank, b.Bidder, b.Total))
		rows = append(rows, label, container.NewHBox(container.NewGridWrap(fyne.NewSize(barWidth, 20), container.New(&barLayout{}, bar.Objects...))))
	}
	for _, sv := range r.Sensitivity {
		rows = append(rows, widget.NewSeparator(), widget.NewLabelWithStyle(i18n.T("procurement.pdf.sensitivity"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, w := range sv.Weights {
			text := i18n.T("procurement.pdf.no_change")
			if w.Changes {
				text = i18n.T("procurement.pdf.change", map[string]any{"Delta": fmt.Sprintf("%+.2f", w.Delta), "Winner": w.NewWinner})
			}
			rows = append(rows, wrappedLabel(fmt.Sprintf("%s (%s%%): %s", titles[w.Key], fmtWeight(w.Weight), text)))
		}
		for _, st := range sv.Stability {
			rows = append(rows, wrappedLabel(i18n.T("procurement.pdf.stability", map[string]any{"Bidder": st.Bidder, "Rank": st.Rank,
				"Percent": fmt.Sprintf("%.1f", 100*st.Kept), "Draws": sv.Draws})))
		}
	}
	return container.NewVScroll(container.NewVBox(rows...))
}

// barLayout lays a bar's segments side by side at their own widths.
type barLayout struct{}

func (barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w += o.MinSize().Width
	}
	return fyne.NewSize(w, 18)
}

func (barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for _, o := range objs {
		w := o.MinSize().Width
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func fmtWeight(w float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", w), "0"), ".")
}
