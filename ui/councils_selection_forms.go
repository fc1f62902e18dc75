// The forms that select civil members of a council: by a vote among the organisations, or by a
// reproducible draw by lot.

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

	"pacta/councils"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// voteForm records a selection of civil members by vote.
func (p *councilsPage) voteForm(v councilData) *formDialog {
	date := newDateEntry("council.field.date")
	date.SetText(dayInput(councils.Day(p.today())))
	seats := intEntry("council.field.seats", 0)
	seats.SetText("")
	orgs := multiLine(3)
	cands := multiLine(4)
	cands.SetPlaceHolder(i18n.T("council.ui.candidates_placeholder"))
	elected := multiLine(3)
	notes := multiLine(2)
	orgF := newField(i18n.T("council.field.organisations"), orgs, "council.error.selection_orgs")
	orgF.hint = i18n.T("council.ui.one_per_line")
	candF := newField(i18n.T("council.field.candidates"), cands, "council.error.votes_negative", "council.ui.votes_unreadable")
	candF.hint = i18n.T("council.ui.candidates_hint")
	electedF := newField(i18n.T("council.field.elected"), elected, "council.error.elected_not_candidate", "council.error.elected_required", "council.error.elected_too_many")
	electedF.hint = i18n.T("council.ui.one_per_line")
	minutes := newEntry()
	minutesF := newField(i18n.T("council.field.minutes"), container.NewBorder(nil, nil, nil, p.chooseFile(minutes, nil), minutes),
		"council.ui.file_unreadable", "council.error.minutes_too_large")
	minutesF.hint = i18n.T("council.ui.minutes_hint")
	fields := []*formField{
		newField(i18n.T("council.field.date"), date, "council.field.date", "council.error.selection_date"),
		newField(i18n.T("council.field.seats"), seats, "council.field.seats"),
		orgF, candF, electedF, minutesF, newField(i18n.T("council.field.notes"), notes),
	}
	d := newFormDialog(p.sh, i18n.T("council.ui.record_selection"), i18n.T("action.save"), i18n.T("council.ui.vote_intro"), fields, func() error {
		if err := checkFields(date, seats); err != nil {
			return err
		}
		day, _ := date.Date()
		n, _ := seats.Int()
		vote := councils.Vote{Date: day, Seats: int64(n), Organisations: lines(orgs.Text), Elected: lines(elected.Text), Notes: notes.Text}
		for _, l := range lines(cands.Text) {
			name, votes, ok := strings.Cut(l, ":")
			if !ok {
				name, votes, _ = strings.Cut(l, "=")
			}
			k := int64(0)
			if strings.TrimSpace(votes) != "" {
				x, err := strconv.ParseInt(strings.TrimSpace(votes), 10, 64)
				if err != nil {
					return errs.E(errs.Invalid, errs.Key("council.ui.votes_unreadable"), map[string]any{"Line": l})
				}
				k = x
			}
			vote.Candidates = append(vote.Candidates, councils.VoteCount{Name: name, Votes: k})
		}
		path := strings.TrimSpace(minutes.Text)
		if path != "" {
			if _, err := os.Stat(path); err != nil {
				return errs.E(errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": path}, err)
			}
		}
		var sel model.CouncilSelection
		if err := p.write(func(tx *model.Tx) (err error) { sel, err = councils.RecordVote(tx, v.c, vote); return err }); err != nil {
			return err
		}
		if path != "" {
			if _, err := councils.AttachMinutes(p.sh.Ctx, p.sh.WS.Store, p.sh.WS.Blobs, sel.ID, path); err != nil {
				p.sh.ShowError(err) // the selection is kept: the dialog closes and says what went wrong with the file
			}
			p.Reload()
		}
		return nil
	})
	return p.show(d)
}

// chooseFile is a button that fills entry with a file chosen on the disk (of the
// extensions given; any file when none).
func (p *councilsPage) chooseFile(entry *Entry, exts []string) *Button {
	return newButtonWithIcon(i18n.T("council.ui.choose_file"), theme.FolderOpenIcon(), func() {
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			entry.SetText(r.URI().Path())
			r.Close()
		}, p.sh.Window)
		if len(exts) > 0 {
			fd.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		showDialog(p.sh.Window, fd, dialogKeys{cancel: fd.Dismiss})
	})
}

