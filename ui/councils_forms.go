package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"pacta/councils"
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// The forms of the Councils screen. Each is a formDialog: a refusal keeps the dialog open
// with everything typed and the message under the field at fault.

// show opens d at the page's usual size and keeps it for tests.
func (p *councilsPage) show(d *formDialog) *formDialog {
	d.Show(fyne.NewSize(720, 0))
	p.last = d
	return d
}

// ruleChoices are the composition rules offered, by index.
var ruleChoices = []string{"parity", "cap"}

// councilForm creates a council (c nil) or edits c's settings.
func (p *councilsPage) councilForm(c *model.Council) *formDialog {
	s := councils.Settings{Founded: councils.Day(p.today()), TermYears: councils.DefaultTermYears, FirstChair: councils.Government,
		Level: "municipal", SeatsPerSide: 3, Quorum: councils.QuorumEachSide}
	if c != nil {
		s = councils.SettingsOf(*c)
	}
	rule := councils.RuleOf(model.Council{Rule: s.Rule})
	name := newEntry()
	name.SetText(s.Name)
	level := newSelect(translated("council.level.", councils.Levels), nil)
	level.SetSelectedIndex(max(indexOf(councils.Levels, s.Level), 0))
	jur := newEntry()
	jur.SetText(s.Jurisdiction)
	purpose := multiLine(2)
	purpose.SetText(s.Purpose)
	founded := newDateEntry("council.field.founded")
	founded.SetText(dayInput(s.Founded))
	first := newSelect(translated("council.side.", councils.Sides), nil)
	first.SetSelectedIndex(max(indexOf(councils.Sides, s.FirstChair), 0))
	years := intEntry("council.field.term_years", int(s.TermYears))
	ruleSel := newSelect(translated("council.rule.", ruleChoices), nil)
	seats := intEntry("council.field.seats", int(max(s.SeatsPerSide, s.Seats)))
	category := newEntry()
	category.SetPlaceHolder(i18n.T("council.ui.category_placeholder"))
	percent := newDecimalEntry("council.field.cap_percent").within(0, 99)
	if rule.Cap {
		ruleSel.SetSelectedIndex(1)
		category.SetText(rule.Category)
		percent.SetText(ftoa(rule.Percent))
	} else {
		ruleSel.SetSelectedIndex(0)
		percent.SetText("20")
	}
	quorum := newSelect(translated("council.quorum.", councils.Quorums), nil)
	quorum.SetSelectedIndex(max(indexOf(councils.Quorums, s.Quorum), 0))
	lot := newCheck(i18n.T("council.field.by_lot"), nil)
	lot.SetChecked(s.ByLot)

	nameF := newField(i18n.T("council.field.name"), name, "council.error.name_required", "council.error.name_taken")
	seatsF := newField(i18n.T("council.field.seats"), seats, "council.field.seats", "council.error.seats", "council.error.seats_per_side")
	seatsF.hint = i18n.T("council.ui.seats_hint")
	capF := newField(i18n.T("council.field.cap"), container.NewGridWithColumns(2, category, percent), "council.error.rule", "council.field.cap_percent")
	capF.hint = i18n.T("council.ui.cap_hint")
	fields := []*formField{nameF,
		newField(i18n.T("council.field.level"), level, "council.error.level"),
		newField(i18n.T("council.field.jurisdiction"), jur),
		newField(i18n.T("council.field.purpose"), purpose),
		newField(i18n.T("council.field.founded"), founded, "council.field.founded", "council.error.founded"),
		newField(i18n.T("council.field.first_chair"), first),
		newField(i18n.T("council.field.term_years"), years, "council.field.term_years", "council.error.term_years"),
		newField(i18n.T("council.field.rule"), ruleSel),
		seatsF, capF,
		newField(i18n.T("council.field.quorum"), quorum, "council.error.quorum"),
		newField("", lot),
	}
	title, button := i18n.T("council.ui.new"), i18n.T("council.ui.create")
	if c != nil {
		title, button = i18n.T("council.ui.edit"), i18n.T("action.save")
	}
	d := newFormDialog(p.sh, title, button, "", fields, func() error {
		if err := checkFields(founded, years, seats, percent); err != nil {
			return err
		}
		n := s
		n.Name, n.Level, n.Jurisdiction, n.Purpose = name.Text, keyAt(councils.Levels, level.SelectedIndex()), jur.Text, purpose.Text
		n.Founded, _ = founded.Date()
		n.FirstChair = keyAt(councils.Sides, first.SelectedIndex())
		y, _ := years.Int()
		k, _ := seats.Int()
		n.TermYears = int64(y)
		n.Quorum, n.ByLot = keyAt(councils.Quorums, quorum.SelectedIndex()), lot.Checked
		if ruleSel.SelectedIndex() == 1 {
			pc, _ := percent.Float()
			n.Rule = "cap:" + strings.TrimSpace(category.Text) + ":" + ftoa(pc)
			n.Seats, n.SeatsPerSide = int64(k), 0
		} else {
			n.Rule, n.SeatsPerSide, n.Seats = "parity", int64(k), 0
		}
		return p.write(func(tx *model.Tx) error {
			if c == nil {
				made, err := councils.Create(tx, n)
				p.current = made.ID
				return err
			}
			_, err := councils.Edit(tx, *c, n, p.today())
			return err
		})
	})
	return p.show(d)
}

