// The council commands: joint municipal/civil councils, their members, officers, draws,
// meetings and documents.

package app

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"pacta/councils"
	"pacta/i18n"
	"pacta/model"
)

func init() {
	for _, c := range []Command{
		{Name: "council list", Args: "[--json]", Short: "list the councils and whether their composition rule holds", Run: cmdCouncilList},
		{Name: "council new", Args: "--name N --seats-per-side K [--term-years Y] [--first-chair government|civil] [--founded DATE] [--rule parity|cap:CATEGORY:PERCENT] [...]",
			Short: "create a joint municipal/civil council (or a board under a cap rule)", Run: cmdCouncilNew},
		{Name: "council set", Args: "COUNCIL [--name N] [--seats-per-side K] [--term-years Y] [...]", Short: "change a council's settings (past terms keep theirs)", Run: cmdCouncilSet},
		{Name: "council show", Args: "COUNCIL [--json]", Short: "show a council: rule, members by side, officers, selections, meetings", Run: cmdCouncilShow},
		{Name: "council member add", Args: "COUNCIL --name N --side government|civil [--category C] [--org ORG] [--designated DATE] [--mode M] [--substitute-for NAME]",
			Short: "seat a member on a council", Run: cmdCouncilMemberAdd},
		{Name: "council member cease", Args: "COUNCIL --name N --date DATE [--reason R]", Short: "end a member's seat", Run: cmdCouncilMemberCease},
		{Name: "council schedule", Args: "COUNCIL [--terms N] [--from K] [--json]", Short: "the officer terms: dates, the Chair's side, the officers", Run: cmdCouncilSchedule},
		{Name: "council officers", Args: "COUNCIL --term K --chair NAME --vice NAME", Short: "name the Chair and the Vice Chair of a term", Run: cmdCouncilOfficers},
		{Name: "council draw", Args: "COUNCIL --seats N --seed S --candidates FILE.csv [--quota FIELD=VALUE:MIN:MAX ...] [--json] | --verify FILE",
			Short: "draw civil members by lot, reproducibly, and keep the record; or verify a record", Run: cmdCouncilDraw},
		{Name: "council selection add", Args: "COUNCIL --date DATE --org ORG ... --candidate NAME=VOTES ... --elected NAME ... [--seats N] [--minutes FILE]",
			Short: "record a selection of civil members by vote among the organisations", Run: cmdCouncilSelectionAdd},
		{Name: "council meeting add", Args: "COUNCIL --date D --agenda-file F [--present NAME ...] [--decision-file F]",
			Short: "record a meeting, its attendance and decisions", Run: cmdCouncilMeetingAdd},
		{Name: "council pdf", Args: "COUNCIL --doc roster|draw|minutes [--meeting DATE] [--selection DATE] -o FILE [--lang L]",
			Short: "print the roster and officer schedule, a selection record or a meeting's minutes", Run: cmdCouncilPDF},
		{Name: "council due", Args: "[--json]", Short: "terms ending within 60 days, broken composition rules, vacancies", Run: cmdCouncilDue},
	} {
		Register(c)
	}
	examples["council list"] = "pacta council list --json"
	examples["council new"] = `pacta council new --name "Consiglio di quartiere Kalsa" --seats-per-side 4 --first-chair civil --founded 2024-02-29`
	examples["council set"] = `pacta council set Kalsa --term-years 3`
	examples["council show"] = "pacta council show Kalsa --json"
	examples["council member add"] = `pacta council member add Kalsa --name "Rosa Amato" --side civil --org "Cooperativa Sociale Ballarò" --designated 2024-03-01`
	examples["council member cease"] = `pacta council member cease Kalsa --name "Rosa Amato" --date 2026-01-31 --reason "moved away"`
	examples["council schedule"] = "pacta council schedule Kalsa --terms 6 --json"
	examples["council officers"] = `pacta council officers Kalsa --term 1 --chair "Paolo Greco" --vice "Rosa Amato"`
	examples["council draw"] = `pacta council draw Kalsa --seats 2 --seed "2026-12-01 number 4711" --candidates nominees.csv --quota gender=F:1:1`
	examples["council selection add"] = `pacta council selection add Kalsa --date 2024-02-20 --org "Coop Ballarò" --org "Ass. Kalsa" --candidate "Rosa Amato=14" --candidate "Ugo Riva=9" --elected "Rosa Amato"`
	examples["council meeting add"] = `pacta council meeting add Kalsa --date 2026-11-12 --agenda-file agenda.txt --present "Rosa Amato" --present "Paolo Greco"`
	examples["council pdf"] = "pacta council pdf Kalsa --doc roster -o roster.pdf --lang it"
	examples["council due"] = "pacta council due --json"
	RegisterSample(SampleStep{Order: 30, Name: "councils", Run: func(ctx context.Context, ws *Workspace) error {
		return councils.LoadSample(ctx, ws.Store, ws.Language(), time.Now())
	}})
}