// drawForm runs a draw by lot among nominated candidates, keeps its record, and offers to
// seat the people drawn.
func (p *councilsPage) drawForm(v councilData) *formDialog {
	seats := intEntry("council.field.seats", 1)
	seed := newEntry()
	seed.SetPlaceHolder(i18n.T("council.ui.seed_placeholder"))
	file := newEntry()
	file.SetPlaceHolder(i18n.T("council.ui.candidates_file_placeholder"))
	browse := p.chooseFile(file, []string{".csv", ".CSV", ".txt"})
	quotas := multiLine(3)
	quotas.SetPlaceHolder(i18n.T("council.ui.quotas_placeholder"))
	date := newDateEntry("council.field.date")
	date.SetText(dayInput(councils.Day(p.today())))
	seedF := newField(i18n.T("council.field.seed"), seed, "council.error.seed_required")
	seedF.hint = i18n.T("council.ui.seed_hint")
	fileF := newField(i18n.T("council.field.candidates_file"), container.NewBorder(nil, nil, nil, browse, file), "council.ui.file_unreadable",
		"council.error.candidates_columns", "council.error.candidates_empty", "council.error.candidates_line", "council.error.candidate_no_name",
		"council.error.candidate_twice", "council.error.candidates_column_twice", "council.error.too_few_candidates")
	fileF.hint = i18n.T("council.ui.candidates_file_hint")
	quotaF := newField(i18n.T("council.field.quotas"), quotas, "council.error.quota", "council.error.quota_few", "council.error.quota_field",
		"council.error.quota_max_sum", "council.error.quota_min_sum", "council.error.quota_twice", "council.error.draw_failed")
	quotaF.hint = i18n.T("council.ui.quotas_hint")
	fields := []*formField{
		newField(i18n.T("council.field.seats"), seats, "council.field.seats", "council.error.draw_seats"),
		seedF, fileF, quotaF,
		newField(i18n.T("council.field.date"), date, "council.field.date", "council.error.selection_date"),
	}
	var drawn councils.Draw
	d := newFormDialog(p.sh, i18n.T("council.ui.draw"), i18n.T("council.ui.draw_button"), i18n.T("council.ui.draw_intro"), fields, func() error {
		if err := checkFields(seats, date); err != nil {
			return err
		}
		data, err := os.ReadFile(strings.TrimSpace(file.Text))
		if err != nil {
			return errs.E(errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": file.Text}, err)
		}
		cands, err := councils.ReadCandidates(strings.NewReader(string(data)))
		if err != nil {
			return err
		}
		var qs []councils.Quota
		for _, l := range lines(quotas.Text) {
			q, err := councils.ParseQuota(l)
			if err != nil {
				return err
			}
			qs = append(qs, q)
		}
		n, _ := seats.Int()
		day, _ := date.Date()
		if drawn, err = councils.RunDraw(seed.Text, n, qs, cands); err != nil {
			return err
		}
		var sel model.CouncilSelection
		if err := p.write(func(tx *model.Tx) (err error) {
			sel, err = councils.SaveDraw(tx, v.c, drawn, day)
			return err
		}); err != nil {
			return err
		}
		p.afterDraw(v.c, drawn, sel, day)
		return nil
	})
	return p.show(d)
}

// afterDraw shows the panel drawn and offers to seat it on the civil side.
func (p *councilsPage) afterDraw(c model.Council, d councils.Draw, sel model.CouncilSelection, day string) {
	text := i18n.T("council.ui.drawn", map[string]any{"Names": strings.Join(d.Selected, ", "), "Attempts": d.Attempts})
	confirmAction(p.sh.Window, i18n.T("council.ui.draw"), text, i18n.T("council.ui.seat_drawn"), false, func() {
		orgs := map[string]string{}
		for _, k := range d.Candidates {
			orgs[k.Name] = k.Org
		}
		err := p.write(func(tx *model.Tx) error {
			for _, n := range d.Selected {
				if _, err := councils.AddMember(tx, c, councils.NewMember{Name: n, Side: councils.Civil, Org: orgs[n], Designated: day,
					Mode: "lot", SelectionID: sel.ID}); err != nil {
					return err
				}
			}
			return nil
		})
		p.sh.ShowError(err)
	})
}
