// The form that records a council's meeting: date, agenda, who was present and the decisions with
// votes by side.

package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"pacta/councils"
	"pacta/i18n"
	"pacta/model"
)

// meetingForm records a meeting: the members present are ticked by side.
func (p *councilsPage) meetingForm(v councilData) *formDialog {
	date := newDateEntry("council.field.date")
	date.SetText(dayInput(councils.Day(p.today())))
	agenda := multiLine(3)
	decisions := multiLine(3)
	decisions.SetPlaceHolder(i18n.T("council.ui.decisions_placeholder"))
	notes := multiLine(2)
	today := councils.Day(p.today())
	var checks []*Check
	var names []string
	groups := container.NewVBox()
	sides := councils.Sides
	if p.board(v) {
		sides = []string{""}
	}
	for _, side := range sides {
		row := container.NewGridWrap(fyne.NewSize(190, 36))
		for _, m := range v.members {
			if m.Side != side || !councils.ActiveOn(m, today) {
				continue
			}
			ch := newCheck(m.Name, nil)
			checks = append(checks, ch)
			names = append(names, m.Name)
			row.Add(ch)
		}
		if side != "" {
			groups.Add(wrappedLabel(i18n.T("council.side_title." + side)))
		}
		groups.Add(row)
	}
	decF := newField(i18n.T("council.pdf.decisions"), decisions, "council.error.decision_text")
	decF.hint = i18n.T("council.ui.decisions_hint")
	fields := []*formField{
		newField(i18n.T("council.field.date"), date, "council.field.date", "council.error.meeting_date"),
		newField(i18n.T("council.field.agenda"), agenda, "council.error.agenda_required"),
		newField(i18n.T("council.pdf.present"), groups, "council.error.member_not_active", "council.error.member_not_found"),
		decF, newField(i18n.T("council.field.notes"), notes),
	}
	d := newFormDialog(p.sh, i18n.T("council.ui.record_meeting"), i18n.T("action.save"), "", fields, func() error {
		if err := checkFields(date); err != nil {
			return err
		}
		day, _ := date.Date()
		n := councils.NewMeeting{Date: day, Agenda: agenda.Text, Notes: notes.Text}
		for i, ch := range checks {
			if ch.Checked {
				n.Present = append(n.Present, names[i])
			}
		}
		for _, para := range strings.Split(strings.ReplaceAll(decisions.Text, "\r\n", "\n"), "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				n.Decisions = append(n.Decisions, councils.NewDecision{Text: para})
			}
		}
		return p.write(func(tx *model.Tx) error { _, err := councils.AddMeeting(tx, v.c, n); return err })
	})
	return p.show(d)
}
