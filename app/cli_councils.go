// The council commands: joint municipal/civil councils, their members, officers, draws,
// meetings and documents.

package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
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

func cmdCouncilMemberAdd(env *Env, args []string) error {
	fs, home := Flags("council member add")
	var n councils.NewMember
	fs.StringVar(&n.Name, "name", "", "the member's name")
	fs.StringVar(&n.Side, "side", "", "government or civil")
	fs.StringVar(&n.Category, "category", "", "category on a board under a cap rule (member, non-member…)")
	fs.StringVar(&n.Org, "org", "", "nominating organisation (civil members)")
	fs.StringVar(&n.Designated, "designated", "", "date of designation YYYY-MM-DD (default today)")
	fs.StringVar(&n.Mode, "mode", "", "appointed (default), elected or lot")
	fs.StringVar(&n.SubstituteFor, "substitute-for", "", "the member this one replaces")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if n.Designated == "" {
		n.Designated = councils.Day(today())
	}
	var m model.CouncilMember
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		m, err = councils.AddMember(tx, c, n)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: %s seated (seat %d)\n", c.Name, m.Name, m.Seat)
	return nil
}

func cmdCouncilMemberCease(env *Env, args []string) error {
	fs, home := Flags("council member cease")
	name := fs.String("name", "", "the member's name")
	date := fs.String("date", "", "the date the seat ends, YYYY-MM-DD (default today)")
	reason := fs.String("reason", "", "why the seat ends")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *date == "" {
		*date = councils.Day(today())
	}
	var m model.CouncilMember
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		m, err = councils.Cease(tx, c, *name, *date, *reason)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: %s's seat ends on %s\n", c.Name, m.Name, m.Ceased)
	return nil
}

func cmdCouncilSchedule(env *Env, args []string) error {
	fs, home := Flags("council schedule")
	n := fs.Int64("terms", 10, "how many terms")
	from := fs.Int64("from", 0, "the first term's index (0 is the founding term)")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *n < 1 || *n > 200 || *from < 0 {
		return Usagef("--terms takes 1 to 200 and --from 0 or more")
	}
	ts, err := councils.Schedule(ws.Store.DB(), c, *from, *n)
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(ts)
	}
	day := today()
	for _, t := range ts {
		env.Printf("%3d  %s – %s  %-8s Chair from %-10s %s / %s\n", t.Index, t.Start, t.End, t.Status(day), t.ChairSide, dash(t.Chair), dash(t.ViceChair))
	}
	return nil
}

func cmdCouncilOfficers(env *Env, args []string) error {
	fs, home := Flags("council officers")
	term := fs.Int64("term", -1, "the term's index (pacta council schedule shows them)")
	chair := fs.String("chair", "", "the Chair's name")
	vice := fs.String("vice", "", "the Vice Chair's name")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if !given(fs)["term"] {
		return Usagef("give the term with --term K (pacta council schedule shows them)")
	}
	var t councils.Term
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		t, err = councils.AssignOfficers(tx, c, *term, *chair, *vice, today())
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s, term %d (%s – %s): Chair %s, Vice Chair %s\n", c.Name, t.Index, t.Start, t.End, t.Chair, t.ViceChair)
	return nil
}