// memberForm seats a member.
func (p *councilsPage) memberForm(v councilData) *formDialog {
	board := p.board(v)
	name := newEntry()
	side := newSelect(translated("council.side.", councils.Sides), nil)
	side.SetSelectedIndex(1)
	category := newEntry()
	org := newEntry()
	designated := newDateEntry("council.field.designated")
	designated.SetText(dayInput(councils.Day(p.today())))
	mode := newSelect(translated("council.mode.", councils.Modes), nil)
	mode.SetSelectedIndex(0)
	subs := []string{""}
	for _, m := range v.members {
		subs = append(subs, m.Name)
	}
	sub := newSelect(subs, nil)
	// People seated on other councils are offered as the name is typed, with their
	// organisation.
	var known []model.CouncilMember
	names := newSuggestions(name, func(text string) ([]string, error) {
		var err error
		if known, err = councils.KnownMembers(p.db(), text, pickerRows); err != nil {
			return nil, err
		}
		lines := make([]string, len(known))
		for i, m := range known {
			lines[i] = m.Name
			if m.Org != "" {
				lines[i] += " — " + m.Org
			}
		}
		return lines, nil
	})
	names.OnChosen = func(i int) { name.SetText(known[i].Name); org.SetText(known[i].Org) }
	fields := []*formField{newField(i18n.T("council.field.name"), name, "council.error.member_name_required", "council.error.already_member",
		"council.error.both_sides.government", "council.error.both_sides.civil"), newField("", names.box)}
	if board {
		fields = append(fields, newField(i18n.T("council.field.category"), category, "council.error.category_required"))
	} else {
		fields = append(fields, newField(i18n.T("council.field.side"), side, "council.error.side",
			"council.error.substitute_side.government", "council.error.substitute_side.civil"))
	}
	orgF := newField(i18n.T("council.field.org"), org)
	orgF.hint = i18n.T("council.ui.org_hint")
	subF := newField(i18n.T("council.field.substitute_for"), sub, "council.error.member_not_found")
	subF.hint = i18n.T("council.ui.substitute_hint")
	fields = append(fields, orgF,
		newField(i18n.T("council.field.designated"), designated, "council.field.designated", "council.error.designated"),
		newField(i18n.T("council.field.mode"), mode, "council.error.mode"), subF)
	d := newFormDialog(p.sh, i18n.T("council.ui.add_member"), i18n.T("council.ui.add"), "", fields, func() error {
		if err := checkFields(designated); err != nil {
			return err
		}
		day, _ := designated.Date()
		n := councils.NewMember{Name: name.Text, Category: category.Text, Org: org.Text, Designated: day,
			Mode: keyAt(councils.Modes, mode.SelectedIndex()), SubstituteFor: sub.Selected}
		if !board {
			n.Side = keyAt(councils.Sides, side.SelectedIndex())
		}
		return p.write(func(tx *model.Tx) error { _, err := councils.AddMember(tx, v.c, n); return err })
	})
	return p.show(d)
}

