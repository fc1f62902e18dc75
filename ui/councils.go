package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/councils"
	"pacta/i18n"
	"pacta/model"
)

func init() {
	RegisterScreen(Screen{ID: "councils", Order: 30, TitleKey: "council.ui.nav", Icon: theme.AccountIcon, Make: newCouncilsPage})
	RegisterDashboardCard(DashboardCard{Order: 30, Make: councilsCard})
}

// councilsPage shows one council at a time, chosen at the top: its rule and whether it
// holds, its two sides side by side, the officer timeline, its selections and meetings,
// and the forms that change them.
type councilsPage struct {
	sh      *Shell
	picker  *Select
	list    []model.Council
	current string // the council shown (id)
	body    *fyne.Container
	message *widget.Label // what the last action did (a saved document's path)
	outer   fyne.CanvasObject
	// now is "today" (tests set it).
	now func() time.Time
	// last is the dialog last opened (tests drive it).
	last *formDialog
}

func newCouncilsPage(sh *Shell) Page {
	p := &councilsPage{sh: sh, now: time.Now}
	p.picker = newSelect(nil, func(name string) {
		for _, c := range p.list {
			if c.Name == name && c.ID != p.current {
				p.current = c.ID
				p.render()
			}
		}
	})
	p.picker.PlaceHolder = i18n.T("council.ui.choose")
	add := newButtonWithIcon(i18n.T("council.ui.new"), theme.ContentAddIcon(), func() { p.councilForm(nil) })
	p.message = wrappedLabel("")
	p.message.Hide()
	p.body = container.NewVBox()
	top := container.NewBorder(nil, p.message, nil, add, p.picker)
	p.outer = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.body))
	p.Reload()
	return p
}

func (p *councilsPage) Content() fyne.CanvasObject { return p.outer }

func (p *councilsPage) db() model.Querier { return p.sh.WS.Store.DB() }

func (p *councilsPage) today() time.Time { return p.now().UTC() }

// Reload reads the councils again and shows the one chosen (the first when none is).
func (p *councilsPage) Reload() {
	list, err := councils.List(p.db())
	if err != nil {
		p.body.Objects = []fyne.CanvasObject{wrappedLabel(errorText(err))}
		p.body.Refresh()
		return
	}
	p.list = list
	names := make([]string, len(list))
	found := false
	for i, c := range list {
		names[i] = c.Name
		found = found || c.ID == p.current
	}
	if !found {
		p.current = ""
		if len(list) > 0 {
			p.current = list[0].ID
		}
	}
	p.picker.Options = names
	p.render()
}

// council is the council shown.
func (p *councilsPage) council() (model.Council, bool) {
	for _, c := range p.list {
		if c.ID == p.current {
			return c, true
		}
	}
	return model.Council{}, false
}

// say shows what an action did under the picker.
func (p *councilsPage) say(text string) {
	p.message.Importance = widget.MediumImportance
	setLine(p.message, text)
}

// write runs a change and shows the page again; the caller's dialog shows the error.
func (p *councilsPage) write(fn func(tx *model.Tx) error) error {
	if err := p.sh.WS.Store.Update(p.sh.Ctx, fn); err != nil {
		return err
	}
	p.Reload()
	p.sh.Changed()
	return nil
}

func (p *councilsPage) render() {
	c, ok := p.council()
	if !ok {
		p.picker.ClearSelected()
		intro := wrappedLabel(i18n.T("council.ui.empty"))
		p.body.Objects = []fyne.CanvasObject{intro}
		p.body.Refresh()
		return
	}
	if p.picker.Selected != c.Name {
		p.picker.SetSelected(c.Name)
	}
	v, err := p.load(c)
	if err != nil {
		p.body.Objects = []fyne.CanvasObject{wrappedLabel(errorText(err))}
		p.body.Refresh()
		return
	}
	p.body.Objects = []fyne.CanvasObject{p.header(v), p.actions(v), p.sides(v), p.timeline(v), p.records(v)}
	p.body.Refresh()
}

// councilData is everything the page shows of a council.
type councilData struct {
	c          model.Council
	status     councils.Status
	members    []model.CouncilMember
	terms      []councils.Term
	current    int64
	selections []model.CouncilSelection
	meetings   []model.CouncilMeeting
}

func (p *councilsPage) load(c model.Council) (councilData, error) {
	q := p.db()
	v := councilData{c: c}
	var err error
	if v.status, err = councils.Check(q, c, p.today(), 4); err != nil {
		return v, err
	}
	if v.members, err = councils.Members(q, c.ID); err != nil {
		return v, err
	}
	stored, err := councils.Terms(q, c.ID)
	if err != nil {
		return v, err
	}
	v.current = councils.CurrentIndex(c, stored, p.today())
	from := max(v.current-2, 0)
	if v.terms, err = councils.Schedule(q, c, from, max(v.current, 0)-from+4); err != nil {
		return v, err
	}
	if v.selections, err = councils.Selections(q, c.ID); err != nil {
		return v, err
	}
	if v.meetings, err = councils.Meetings(q, c.ID); err != nil {
		return v, err
	}
	return v, nil
}

func (p *councilsPage) board(v councilData) bool { return councils.RuleOf(v.c).Cap }