func cmdCouncilDraw(env *Env, args []string) error {
	fs, home := Flags("council draw")
	seats := fs.Int("seats", 0, "how many seats to fill")
	seed := fs.String("seed", "", "the public seed, e.g. the date and a number drawn before witnesses")
	cands := fs.String("candidates", "", "CSV of candidates: name, org and attribute columns")
	var quotas multi
	fs.Var(&quotas, "quota", "a quota FIELD=VALUE:MIN:MAX (repeatable)")
	date := fs.String("date", "", "the draw's date YYYY-MM-DD (default today)")
	verify := fs.String("verify", "", "re-run a draw record (JSON) and confirm its panel")
	asJSON := fs.Bool("json", false, "print the record as JSON")
	if err := Parse(fs, args); err != nil {
		return err
	}
	if *verify != "" {
		data, err := os.ReadFile(*verify)
		if err != nil {
			return fmt.Errorf("council draw: %w", err)
		}
		d, same, err := councils.Verify(data)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := env.JSON(map[string]any{"verified": same, "selected": d.Selected}); err != nil {
				return err
			}
		} else if same {
			env.Printf("Verified: the seed %q gives the same panel: %s\n", d.Seed, strings.Join(d.Selected, ", "))
		}
		if !same {
			return fmt.Errorf("council draw: the record does not verify: its seed gives %s", strings.Join(d.Selected, ", "))
		}
		return nil
	}
	ws, c, err := openCouncil(env, fs, home)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *cands == "" {
		return Usagef("give the candidates with --candidates FILE.csv (columns name, org and any attributes)")
	}
	f, err := os.Open(*cands)
	if err != nil {
		return fmt.Errorf("council draw: %w", err)
	}
	defer f.Close()
	people, err := councils.ReadCandidates(f)
	if err != nil {
		return err
	}
	var qs []councils.Quota
	for _, s := range quotas {
		q, err := councils.ParseQuota(s)
		if err != nil {
			return err
		}
		qs = append(qs, q)
	}
	d, err := councils.RunDraw(*seed, *seats, qs, people)
	if err != nil {
		return err
	}
	if *date == "" {
		*date = councils.Day(today())
	}
	var s model.CouncilSelection
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		s, err = councils.SaveDraw(tx, c, d, *date)
		return err
	}); err != nil {
		return err
	}
	if *asJSON {
		_, err := fmt.Fprintln(env.Stdout, s.Record)
		return err
	}
	env.Printf("Drawn for %s (%d seats among %d candidates, attempt %d):\n", c.Name, d.Seats, len(d.Candidates), d.Attempts)
	for _, n := range d.Selected {
		env.Printf("  %s\n", n)
	}
	env.Printf("Record kept; print it with: pacta council pdf %q --doc draw -o draw.pdf\n", c.Name)
	return nil
}

func cmdCouncilSelectionAdd(env *Env, args []string) error {
	fs, home := Flags("council selection add")
	var orgs, cands, elected multi
	date := fs.String("date", "", "the selection's date YYYY-MM-DD")
	seats := fs.Int64("seats", 0, "seats filled (default: the number elected)")
	fs.Var(&orgs, "org", "an organisation that took part (repeatable)")
	fs.Var(&cands, "candidate", "a candidate and their votes, NAME=VOTES (repeatable)")
	fs.Var(&elected, "elected", "a person elected (repeatable)")
	notes := fs.String("notes", "", "notes")
	minutes := fs.String("minutes", "", "the minutes of the selection (a scan or a PDF), kept with the record")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	v := councils.Vote{Date: *date, Seats: *seats, Organisations: orgs, Elected: elected, Notes: *notes}
	for _, s := range cands {
		name, votes, _ := strings.Cut(s, "=")
		n, err := strconv.ParseInt(strings.TrimSpace(votes), 10, 64)
		if votes == "" {
			n, err = 0, nil
		}
		if err != nil {
			return Usagef("--candidate %q: write NAME=VOTES, e.g. \"Rosa Amato=14\"", s)
		}
		v.Candidates = append(v.Candidates, councils.VoteCount{Name: name, Votes: n})
	}
	var sel model.CouncilSelection
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		sel, err = councils.RecordVote(tx, c, v)
		return err
	}); err != nil {
		return err
	}
	env.Printf("%s: selection of %s recorded\n", c.Name, *date)
	if *minutes != "" {
		att, err := councils.AttachMinutes(env.Ctx, ws.Store, ws.Blobs, sel.ID, *minutes)
		if err != nil {
			return err
		}
		env.Printf("minutes %s attached (%d bytes)\n", att.Name, att.Size)
	}
	return nil
}

// readDecisions reads a decision file: JSON (a list of {text, gov_for, …}) or plain text,
// one decision per paragraph.
func readDecisions(path string) ([]councils.NewDecision, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	if strings.HasPrefix(strings.TrimSpace(string(data)), "[") {
		var tagged []map[string]any
		if err := json.Unmarshal(data, &tagged); err != nil {
			return nil, Usagef("%s: not a JSON list of decisions: %v", path, err)
		}
		out := make([]councils.NewDecision, len(tagged))
		for i, t := range tagged {
			num := func(k string) int64 {
				if f, ok := t[k].(float64); ok {
					return int64(f)
				}
				return 0
			}
			text, _ := t["text"].(string)
			out[i] = councils.NewDecision{Text: text, GovFor: num("gov_for"), GovAgainst: num("gov_against"), GovAbstain: num("gov_abstain"),
				CivilFor: num("civil_for"), CivilAgainst: num("civil_against"), CivilAbstain: num("civil_abstain")}
		}
		return out, nil
	}
	var out []councils.NewDecision
	for _, p := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, councils.NewDecision{Text: p})
		}
	}
	return out, nil
}