// today is the day commands act on.
func today() time.Time { return time.Now().UTC() }

// oneCouncil parses a command taking one COUNCIL (an id or an unambiguous name) and opens
// the workspace.
func oneCouncil(env *Env, fs *flag.FlagSet, home *string, args []string) (*Workspace, model.Council, error) {
	if err := Parse(fs, args); err != nil {
		return nil, model.Council{}, err
	}
	return openCouncil(env, fs, home)
}

// openCouncil opens the workspace and finds the council a parsed command names.
func openCouncil(env *Env, fs *flag.FlagSet, home *string) (*Workspace, model.Council, error) {
	if fs.NArg() != 1 {
		return nil, model.Council{}, Usagef("give one council, by its name or id (pacta council list shows them)")
	}
	ws, err := env.OpenHome(*home)
	if err != nil {
		return nil, model.Council{}, err
	}
	c, err := councils.Find(ws.Store.DB(), fs.Arg(0))
	if err != nil {
		ws.Close()
		return nil, model.Council{}, err
	}
	return ws, c, nil
}

// councilRow is a council in `council list --json`.
type councilRow struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Level        string  `json:"level"`
	Jurisdiction string  `json:"jurisdiction"`
	SeatsPerSide int64   `json:"seats_per_side"`
	Seats        int64   `json:"seats"`
	Rule         string  `json:"rule"`
	ParityOK     *bool   `json:"parity_ok,omitempty"`
	RuleOK       bool    `json:"rule_ok"`
	Government   int64   `json:"government"`
	Civil        int64   `json:"civil"`
	Members      int64   `json:"members"`
	Vacancies    int64   `json:"vacancies"`
	CurrentTerm  *int64  `json:"current_term,omitempty"`
	Chair        string  `json:"chair,omitempty"`
	ViceChair    string  `json:"vice_chair,omitempty"`
	Share        float64 `json:"share,omitempty"`
}

func councilRowOf(q model.Querier, c model.Council, day time.Time) (councilRow, error) {
	st, err := councils.Check(q, c, day, 1)
	if err != nil {
		return councilRow{}, err
	}
	r := councilRow{ID: c.ID, Name: c.Name, Level: c.Level, Jurisdiction: c.Jurisdiction, SeatsPerSide: c.SeatsPerSide, Seats: councils.TotalSeats(c),
		Rule: c.Rule, RuleOK: st.RuleOK, Government: st.Government, Civil: st.Civil, Members: st.Total, Share: st.Share}
	if !councils.RuleOf(c).Cap {
		ok := st.ParityOK
		r.ParityOK = &ok
	}
	for _, v := range st.Vacancies {
		r.Vacancies += v.Missing
	}
	stored, err := councils.Terms(q, c.ID)
	if err != nil {
		return r, err
	}
	if k := councils.CurrentIndex(c, stored, day); k >= 0 {
		ts, err := councils.Schedule(q, c, k, 1)
		if err != nil {
			return r, err
		}
		r.CurrentTerm, r.Chair, r.ViceChair = &k, ts[0].Chair, ts[0].ViceChair
	}
	return r, nil
}

