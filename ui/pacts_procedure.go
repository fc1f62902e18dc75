package ui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// procedureRows are the History tab's lines about the procedure: the pause of the answer
// term, the observations received during the publication with their answers, and the
// renewal, each with the action that applies now.
func (e *pactEditor) procedureRows() []fyne.CanvasObject {
	p := e.d.Pact
	rows := []fyne.CanvasObject{widget.NewSeparator(), widget.NewLabelWithStyle(i18n.T("pact.ui.procedure"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	clock := e.d.ClockOf(e.page.today())
	for _, ps := range clock.Pauses {
		rows = append(rows, wrapped(i18n.N("pact.ui.pause."+ps.Kind, ps.Days, map[string]any{"Date": formatDay(ps.From)})))
	}
	if slices.Contains(pacts.InterruptibleStatuses, p.Status) && e.d.Interruption == nil {
		rows = append(rows, row(i18n.T("pact.ui.interrupt.intro"), newButton(i18n.T("pact.ui.interrupt"), func() { e.askInterrupt() })))
	}
	if len(e.d.Observations) > 0 || p.Status == pacts.Published {
		rows = append(rows, widget.NewLabelWithStyle(i18n.N("pact.ui.observations", len(e.d.Observations)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	for _, o := range e.d.Observations {
		o := o
		line := i18n.T("pact.ui.observation_line", map[string]any{"Date": formatDay(o.ReceivedOn), "Kind": i18n.T("pact.observation." + o.Kind),
			"Author": o.Author, "Text": o.Text})
		if o.Answer != "" {
			line += "\n" + i18n.T("pact.ui.answer_line", map[string]any{"Date": formatDay(o.AnsweredOn), "By": o.AnsweredBy, "Text": o.Answer})
		}
		label := "pact.ui.answer"
		if o.Answer != "" {
			label = "pact.ui.answer_again"
		}
		rows = append(rows, row(line, newButton(i18n.T(label), func() { e.askAnswer(o) })))
	}
	if p.Status == pacts.Published {
		rows = append(rows, row("", newButton(i18n.T("pact.ui.observe"), func() { e.askObserve() })))
	}
	if p.Renews != "" {
		if old, err := pacts.PactByID(e.db(), p.Renews); err == nil {
			rows = append(rows, wrapped(i18n.T("pact.ui.renews", map[string]any{"Ref": old.Ref})))
		}
	}
	if next, ok, err := pacts.RenewalOf(e.db(), p.ID); err == nil && ok {
		rows = append(rows, wrapped(i18n.T("pact.ui.renewed_by", map[string]any{"Ref": next.Ref})))
	} else if err == nil && slices.Contains(pacts.RenewableStatuses, p.Status) {
		rows = append(rows, row(i18n.T("pact.ui.renew.intro"), newButton(i18n.T("pact.ui.renew"), func() { e.askRenew() })))
	}
	return rows
}

// dayOf is a date field's text as YYYY-MM-DD, or as typed when it is not a date (the rules
// then refuse it, naming the field).
func dayOf(e *Entry) string {
	if day, ok := e.Date(); ok {
		return day
	}
	return e.Text
}

// askObserve records an observation received during the publication.
func (e *pactEditor) askObserve() *formDialog {
	kind := newSelect(translated("pact.observation.", pacts.ObservationKinds), nil)
	kind.SetSelectedIndex(0)
	author, date, text := newEntry(), newDateEntry("pact.ui.field.received_on"), multiLine(4)
	date.SetText(dayInput(pacts.Day(e.page.today())))
	fields := []*formField{
		newField(i18n.T("pact.ui.field.observation_kind"), kind, "pact.refuse.observation_kind"),
		newField(i18n.T("pact.ui.field.observation_author"), author, "pact.refuse.observation_author"),
		newField(i18n.T("pact.ui.field.received_on"), date, "pact.refuse.date_future", "pact.refuse.observation_before", "pact.refuse.observation_closed", "pact.error.date"),
		newField(i18n.T("pact.ui.field.observation_text"), text, "pact.refuse.observation_text"),
	}
	d := newFormDialog(e.sh, strings.TrimSuffix(i18n.T("pact.ui.observe"), "…"), i18n.T("action.save"), "", fields, func() error {
		return e.write(func(tx *model.Tx) error {
			_, err := pacts.Observe(tx, e.id, pacts.NewObservation{Kind: keyAt(pacts.ObservationKinds, kind.SelectedIndex()),
				Author: author.Text, ReceivedOn: dayOf(date), Text: text.Text}, e.by())
			return err
		})
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// askAnswer records the municipality's answer to an observation.
func (e *pactEditor) askAnswer(o model.PactObservation) *formDialog {
	date, text := newDateEntry("pact.ui.field.answered_on"), multiLine(4)
	date.SetText(dayInput(pacts.Day(e.page.today())))
	text.SetText(o.Answer)
	fields := []*formField{
		newField(i18n.T("pact.ui.field.answer"), text, "pact.refuse.answer_text"),
		newField(i18n.T("pact.ui.field.answered_on"), date, "pact.refuse.date_future", "pact.refuse.answer_before", "pact.error.date"),
	}
	intro := i18n.T("pact.ui.observation_line", map[string]any{"Date": formatDay(o.ReceivedOn), "Kind": i18n.T("pact.observation." + o.Kind), "Author": o.Author, "Text": o.Text})
	d := newFormDialog(e.sh, strings.TrimSuffix(i18n.T("pact.ui.answer"), "…"), i18n.T("action.save"), intro, fields, func() error {
		return e.write(func(tx *model.Tx) error { _, err := pacts.Answer(tx, o.ID, text.Text, dayOf(date), e.by()); return err })
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// askInterrupt records the single interruption of the answer term.
func (e *pactEditor) askInterrupt() *formDialog {
	from, days, why := newDateEntry("pact.ui.field.interrupt_from"), newEntry(), multiLine(3)
	from.SetText(pacts.Day(e.page.today()))
	fields := []*formField{
		newField(i18n.T("pact.ui.field.interrupt_from"), from, "pact.refuse.date_future", "pact.refuse.date_before_proposal", "pact.error.date"),
		newField(i18n.T("pact.ui.field.interrupt_days"), days, "pact.refuse.interruption_days", "pact.refuse.interruption_off", "pact.refuse.interruption_once"),
		newField(i18n.T("pact.ui.field.interrupt_reason"), why, "pact.refuse.interruption_reason"),
	}
	d := newFormDialog(e.sh, strings.TrimSuffix(i18n.T("pact.ui.interrupt"), "…"), i18n.T("action.save"), i18n.T("pact.ui.interrupt.intro"), fields, func() error {
		n, err := strconv.Atoi(days.Text)
		if err != nil {
			n = 0 // refused by the rules with the range allowed
		}
		return e.write(func(tx *model.Tx) error {
			_, err := pacts.Interrupt(tx, e.id, dayOf(from), n, why.Text, e.by())
			return err
		})
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// askRenew confirms the renewal and opens the new draft.
func (e *pactEditor) askRenew() {
	confirmAction(e.sh.Window, i18n.T("pact.ui.renew"), i18n.T("pact.ui.renew.confirm", map[string]any{"Ref": e.d.Pact.Ref}), i18n.T("pact.ui.renew"), false, func() {
		var p model.Pact
		if e.fail(e.sh.WS.Store.Update(e.sh.Ctx, func(tx *model.Tx) error {
			var err error
			p, err = pacts.Renew(tx, e.id, e.by())
			return err
		})) {
			return
		}
		e.page.Reload()
		e.page.Open(p.ID)
	})
}
