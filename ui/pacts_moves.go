package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// beforeMove runs next (a new status, a signature, a print) after offering to save what was
// typed in the overview and the sections and not saved: the agreement signed or printed
// must not lack what the screen shows without the user knowing.
func (e *pactEditor) beforeMove(next func()) {
	if !e.pendingEdits() {
		next()
		return
	}
	askSaveFirst(e.sh.Window, i18n.T("pact.ui.unsaved.title"), i18n.T("pact.ui.unsaved.text"), i18n.T("pact.ui.unsaved.save"),
		i18n.T("pact.ui.unsaved.discard"), func() {
			if e.saveTyped() {
				next()
			}
		}, next)
}

// endingMoves are the moves that end a pact or turn it down: their button is red.
var endingMoves = map[string]bool{pacts.Rejected: true, pacts.Withdrawn: true, pacts.Terminated: true, pacts.Revoked: true}

// askTransition asks before moving the pact to status to, saying what the move does and
// that it is recorded with the user's name; when the parties must be told why, the same
// dialog asks for the reason (and keeps it, with the message, when the move is refused).
func (e *pactEditor) askTransition(to string) dialog.Dialog {
	p := e.d.Pact
	data := map[string]any{"Ref": p.Ref, "Title": p.Title, "Actor": app.Actor(e.sh.WS)}
	text := i18n.T("pact.ui.move."+to, data) + " " + i18n.T("pact.ui.move.recorded", data)
	title := i18n.T("pact.ui.move.title", map[string]any{"Ref": p.Ref, "Status": i18n.T("pact.status." + to)})
	button := i18n.T("pact.ui.move." + to + ".button")
	if !pacts.NeedsReason(to) {
		return confirmAction(e.sh.Window, title, text, button, endingMoves[to], func() { e.transition(to, "") })
	}
	d := askText(e.sh, title, text, i18n.T("pact.ui.reason"), button, "", []string{"pact.refuse.reason"}, func(why string) error {
		return e.write(func(tx *model.Tx) error { return pacts.TransitionTx(tx, e.id, to, why, e.by()) })
	})
	if endingMoves[to] {
		d.confirm.Importance = widget.DangerImportance
		d.confirm.Refresh()
	}
	return d.dlg
}

func (e *pactEditor) transition(to, why string) bool {
	return e.update(func(tx *model.Tx) error { return pacts.TransitionTx(tx, e.id, to, why, e.by()) })
}

// askSign asks for a party's signature of the current version, saying what it does; a
// refusal keeps the dialog open with what was typed, the message under the field at fault.
func (e *pactEditor) askSign() *formDialog {
	un := e.d.Unsigned()
	names := make([]string, len(un))
	for i, x := range un {
		names[i] = x.Name
	}
	party := newSelect(names, nil)
	if len(names) > 0 {
		party.SetSelectedIndex(0)
	}
	signer := newEntry()
	date := newDateEntry("pact.ui.field.date")
	date.SetText(dayInput(pacts.Day(e.page.today())))
	method := newSelect(translated("pact.sign_method.", pacts.SignMethods), nil)
	method.SetSelectedIndex(0)
	fields := []*formField{
		newField(i18n.T("pact.ui.field.party"), party, "pact.refuse.already_signed", "pact.error.no_party", "pact.error.party_not_found"),
		newField(i18n.T("pact.ui.field.signer"), signer, "pact.refuse.no_signer"),
		newField(i18n.T("pact.ui.field.date"), date, "pact.error.not_a_date", "form.error.date", "pact.ui.field.date"),
		newField(i18n.T("pact.ui.field.method"), method, "pact.error.sign_method_unknown"),
	}
	fields[2].hint = i18n.T("date.input_formats")
	d := newFormDialog(e.sh, i18n.T("pact.ui.sign.button"), i18n.T("pact.ui.sign.button"), e.signConsequence(), fields, func() error {
		day, ok := date.Date()
		if !ok {
			day = date.Text // the rules refuse it, with whatever else they refuse
		}
		s := pacts.Signature{Party: party.Selected, Signer: signer.Text, Date: day, Method: keyAt(pacts.SignMethods, method.SelectedIndex())}
		return e.write(func(tx *model.Tx) error { _, err := pacts.Sign(tx, e.id, s, e.by()); return err })
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// signConsequence says what recording a signature does to the pact: the first freezes
// the version's text, the last makes an approved pact signed.
func (e *pactEditor) signConsequence() string {
	p := e.d.Pact
	data := map[string]any{"Ref": p.Ref, "Version": p.Version}
	var parts []string
	if _, frozen := e.d.FrozenVersion(); !frozen {
		parts = append(parts, i18n.T("pact.ui.sign.freezes", data))
	}
	if p.Status == pacts.Approved && len(e.d.Unsigned()) == 1 {
		parts = append(parts, i18n.T("pact.ui.sign.last", data))
	}
	return strings.Join(append(parts, i18n.T("pact.ui.sign.recorded", data)), " ")
}

func (e *pactEditor) sign(party, signer, date, method string) bool {
	return e.update(func(tx *model.Tx) error {
		_, err := pacts.Sign(tx, e.id, pacts.Signature{Party: party, Signer: signer, Date: date, Method: method}, e.by())
		return err
	})
}

// askAmend asks for what an amendment changes, saying what opening it does.
func (e *pactEditor) askAmend() *formDialog {
	p := e.d.Pact
	intro := i18n.T("pact.ui.amend.intro", map[string]any{"Ref": p.Ref, "Version": p.Version, "Next": p.Version + 1})
	return askText(e.sh, i18n.T("pact.ui.amend"), intro, i18n.T("pact.ui.amend_note"), i18n.T("pact.ui.amend.button"), "",
		[]string{"pact.refuse.amend_note"}, func(note string) error {
			return e.write(func(tx *model.Tx) error { _, err := pacts.Amend(tx, e.id, note, e.by()); return err })
		})
}