// ceaseForm ends a member's seat.
func (p *councilsPage) ceaseForm(v councilData) *formDialog {
	var names []string
	for _, m := range v.members {
		if m.Ceased == "" {
			names = append(names, m.Name)
		}
	}
	who := newSelect(names, nil)
	date := newDateEntry("council.field.ceased")
	date.SetText(dayInput(councils.Day(p.today())))
	reason := newEntry()
	fields := []*formField{
		newField(i18n.T("council.field.member"), who, "council.error.no_active_member"),
		newField(i18n.T("council.field.ceased"), date, "council.field.ceased", "council.error.ceased_date", "council.error.ceased_before_designated"),
		newField(i18n.T("council.field.reason"), reason),
	}
	d := newFormDialog(p.sh, i18n.T("council.ui.cease_member"), i18n.T("council.ui.cease"), i18n.T("council.ui.cease_intro"), fields, func() error {
		if who.Selected == "" {
			return errs.E(errs.Invalid, errs.Key("council.error.no_active_member"), map[string]any{"Name": "—"})
		}
		if err := checkFields(date); err != nil {
			return err
		}
		day, _ := date.Date()
		return p.write(func(tx *model.Tx) error {
			_, err := councils.Cease(tx, v.c, who.Selected, day, reason.Text)
			return err
		})
	})
	return p.show(d)
}

// memberChoice is a member offered in a select: the name and the side.
func memberChoice(m model.CouncilMember) string {
	if m.Side == "" {
		return m.Name
	}
	return m.Name + " (" + i18n.T("council.side."+m.Side) + ")"
}

// officersForm names a term's Chair and Vice Chair; the lists offer the members active on
// the term's start, the Chair's list those of the side whose turn it is.
func (p *councilsPage) officersForm(v councilData) *formDialog {
	terms := v.terms
	labels := make([]string, len(terms))
	pick := 0
	for i, t := range terms {
		labels[i] = i18n.T("council.ui.term_option", map[string]any{"Term": t.Index, "Start": formatDay(t.Start), "End": formatDay(t.End)})
		if t.ChairSide != "" {
			labels[i] += " · " + i18n.T("council.ui.chair_from", map[string]any{"Side": i18n.T("council.side." + t.ChairSide)})
		}
		if t.Index == v.current+1 || (v.current < 0 && i == 0) {
			pick = i
		}
	}
	// The term in course comes first while it has no Chair yet; else the next one.
	for i, t := range terms {
		if t.Index == v.current && t.Chair == "" {
			pick = i
		}
	}
	chair := newSelect(nil, nil)
	vice := newSelect(nil, nil)
	byLabel := map[string]string{}
	fill := func(i int) {
		if i < 0 || i >= len(terms) {
			return
		}
		t := terms[i]
		var ch, vc []string
		for _, m := range v.members {
			if !councils.ActiveOn(m, t.Start) {
				continue
			}
			l := memberChoice(m)
			byLabel[l] = m.Name
			if t.ChairSide == "" || m.Side == t.ChairSide {
				ch = append(ch, l)
			}
			if t.ViceChairSide == "" || m.Side == t.ViceChairSide {
				vc = append(vc, l)
			}
		}
		chair.Options, vice.Options = ch, vc
		chair.ClearSelected()
		vice.ClearSelected()
		for _, m := range v.members {
			if m.ID == t.ChairID {
				chair.SetSelected(memberChoice(m))
			}
			if m.ID == t.ViceChairID {
				vice.SetSelected(memberChoice(m))
			}
		}
		chair.Refresh()
		vice.Refresh()
	}
	term := newSelect(labels, func(string) {})
	term.OnChanged = func(string) { fill(term.SelectedIndex()) }
	term.SetSelectedIndex(pick)
	fill(pick)
	fields := []*formField{
		newField(i18n.T("council.field.term"), term, "council.error.term_index", "council.error.reanchor_officers"),
		newField(i18n.T("council.field.chair"), chair, "council.error.chair_turn", "council.error.officers_same_person"),
		newField(i18n.T("council.field.vice"), vice, "council.error.officers_same_side", "council.error.member_not_active", "council.error.member_not_found"),
	}
	d := newFormDialog(p.sh, i18n.T("council.ui.officers"), i18n.T("action.save"), i18n.T("council.ui.officers_intro"), fields, func() error {
		i := term.SelectedIndex()
		if i < 0 {
			return errs.E(errs.Invalid, errs.Key("council.error.term_index"), map[string]any{"Term": "—", "Max": "—"})
		}
		return p.write(func(tx *model.Tx) error {
			_, err := councils.AssignOfficers(tx, v.c, terms[i].Index, byLabel[chair.Selected], byLabel[vice.Selected], p.today())
			return err
		})
	})
	return p.show(d)
}

// lines splits a multi-line field, one item per line.
func lines(s string) []string { return councils.Lines(s) }