// header says what the council is, its rule, and whether the rule holds today.
func (p *councilsPage) header(v councilData) fyne.CanvasObject {
	c := v.c
	loc := i18n.In(i18n.Current())
	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	facts := []string{i18n.T("council.level." + c.Level)}
	if c.Jurisdiction != "" {
		facts = append(facts, c.Jurisdiction)
	}
	facts = append(facts, i18n.T("council.ui.founded", map[string]any{"Date": formatDay(c.Founded)}),
		i18n.N("council.ui.term_years", int(c.TermYears)))
	rows := []fyne.CanvasObject{title, wrappedLabel(strings.Join(facts, " · "))}
	if c.Purpose != "" {
		rows = append(rows, wrappedLabel(c.Purpose))
	}
	rows = append(rows, wrappedLabel(councils.RuleText(loc, c)))
	state := wrappedLabel(councils.StatusText(loc, c, v.status))
	icon := widget.NewIcon(theme.ConfirmIcon())
	state.Importance = widget.SuccessImportance
	if !v.status.RuleOK {
		state.Importance = widget.DangerImportance
		icon.SetResource(theme.WarningIcon())
	}
	rows = append(rows, container.NewBorder(nil, nil, icon, nil, state))
	for _, vac := range v.status.Vacancies {
		l := wrappedLabel(vacancyText(vac))
		l.Importance = widget.WarningImportance
		rows = append(rows, l)
	}
	return container.NewVBox(rows...)
}

// vacancyText says which side lacks members and which terms that affects.
func vacancyText(v councils.Vacancy) string {
	terms := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		terms[i] = fmt.Sprint(t)
	}
	side := i18n.T("council.members")
	if v.Side != "" {
		side = i18n.T("council.side_title." + v.Side)
	}
	return i18n.N("council.ui.vacancy", int(v.Missing), map[string]any{"Side": side, "Terms": strings.Join(terms, ", ")})
}

// actions are the buttons that change or print the council.
func (p *councilsPage) actions(v councilData) fyne.CanvasObject {
	c := v.c
	bs := []fyne.CanvasObject{
		newButtonWithIcon(i18n.T("council.ui.edit"), theme.DocumentCreateIcon(), func() { p.councilForm(&c) }),
		newButtonWithIcon(i18n.T("council.ui.add_member"), theme.ContentAddIcon(), func() { p.memberForm(v) }),
		newButtonWithIcon(i18n.T("council.ui.cease_member"), theme.ContentRemoveIcon(), func() { p.ceaseForm(v) }),
		newButtonWithIcon(i18n.T("council.ui.officers"), theme.AccountIcon(), func() { p.officersForm(v) }),
	}
	if !p.board(v) {
		bs = append(bs, newButtonWithIcon(i18n.T("council.ui.record_selection"), theme.DocumentIcon(), func() { p.voteForm(v) }),
			newButtonWithIcon(i18n.T("council.ui.draw"), theme.MediaReplayIcon(), func() { p.drawForm(v) }))
	}
	bs = append(bs, newButtonWithIcon(i18n.T("council.ui.record_meeting"), theme.CalendarIcon(), func() { p.meetingForm(v) }),
		newButtonWithIcon(i18n.T("council.ui.print_roster"), theme.DocumentPrintIcon(), func() { p.print(v, councils.DocRoster, "") }))
	width := float32(0)
	for _, b := range bs {
		width = max(width, b.MinSize().Width)
	}
	return container.NewGridWrap(fyne.NewSize(width, bs[0].MinSize().Height), bs...)
}

// councilsCard is the Dashboard's warnings of the councils: terms ending, broken rules,
// vacancies.
func councilsCard(sh *Shell) fyne.CanvasObject {
	ds, err := councils.DueAll(sh.WS.Store.DB(), time.Now().UTC())
	if err != nil {
		return Card(i18n.T("council.ui.nav"), wrappedLabel(errorText(err)))
	}
	cs, err := councils.List(sh.WS.Store.DB())
	if err != nil {
		return Card(i18n.T("council.ui.nav"), wrappedLabel(errorText(err)))
	}
	rows := []fyne.CanvasObject{wrappedLabel(i18n.N("council.ui.count", len(cs)))}
	for _, d := range ds {
		l := wrappedLabel(dueText(d))
		l.Importance = widget.WarningImportance
		rows = append(rows, l)
	}
	if len(ds) == 0 && len(cs) > 0 {
		rows = append(rows, wrappedLabel(i18n.T("council.ui.nothing_due")))
	}
	open := newButton(i18n.T("council.ui.open"), func() { sh.Show("councils") })
	return Card(i18n.T("council.ui.nav"), container.NewBorder(nil, open, nil, nil, container.NewVBox(rows...)))
}

// dueText says a council's warning.
func dueText(d councils.Due) string {
	switch d.Kind {
	case "term_ends":
		key := "council.due.term_ends"
		if !d.NextAssigned {
			key = "council.due.term_ends_unassigned"
		}
		return i18n.N(key, d.Days, map[string]any{"Council": d.Council, "Term": d.Term, "Date": formatDay(d.Date)})
	case "vacancy":
		side := i18n.T("council.members")
		if d.Side != "" {
			side = i18n.T("council.side_title." + d.Side)
		}
		return i18n.N("council.due.vacancy", int(d.Missing), map[string]any{"Council": d.Council, "Side": side})
	}
	return i18n.T("council.due.rule_broken", map[string]any{"Council": d.Council})
}
