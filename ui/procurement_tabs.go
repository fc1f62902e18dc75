package ui

import (
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/procurement"
)

// criteriaTab lists the call's criteria. A draft's weights are edited here, with their sum
// and social-value share shown as they are typed, and criteria are added from the library;
// once the call is open the criteria show as frozen.
func (p *procurementPage) criteriaTab(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	editable := c.Status == procurement.Draft && c.Frozen == ""
	if p.draft == nil || !editable {
		p.draft = append([]procurement.Criterion(nil), r.Snapshot.Criteria...)
	}
	p.weights = nil
	p.sum = wrappedLabel("")
	rows := []fyne.CanvasObject{}
	for i, k := range p.draft {
		i := i
		what := i18n.T("procurement.kind." + k.Kind)
		if k.SocialValue {
			what += " · " + i18n.T("procurement.ui.social_value")
		}
		name := wrappedLabel(k.Title + " — " + what)
		var weight fyne.CanvasObject
		if k.Kind == procurement.Gate {
			weight = widget.NewLabel("—")
		} else if editable {
			e := newDecimalEntry("procurement.field.weight").within(0, 100)
			e.SetText(fmtWeight(k.Weight))
			e.OnChanged = func(string) { p.showSum() }
			p.weights = append(p.weights, e)
			weight = e
		} else {
			weight = widget.NewLabel(fmtWeight(k.Weight) + "%")
		}
		var right fyne.CanvasObject = container.NewGridWrap(fyne.NewSize(90, 36), weight)
		if editable {
			rm := newButtonWithIcon("", theme.DeleteIcon(), func() { p.removeCriterion(i) })
			right = container.NewHBox(right, rm)
		}
		left := container.NewVBox(name)
		if k.Citation != "" {
			left.Add(hintLabel(k.Citation))
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, right, left))
	}
	if len(rows) == 0 {
		rows = append(rows, wrappedLabel(i18n.T("procurement.ui.no_criteria")))
	}
	p.showSum()
	top := []fyne.CanvasObject{p.sum}
	if editable {
		lib, err := procurement.Library(p.db(), i18n.Current())
		if err != nil {
			return wrappedLabel(errorText(err))
		}
		var names []string
		for _, t := range lib {
			names = append(names, t.Title)
		}
		pick := newSelect(names, nil)
		pick.PlaceHolder = i18n.T("procurement.ui.library_pick")
		add := newButtonWithIcon(i18n.T("procurement.ui.add_criterion"), theme.ContentAddIcon(), func() {
			i := pick.SelectedIndex()
			if i < 0 {
				return
			}
			p.addCriterion(lib[i].Criterion)
		})
		save := newButtonWithIcon(i18n.T("action.save"), theme.DocumentSaveIcon(), func() { p.saveCriteria(c) })
		save.Importance = widget.HighImportance
		top = append(top, container.NewBorder(nil, nil, nil, container.NewHBox(add, save), pick))
	}
	return container.NewBorder(container.NewVBox(top...), nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

// typedWeights reads the weight fields into the draft; false when one does not read.
func (p *procurementPage) typedWeights() bool {
	j := 0
	for i := range p.draft {
		if p.draft[i].Kind == procurement.Gate {
			continue
		}
		if j < len(p.weights) {
			f, ok := p.weights[j].Float()
			if !ok {
				return false
			}
			p.draft[i].Weight = f
		}
		j++
	}
	return true
}

// showSum says the weights' sum and social-value share as they are typed.
func (p *procurementPage) showSum() {
	if p.sum == nil {
		return
	}
	if !p.typedWeights() {
		p.sum.Importance = widget.DangerImportance
		p.sum.SetText(i18n.T("procurement.ui.weight_unreadable"))
		return
	}
	sum, social := procurement.WeightSum(p.draft), procurement.SocialShare(p.draft)
	c, _ := p.call()
	p.sum.Importance = widget.SuccessImportance
	if sum < 99.999 || sum > 100.001 || social < c.SocialMin {
		p.sum.Importance = widget.WarningImportance
	}
	p.sum.SetText(i18n.T("procurement.ui.sum", map[string]any{"Sum": fmtWeight(sum), "Social": fmtWeight(social), "Min": fmtWeight(c.SocialMin)}))
}

func (p *procurementPage) addCriterion(k procurement.Criterion) {
	p.typedWeights()
	for _, d := range p.draft {
		if d.Key == k.Key {
			p.say(i18n.T("procurement.ui.criterion_there", map[string]any{"Title": k.Title}), true)
			return
		}
	}
	p.draft = append(p.draft, k)
	p.render()
}

func (p *procurementPage) removeCriterion(i int) {
	p.typedWeights()
	if i < len(p.draft) {
		p.draft = append(p.draft[:i:i], p.draft[i+1:]...)
	}
	p.render()
}

// saveCriteria writes the draft's criteria; a weight that does not read keeps the form as
// typed and says so.
func (p *procurementPage) saveCriteria(c model.ProcurementCall) {
	if !p.typedWeights() {
		var ws []*Entry
		ws = append(ws, p.weights...)
		p.say(p.sh.reportError(checkFields(ws...)), true)
		return
	}
	draft := append([]procurement.Criterion(nil), p.draft...)
	if err := p.write(func(tx *model.Tx) error { return procurement.SetCriteria(tx, c, draft) }); err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	p.say(i18n.T("procurement.ui.criteria_saved"), false)
}

// bidsTab lists the bids and imports or adds them.
func (p *procurementPage) bidsTab(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	loc := i18n.In(i18n.Current())
	rows := []fyne.CanvasObject{}
	for _, b := range r.Bids {
		what := []string{i18n.T("procurement.bidder_type." + orOther(b.BidderType)), procurement.Money(loc, b.Price, c.Currency)}
		if b.Lot != "" {
			what = append([]string{b.Lot}, what...)
		}
		if b.SubmittedAt != "" {
			what = append(what, formatWhen(b.SubmittedAt))
		}
		rows = append(rows, wrappedLabel(b.Bidder+" — "+strings.Join(what, " · ")))
	}
	if len(rows) == 0 {
		rows = append(rows, wrappedLabel(i18n.T("procurement.ui.no_bids")))
	}
	imp := newButtonWithIcon(i18n.T("procurement.ui.import_bids"), theme.UploadIcon(), func() { p.chooseBids(c) })
	add := newButtonWithIcon(i18n.T("procurement.ui.add_bid"), theme.ContentAddIcon(), func() { p.bidForm(c, r) })
	if c.Status != procurement.OpenStatus && c.Status != procurement.Evaluation {
		imp.Disable()
		add.Disable()
		rows = append([]fyne.CanvasObject{hintLabel(i18n.T("procurement.ui.bids_when"))}, rows...)
	}
	return container.NewBorder(container.NewHBox(imp, add), nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

func orOther(t string) string {
	if t == "" {
		return "unknown"
	}
	return t
}

// chooseBids imports a bids CSV chosen on the disk.
func (p *procurementPage) chooseBids(c model.ProcurementCall) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		p.importBids(c, path)
	}, p.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt"}))
	showDialog(p.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}

// importBids imports the bids of a CSV file; a refusal names the line and writes nothing.
func (p *procurementPage) importBids(c model.ProcurementCall, path string) {
	f, err := os.Open(path)
	if err != nil {
		p.say(p.sh.reportError(errs.E(errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": path}, err)), true)
		return
	}
	defer f.Close()
	var added, updated int
	err = p.write(func(tx *model.Tx) error {
		bids, err := procurement.ReadBids(tx, c, f)
		if err != nil {
			return err
		}
		added, updated, err = procurement.ImportBids(tx, c, bids)
		return err
	})
	if err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	p.say(i18n.T("procurement.ui.bids_imported", map[string]any{"Added": added, "Updated": updated}), false)
}

// bidForm adds one bid by hand: the bidder, its type, lot and price, and the call's gates
// and quantities.
func (p *procurementPage) bidForm(c model.ProcurementCall, r procurement.Report) *formDialog {
	bidder := newEntry()
	typ := newSelect(translated("procurement.bidder_type.", procurement.BidderTypes), nil)
	typ.SetSelectedIndex(0)
	lot := newSelect(r.Snapshot.Lots, nil)
	price := newDecimalEntry("procurement.field.price")
	submitted := newEntry()
	submitted.SetText(p.now().UTC().Format("2006-01-02 15:04"))
	fields := []*formField{
		newField(i18n.T("procurement.field.bidder"), bidder, "procurement.error.bidder_required", "procurement.error.bid_twice"),
		newField(i18n.T("procurement.field.bidder_type"), typ),
	}
	if len(r.Snapshot.Lots) > 0 {
		fields = append(fields, newField(i18n.T("procurement.field.lot"), lot, "procurement.error.lot_required", "procurement.error.lot_unknown"))
	}
	fields = append(fields, newField(i18n.T("procurement.field.price"), price, "procurement.field.price", "procurement.error.price"),
		newField(i18n.T("procurement.field.submitted_at"), submitted, "procurement.error.submitted_at"))
	gates := map[string]*Check{}
	qty := map[string]*Entry{}
	for _, k := range r.Snapshot.Criteria {
		switch k.Kind {
		case procurement.Gate:
			gates[k.Key] = newCheck(k.Title, nil)
			fields = append(fields, newField("", gates[k.Key]))
		case procurement.Quantity:
			qty[k.Key] = newDecimalEntry("procurement.field.quantity").called(k.Title)
			fields = append(fields, newField(k.Title+" ("+k.Unit+")", qty[k.Key], k.Title))
		}
	}
	d := newFormDialog(p.sh, i18n.T("procurement.ui.add_bid"), i18n.T("action.save"), "", fields, func() error {
		all := []*Entry{price}
		for _, e := range qty {
			all = append(all, e)
		}
		if err := checkFields(all...); err != nil {
			return err
		}
		// The form writes one line of a bids file, so that it is checked as an import is.
		head := []string{"bidder", "type", "lot", "price", "submitted_at"}
		vals := []string{bidder.Text, keyAt(procurement.BidderTypes, typ.SelectedIndex()), lot.Selected, strings.TrimSpace(price.Text), submitted.Text}
		for k, ch := range gates {
			head, vals = append(head, "gate:"+k), append(vals, strconv.FormatBool(ch.Checked))
		}
		for k, e := range qty {
			head, vals = append(head, "q:"+k), append(vals, strings.TrimSpace(e.Text))
		}
		line := csvLine(head) + csvLine(vals)
		return p.write(func(tx *model.Tx) error {
			bids, err := procurement.ReadBids(tx, c, strings.NewReader(line))
			if err != nil {
				return err
			}
			_, _, err = procurement.ImportBids(tx, c, bids)
			return err
		})
	})
	d.Show(fyne.NewSize(640, 0))
	p.last = d
	return d
}

// csvLine writes one CSV line.
func csvLine(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
	}
	return strings.Join(out, ",") + "\n"
}

// scoringTab is one evaluator's grid: a line per bid and scale criterion with the score
// (0–5) and why; Tab goes from field to field, Save writes the lines filled in.
func (p *procurementPage) scoringTab(c model.ProcurementCall, r procurement.Report) fyne.CanvasObject {
	if p.evaluator == nil {
		p.evaluator = newEntry()
		p.evaluator.SetPlaceHolder(i18n.T("procurement.ui.evaluator_placeholder"))
		p.evaluator.SetText(p.sh.WS.Config.DeviceName)
	}
	titles := map[string]string{}
	for _, k := range r.Snapshot.Criteria {
		titles[k.Key] = k.Title
	}
	had := map[string]model.ProcurementScore{}
	for _, s := range r.Scores {
		if strings.EqualFold(strings.TrimSpace(s.Evaluator), strings.TrimSpace(p.evaluator.Text)) {
			had[s.BidID+"\x00"+s.Criterion] = s
		}
	}
	p.grid = nil
	rows := []fyne.CanvasObject{}
	for _, b := range r.Bids {
		for _, k := range r.Snapshot.Criteria {
			if k.Kind != procurement.Scale {
				continue
			}
			cell := scoreCell{bid: b.ID, bidder: b.Bidder, criterion: k.Key,
				score: newDecimalEntry("procurement.field.score").within(0, procurement.ScaleMax).called(b.Bidder + ", " + k.Title), why: newEntry()}
			cell.why.SetPlaceHolder(i18n.T("procurement.ui.justification"))
			if s, ok := had[b.ID+"\x00"+k.Key]; ok {
				cell.score.SetText(fmtWeight(s.Score))
				cell.why.SetText(s.Justification)
			}
			p.grid = append(p.grid, cell)
			label := wrappedLabel(b.Bidder + " — " + k.Title)
			rows = append(rows, container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(70, 36), cell.score), label), cell.why)
		}
	}
	if len(p.grid) == 0 {
		rows = append(rows, wrappedLabel(i18n.T("procurement.ui.nothing_to_score")))
	}
	save := newButtonWithIcon(i18n.T("action.save"), theme.DocumentSaveIcon(), func() { p.saveScores(c) })
	save.Importance = widget.HighImportance
	reload := newButtonWithIcon(i18n.T("procurement.ui.load_scores"), theme.ViewRefreshIcon(), func() { p.render() })
	top := container.NewBorder(nil, hintLabel(i18n.T("procurement.ui.scoring_hint")), widget.NewLabel(i18n.T("procurement.field.evaluator")),
		container.NewHBox(reload, save), p.evaluator)
	if c.Status != procurement.OpenStatus && c.Status != procurement.Evaluation {
		save.Disable()
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

// saveScores writes the grid's lines that hold a score, checked as a scores file is.
func (p *procurementPage) saveScores(c model.ProcurementCall) {
	var fields []*Entry
	for _, g := range p.grid {
		fields = append(fields, g.score)
	}
	if err := checkFields(fields...); err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	var b strings.Builder
	b.WriteString(csvLine([]string{"bidder", "criterion", "score", "justification", "lot"}))
	n := 0
	r, err := procurement.Evaluate(p.db(), c)
	if err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	lots := map[string]string{}
	for _, bid := range r.Bids {
		lots[bid.ID] = bid.Lot
	}
	for _, g := range p.grid {
		if strings.TrimSpace(g.score.Text) == "" {
			continue
		}
		b.WriteString(csvLine([]string{g.bidder, g.criterion, strings.ReplaceAll(strings.TrimSpace(g.score.Text), ",", "."), g.why.Text, lots[g.bid]}))
		n++
	}
	if n == 0 {
		p.say(i18n.T("procurement.ui.no_score_typed"), true)
		return
	}
	ev := p.evaluator.Text
	err = p.write(func(tx *model.Tx) error {
		ss, err := procurement.ReadScores(tx, c, ev, strings.NewReader(b.String()))
		if err != nil {
			return err
		}
		_, err = procurement.PutScores(tx, c, ss)
		return err
	})
	if err != nil {
		p.say(p.sh.reportError(err), true)
		return
	}
	p.say(i18n.N("procurement.ui.scores_saved", n, map[string]any{"Evaluator": strings.TrimSpace(ev)}), false)
}

// newCallForm starts a call.
func (p *procurementPage) newCallForm() *formDialog {
	title := newEntry()
	budget := newDecimalEntry("procurement.field.budget").within(0, 1e12)
	currency := newEntry()
	currency.SetText("EUR")
	proc := newSelect(translated("procurement.procedure.", procurement.Procedures), nil)
	proc.SetSelectedIndex(0)
	lots := multiLine(2)
	desc := multiLine(2)
	lotsF := newField(i18n.T("procurement.field.lots"), lots, "procurement.error.lot_twice")
	lotsF.hint = i18n.T("procurement.ui.lots_hint")
	fields := []*formField{
		newField(i18n.T("procurement.field.title"), title, "procurement.error.title_required"),
		newField(i18n.T("procurement.field.what"), desc),
		newField(i18n.T("procurement.field.budget"), budget, "procurement.field.budget", "procurement.error.budget"),
		newField(i18n.T("procurement.field.currency"), currency),
		newField(i18n.T("procurement.field.procedure"), proc, "procurement.error.procedure"),
		lotsF,
	}
	d := newFormDialog(p.sh, i18n.T("procurement.ui.new"), i18n.T("procurement.ui.create"), i18n.T("procurement.ui.new_intro"), fields, func() error {
		if err := checkFields(budget); err != nil {
			return err
		}
		b, _ := budget.Float()
		n := procurement.NewCall{Title: title.Text, Description: desc.Text, Budget: b, Currency: currency.Text,
			Procedure: keyAt(procurement.Procedures, proc.SelectedIndex()), Lots: strings.Split(lots.Text, "\n")}
		return p.write(func(tx *model.Tx) error {
			c, err := procurement.Create(tx, n, p.now())
			p.current, p.draft, p.tab = c.ID, nil, 0
			return err
		})
	})
	d.Show(fyne.NewSize(640, 0))
	p.last = d
	return d
}
