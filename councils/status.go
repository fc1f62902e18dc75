package councils

import (
	"time"

	"pacta/model"
)

// Vacancy is a side (or a board) with fewer members than seats, and the terms it affects:
// those of the schedule from the current one on whose start finds the seats short.
type Vacancy struct {
	Side    string  `json:"side,omitempty"`
	Missing int64   `json:"missing"`
	Terms   []int64 `json:"terms"`
}

// Status is a council's composition on a day: who sits on each side, whether the rule
// holds, and the vacancies.
type Status struct {
	Government int64     `json:"government"`
	Civil      int64     `json:"civil"`
	Total      int64     `json:"total"`
	Capped     int64     `json:"capped,omitempty"` // members of the cap's category
	Share      float64   `json:"share,omitempty"`  // their share of the members, in percent
	ParityOK   bool      `json:"parity_ok"`
	RuleOK     bool      `json:"rule_ok"`
	Over       bool      `json:"over,omitempty"` // more members than seats
	Vacancies  []Vacancy `json:"vacancies"`
}

// Composition is the status of c on day d given its members (no terms).
func Composition(c model.Council, members []model.CouncilMember, d string) Status {
	var s Status
	rule := RuleOf(c)
	for _, m := range members {
		if !ActiveOn(m, d) {
			continue
		}
		s.Total++
		switch m.Side {
		case Government:
			s.Government++
		case Civil:
			s.Civil++
		}
		if rule.Cap && foldName(m.Category) == foldName(rule.Category) {
			s.Capped++
		}
	}
	if rule.Cap {
		s.ParityOK = true
		if s.Total > 0 {
			s.Share = 100 * float64(s.Capped) / float64(s.Total)
		}
		// At most Percent % of the board: on 5 seats at 20%, one director.
		s.RuleOK = float64(s.Capped)*100 <= rule.Percent*float64(s.Total)+1e-9
		s.Over = s.Total > c.Seats
	} else {
		s.ParityOK = s.Government == s.Civil
		s.Over = s.Government > c.SeatsPerSide || s.Civil > c.SeatsPerSide
		s.RuleOK = s.ParityOK
	}
	if s.Over {
		s.RuleOK = false
	}
	return s
}

// Check is a council's status today, with the vacancies over the next terms.
func Check(q model.Querier, c model.Council, today time.Time, terms int64) (Status, error) {
	members, err := Members(q, c.ID)
	if err != nil {
		return Status{}, err
	}
	stored, err := Terms(q, c.ID)
	if err != nil {
		return Status{}, err
	}
	s := Composition(c, members, Day(today))
	cur := max(CurrentIndex(c, stored, today), 0)
	sched := schedule(c, stored, members, cur, terms)
	sides := Sides
	if RuleOf(c).Cap {
		sides = []string{""}
	}
	for _, side := range sides {
		seats := c.SeatsPerSide
		if side == "" {
			seats = c.Seats
		}
		v := Vacancy{Side: side}
		for i, t := range sched {
			d := t.Start
			if i == 0 && Day(today) > d {
				d = Day(today)
			}
			n := int64(0)
			for _, m := range members {
				if (side == "" || m.Side == side) && ActiveOn(m, d) {
					n++
				}
			}
			if n < seats {
				v.Terms = append(v.Terms, t.Index)
				if i == 0 {
					v.Missing = seats - n
				}
			}
		}
		if len(v.Terms) > 0 {
			if v.Missing == 0 {
				v.Missing = 1
			}
			s.Vacancies = append(s.Vacancies, v)
		}
	}
	if s.Vacancies == nil {
		s.Vacancies = []Vacancy{}
	}
	return s, nil
}

// WarnDays is how long before a term ends the council is warned.
const WarnDays = 60

// Due is a warning about a council: a term ending soon (its next officers are then named
// or not), a composition that breaks the rule, a vacancy.
type Due struct {
	CouncilID string `json:"council_id"`
	Council   string `json:"council"`
	Kind      string `json:"kind"` // term_ends, rule_broken, vacancy
	Date      string `json:"date,omitempty"`
	Days      int    `json:"days,omitempty"`
	Term      int64  `json:"term"`
	Side      string `json:"side,omitempty"`
	Missing   int64  `json:"missing,omitempty"`
	// NextAssigned says whether the next term's officers are named (term_ends).
	NextAssigned bool `json:"next_assigned,omitempty"`
}

// DueAll lists the warnings of every council on today.
func DueAll(q model.Querier, today time.Time) ([]Due, error) {
	cs, err := List(q)
	if err != nil {
		return nil, err
	}
	out := []Due{}
	for _, c := range cs {
		ds, err := DueOf(q, c, today)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

// DueOf lists one council's warnings on today.
func DueOf(q model.Querier, c model.Council, today time.Time) ([]Due, error) {
	var out []Due
	st, err := Check(q, c, today, 2)
	if err != nil {
		return nil, err
	}
	stored, err := Terms(q, c.ID)
	if err != nil {
		return nil, err
	}
	cur := CurrentIndex(c, stored, today)
	if cur >= 0 {
		members, err := Members(q, c.ID)
		if err != nil {
			return nil, err
		}
		ts := schedule(c, stored, members, cur, 2)
		end, _ := ParseDate(ts[0].End)
		days := int(end.Sub(dayOf(today)).Hours()/24) + 1
		if days <= WarnDays {
			out = append(out, Due{CouncilID: c.ID, Council: c.Name, Kind: "term_ends", Date: ts[0].End, Days: days, Term: cur,
				NextAssigned: ts[1].ChairID != "" && ts[1].ViceChairID != ""})
		}
	}
	if !st.RuleOK {
		out = append(out, Due{CouncilID: c.ID, Council: c.Name, Kind: "rule_broken", Term: max(cur, 0)})
	}
	for _, v := range st.Vacancies {
		if len(v.Terms) > 0 && v.Terms[0] == max(cur, 0) {
			out = append(out, Due{CouncilID: c.ID, Council: c.Name, Kind: "vacancy", Side: v.Side, Missing: v.Missing, Term: v.Terms[0]})
		}
	}
	return out, nil
}

// dayOf is the start of t's day in UTC, as dates are stored.
func dayOf(t time.Time) time.Time {
	d, _ := ParseDate(Day(t))
	return d
}