func cmdCouncilList(env *Env, args []string) error {
	fs, home := Flags("council list")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	cs, err := councils.List(ws.Store.DB())
	if err != nil {
		return err
	}
	rows := []councilRow{}
	for _, c := range cs {
		r, err := councilRowOf(ws.Store.DB(), c, today())
		if err != nil {
			return err
		}
		rows = append(rows, r)
	}
	if *asJSON {
		return env.JSON(rows)
	}
	if len(rows) == 0 {
		env.Printf("No councils yet: pacta council new --name N --seats-per-side K creates one.\n")
	}
	for _, r := range rows {
		state := "rule holds"
		if !r.RuleOK {
			state = "RULE BROKEN"
		}
		seats := fmt.Sprintf("%d government + %d civil of %d per side", r.Government, r.Civil, r.SeatsPerSide)
		if r.ParityOK == nil {
			seats = fmt.Sprintf("%d members of %d seats, %s", r.Members, r.Seats, r.Rule)
		}
		env.Printf("%-36s %-13s %s; %s\n", r.Name, r.Level, seats, state)
	}
	return nil
}

// settingsFlags defines the flags of a council's settings; the function it returns applies
// the flags given (and only those) to s.
func settingsFlags(fs *flag.FlagSet) func(s *councils.Settings) error {
	name := fs.String("name", "", "the council's name")
	level := fs.String("level", "", "neighbourhood, municipal (default) or regional")
	jur := fs.String("jurisdiction", "", "the territory it serves")
	purpose := fs.String("purpose", "", "what it is for")
	perSide := fs.Int64("seats-per-side", 0, "seats of each side (parity councils)")
	seats := fs.Int64("seats", 0, "all seats (a board under a cap rule)")
	years := fs.Int64("term-years", 0, "length of an officer term in years (default 2)")
	first := fs.String("first-chair", "", "side of the first Chair: government (default) or civil")
	founded := fs.String("founded", "", "founding date YYYY-MM-DD (default today)")
	rule := fs.String("rule", "", "parity (default) or cap:CATEGORY:PERCENT, e.g. cap:non-member:20")
	lot := fs.Bool("by-lot", false, "civil seats may be filled by a draw")
	quorum := fs.String("quorum", "", "each_side (a majority of each side, default) or all (a majority of all seats)")
	notes := fs.String("notes", "", "notes")
	return func(s *councils.Settings) error {
		set := given(fs)
		str := map[string]struct{ v, dst *string }{"name": {name, &s.Name}, "level": {level, &s.Level}, "jurisdiction": {jur, &s.Jurisdiction},
			"purpose": {purpose, &s.Purpose}, "first-chair": {first, &s.FirstChair}, "founded": {founded, &s.Founded}, "rule": {rule, &s.Rule},
			"quorum": {quorum, &s.Quorum}, "notes": {notes, &s.Notes}}
		for k, f := range str {
			if set[k] {
				*f.dst = *f.v
			}
		}
		if set["seats-per-side"] {
			s.SeatsPerSide = *perSide
		}
		if set["seats"] {
			s.Seats = *seats
		}
		if set["term-years"] {
			s.TermYears = *years
		}
		if set["by-lot"] {
			s.ByLot = *lot
		}
		return nil
	}
}

func cmdCouncilNew(env *Env, args []string) error {
	fs, home := Flags("council new")
	apply := settingsFlags(fs)
	asJSON := fs.Bool("json", false, "print the council as JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if fs.NArg() > 0 {
		return Usagef("council new takes no positional argument; give the name with --name")
	}
	s := councils.Settings{Founded: councils.Day(today())}
	if err := apply(&s); err != nil {
		return err
	}
	var c model.Council
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		c, err = councils.Create(tx, s)
		return err
	}); err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(c)
	}
	env.Printf("Council %s created (id %s)\n", c.Name, c.ID)
	return nil
}

