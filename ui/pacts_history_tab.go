package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

func (e *pactEditor) historyTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, t := range e.d.Transitions {
		from := ""
		if t.FromStatus != "" {
			from = i18n.T("pact.status."+t.FromStatus) + " » "
		}
		line := fmt.Sprintf("%s  %s%s — %s (%s)", formatWhen(t.At), from, i18n.T("pact.status."+t.ToStatus), t.Actor, app.LaptopName(e.db(), t.Device, e.sh.WS.Identity.Device))
		if t.FromStatus == t.ToStatus {
			line = fmt.Sprintf("%s  %s — %s", formatWhen(t.At), i18n.T("pact.ui.amendment_opened", map[string]any{"Version": t.Version}), t.Actor)
		}
		if t.Reason != "" {
			line += ": " + t.Reason
		}
		rows = append(rows, wrapped(line))
	}
	rows = append(rows, widget.NewSeparator())
	for _, v := range e.d.Versions {
		rows = append(rows, wrapped(i18n.T("pact.ui.version_line", map[string]any{"Version": v.Number, "Hash": v.SHA256, "Date": formatWhen(v.FrozenAt)})))
	}
	current := map[string]bool{}
	for _, s := range e.d.SignaturesOfCurrent() {
		current[s.ID] = true
	}
	for _, s := range e.d.Signatures {
		line := i18n.T("pact.ui.signature_line", map[string]any{"Version": s.Version, "Party": s.PartyName, "Signer": s.Signer,
			"Date": formatDay(s.SignedOn), "Method": i18n.T("pact.sign_method." + s.Method)})
		if s.Corrects != "" {
			line += " — " + i18n.T("pact.pdf.corrected", map[string]any{"Actor": s.Actor, "Reason": s.Reason})
		}
		var fix *Button
		if current[s.ID] {
			s := s
			fix = newButton(i18n.T("pact.ui.correct_signature"), func() { e.askCorrectSignature(s) })
		}
		rows = append(rows, row(line, fix))
	}
	rows = append(rows, e.procedureRows()...)
	return container.NewVScroll(container.NewVBox(rows...))
}

// askCorrectSignature asks for the right values of a wrong signature record and why; the
// correction is a new record over the same signed content.
func (e *pactEditor) askCorrectSignature(s model.PactSignature) *formDialog {
	signer, date, reason := newEntry(), newDateEntry("pact.ui.field.date"), multiLine(3)
	signer.SetText(s.Signer)
	date.SetText(dayInput(s.SignedOn))
	method := newSelect(translated("pact.sign_method.", pacts.SignMethods), nil)
	method.SetSelectedIndex(max(indexOf(pacts.SignMethods, s.Method), 0))
	fields := []*formField{
		newField(i18n.T("pact.ui.field.signer"), signer),
		newField(i18n.T("pact.ui.field.date"), date, "pact.error.not_a_date", "form.error.date", "pact.refuse.sign_future", "pact.refuse.sign_before_approval"),
		newField(i18n.T("pact.ui.field.method"), method, "pact.error.sign_method_unknown"),
		newField(i18n.T("pact.ui.field.reason"), reason, "pact.refuse.correct_reason", "pact.refuse.correct_nothing"),
	}
	intro := i18n.T("pact.ui.correct_signature.intro", map[string]any{"Party": s.PartyName})
	d := newFormDialog(e.sh, i18n.T("pact.ui.correct_signature"), i18n.T("pact.ui.correct_signature"), intro, fields, func() error {
		day, ok := date.Date()
		if !ok {
			day = date.Text
		}
		c := pacts.Correction{Party: s.PartyID, Signer: signer.Text, Date: day, Method: keyAt(pacts.SignMethods, method.SelectedIndex()), Reason: reason.Text}
		return e.write(func(tx *model.Tx) error { _, err := pacts.CorrectSignature(tx, e.id, c, e.by()); return err })
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}
