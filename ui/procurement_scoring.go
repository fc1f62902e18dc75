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
		// Scores belong to an open call or one under evaluation: said, not only greyed.
		save.Disable()
		for _, g := range p.grid {
			g.score.Disable()
			g.why.Disable()
		}
		why := wrappedLabel(i18n.T("procurement.ui.scores_when", map[string]any{"Status": i18n.T("procurement.status." + c.Status)}))
		why.Importance = widget.WarningImportance
		rows = append([]fyne.CanvasObject{why}, rows...)
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
