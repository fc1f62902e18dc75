// The council commands about members and officers: seating and ending a seat, the officer terms,
// what is due.

package app

import (
	"pacta/councils"
	"pacta/model"
)

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