func cmdCouncilSet(env *Env, args []string) error {
	fs, home := Flags("council set")
	apply := settingsFlags(fs)
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	s := councils.SettingsOf(c)
	if err := apply(&s); err != nil {
		return err
	}
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		c, err = councils.Edit(tx, c, s, today())
		return err
	}); err != nil {
		return err
	}
	env.Printf("Council %s updated\n", c.Name)
	return nil
}

// councilView is `council show --json`.
type councilView struct {
	model.Council
	Status     councils.Status          `json:"status"`
	Members    []model.CouncilMember    `json:"members"`
	Terms      []councils.Term          `json:"terms"`
	Selections []model.CouncilSelection `json:"selections"`
	Meetings   []meetingView            `json:"meetings"`
}

type meetingView struct {
	model.CouncilMeeting
	Quorum    councils.Quorum         `json:"quorum"`
	Decisions []model.CouncilDecision `json:"decisions"`
}

func cmdCouncilShow(env *Env, args []string) error {
	fs, home := Flags("council show")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	q := ws.Store.DB()
	v := councilView{Council: c}
	if v.Status, err = councils.Check(q, c, today(), 3); err != nil {
		return err
	}
	if v.Members, err = councils.Members(q, c.ID); err != nil {
		return err
	}
	stored, err := councils.Terms(q, c.ID)
	if err != nil {
		return err
	}
	cur := max(councils.CurrentIndex(c, stored, today()), 0)
	if v.Terms, err = councils.Schedule(q, c, max(cur-2, 0), min(cur, 2)+4); err != nil {
		return err
	}
	if v.Selections, err = councils.Selections(q, c.ID); err != nil {
		return err
	}
	ms, err := councils.Meetings(q, c.ID)
	if err != nil {
		return err
	}
	v.Meetings = []meetingView{}
	for _, m := range ms {
		ds, err := councils.Decisions(q, m.ID)
		if err != nil {
			return err
		}
		v.Meetings = append(v.Meetings, meetingView{CouncilMeeting: m, Quorum: councils.QuorumOf(c, v.Members, m), Decisions: ds})
	}
	if *asJSON {
		return env.JSON(v)
	}
	loc := i18n.In("en")
	env.Printf("%s (%s)\n", c.Name, c.Level)
	if c.Jurisdiction != "" {
		env.Printf("  jurisdiction: %s\n", c.Jurisdiction)
	}
	env.Printf("  founded: %s; officer terms of %d years\n", c.Founded, c.TermYears)
	env.Printf("  rule: %s\n  now: %s\n", councils.RuleText(loc, c), councils.StatusText(loc, c, v.Status))
	for _, vac := range v.Status.Vacancies {
		side := vac.Side
		if side == "" {
			side = "board"
		}
		env.Printf("  vacancy: %s side lacks %d member(s); terms affected: %s\n", side, vac.Missing, joinInts(vac.Terms))
	}
	env.Printf("Members:\n")
	for _, m := range v.Members {
		state := "since " + m.Designated
		if m.Ceased != "" {
			state += ", ceased " + m.Ceased
		}
		group := m.Side
		if group == "" {
			group = m.Category
		}
		env.Printf("  %-10s seat %d  %-28s %-28s %s (%s)\n", group, m.Seat, m.Name, m.Org, state, m.Mode)
	}
	env.Printf("Officer terms:\n")
	for _, t := range v.Terms {
		env.Printf("  %d  %s – %s  Chair: %s side %s, Vice Chair: %s\n", t.Index, t.Start, t.End, t.ChairSide, dash(t.Chair), dash(t.ViceChair))
	}
	for _, s := range v.Selections {
		env.Printf("Selection %s by %s: %s\n", s.Date, s.Method, strings.Join(councils.Lines(s.Result), ", "))
	}
	for _, m := range v.Meetings {
		q := "quorum"
		if !m.Quorum.OK {
			q = "NO QUORUM"
		}
		env.Printf("Meeting %s: %d present (%s), %d decision(s)\n", m.Date, m.Quorum.Total, q, len(m.Decisions))
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func joinInts(xs []int64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatInt(x, 10)
	}
	return strings.Join(parts, ", ")
}