func cmdCouncilMeetingAdd(env *Env, args []string) error {
	fs, home := Flags("council meeting add")
	date := fs.String("date", "", "the meeting's date YYYY-MM-DD")
	agendaFile := fs.String("agenda-file", "", "a text file with the agenda")
	agenda := fs.String("agenda", "", "the agenda as text (instead of --agenda-file)")
	var present multi
	fs.Var(&present, "present", "a member present (repeatable)")
	decisions := fs.String("decision-file", "", "decisions: text, one per paragraph, or JSON with votes by side")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	n := councils.NewMeeting{Date: *date, Agenda: *agenda, Present: present}
	if *agendaFile != "" {
		b, err := os.ReadFile(*agendaFile)
		if err != nil {
			return fmt.Errorf("council meeting add: %w", err)
		}
		n.Agenda = string(b)
	}
	if *decisions != "" {
		if n.Decisions, err = readDecisions(*decisions); err != nil {
			return err
		}
	}
	var m model.CouncilMeeting
	var members []model.CouncilMember
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		if m, err = councils.AddMeeting(tx, c, n); err != nil {
			return err
		}
		members, err = councils.Members(tx, c.ID)
		return err
	}); err != nil {
		return err
	}
	q := councils.QuorumOf(c, members, m)
	state := "quorum reached"
	if !q.OK {
		state = "WITHOUT QUORUM"
	}
	env.Printf("%s: meeting of %s recorded, %d present (government %d, civil %d): %s\n", c.Name, m.Date, q.Total, q.Government, q.Civil, state)
	return nil
}

func cmdCouncilPDF(env *Env, args []string) error {
	fs, home := Flags("council pdf")
	doc := fs.String("doc", "roster", "roster, draw or minutes")
	meeting := fs.String("meeting", "", "the meeting's date (minutes; default the latest)")
	selection := fs.String("selection", "", "the selection's date (draw; default the latest)")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the document (default the workspace's)")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	if *lang == "" {
		*lang = ws.Language()
	}
	q := ws.Store.DB()
	var b []byte
	switch *doc {
	case councils.DocRoster:
		b, err = councils.RosterPDF(q, c, *lang, today())
	case councils.DocDraw:
		ss, err2 := councils.Selections(q, c.ID)
		if err2 != nil {
			return err2
		}
		var pick *model.CouncilSelection
		for i := range ss {
			if *selection == "" || ss[i].Date == *selection {
				pick = &ss[i]
				break
			}
		}
		if pick == nil {
			return Usagef("%s has no selection record%s: record one with pacta council draw or pacta council selection add", c.Name, onDate(*selection))
		}
		b, err = councils.DrawPDF(q, c, *pick, *lang, today())
	case councils.DocMinutes:
		ms, err2 := councils.Meetings(q, c.ID)
		if err2 != nil {
			return err2
		}
		var pick *model.CouncilMeeting
		for i := range ms {
			if *meeting == "" || ms[i].Date == *meeting {
				pick = &ms[i]
				break
			}
		}
		if pick == nil {
			return Usagef("%s has no meeting%s: record one with pacta council meeting add", c.Name, onDate(*meeting))
		}
		b, err = councils.MinutesPDF(q, c, *pick, *lang, today())
	default:
		return Usagef("--doc takes %s", strings.Join(councils.Docs, ", "))
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("council pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}

func onDate(d string) string {
	if d == "" {
		return ""
	}
	return " on " + d
}

func cmdCouncilDue(env *Env, args []string) error {
	fs, home := Flags("council due")
	asJSON := fs.Bool("json", false, "print JSON")
	ws, err := env.ParseOpen(fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	ds, err := councils.DueAll(ws.Store.DB(), today())
	if err != nil {
		return err
	}
	if *asJSON {
		return env.JSON(ds)
	}
	if len(ds) == 0 {
		env.Printf("Nothing due: every council's rule holds and no term ends within %d days.\n", councils.WarnDays)
	}
	for _, d := range ds {
		switch d.Kind {
		case "term_ends":
			next := "its officers are not named yet"
			if d.NextAssigned {
				next = "its officers are named"
			}
			env.Printf("%s: term %d ends on %s (in %d days); the next term: %s\n", d.Council, d.Term, d.Date, d.Days, next)
		case "rule_broken":
			env.Printf("%s: the composition rule is broken\n", d.Council)
		case "vacancy":
			side := d.Side
			if side == "" {
				side = "the board"
			}
			env.Printf("%s: %d seat(s) vacant on the %s side\n", d.Council, d.Missing, side)
		}
	}
	return nil
}
