package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
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
func (p *procurementPage) saveCriteria(c model.ProcurementCall) bool {
	if !p.typedWeights() {
		var ws []*Entry
		ws = append(ws, p.weights...)
		p.say(p.sh.reportError(checkFields(ws...)), true)
		return false
	}
	draft := append([]procurement.Criterion(nil), p.draft...)
	if err := p.write(func(tx *model.Tx) error { return procurement.SetCriteria(tx, c, draft) }); err != nil {
		p.say(p.sh.reportError(err), true)
		return false
	}
	p.say(i18n.T("procurement.ui.criteria_saved"), false)
	return true
}

// Save saves what the tab on screen holds typed (Ctrl+S, Saver): a draft's criteria and
// weights, or the scores of the grid.
func (p *procurementPage) Save() {
	c, ok := p.call()
	if !ok {
		return
	}
	switch {
	case p.tab == 0 && c.Status == procurement.Draft && c.Frozen == "" && p.draft != nil:
		p.saveCriteria(c)
	case p.tab == 2 && len(p.grid) > 0:
		p.saveScores(c)
	}
}

// newCallForm starts a call.
func (p *procurementPage) newCallForm() *formDialog {
	title := newEntry()
	budget := newAmountEntry("procurement.field.budget").within(0, 1e12)
	currency := newEntry()
	if c, err := model.Currency(p.db()); err == nil {
		currency.SetText(c) // the municipality's, shown so that it can be changed
	}
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
