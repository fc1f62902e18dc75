package councils

import (
	"fmt"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// Term is one officer term of the schedule. End is inclusive: the day before the next
// term starts.
type Term struct {
	Index         int64  `json:"index"`
	Start         string `json:"start"`
	End           string `json:"end"`
	ChairSide     string `json:"chair_side"`
	ViceChairSide string `json:"vice_chair_side"`
	Chair         string `json:"chair,omitempty"` // names, when assigned
	ViceChair     string `json:"vice_chair,omitempty"`
	ChairID       string `json:"-"`
	ViceChairID   string `json:"-"`
	Stored        bool   `json:"-"` // written down (assigned, or begun before a change of settings)
}

// Status of a term on a given day.
func (t Term) Status(today time.Time) string {
	d := Day(today)
	switch {
	case d < t.Start:
		return "future"
	case d > t.End:
		return "past"
	}
	return "current"
}

// MaxAhead is how many terms after the current one officers can be assigned to.
const MaxAhead = 20

// computed is term k as the council's settings give it: AnchorStart plus (k − AnchorIndex)
// × TermYears years (AddDate: 29 February becomes 1 March in a common year), the Chair's
// side alternating from AnchorChair. Terms before the anchor were written down when the
// settings changed; one missing there is computed from the founding date.
func computed(c model.Council, k int64) Term {
	years := c.TermYears
	if years <= 0 {
		years = DefaultTermYears
	}
	anchorIdx, anchorStart, anchorChair := c.AnchorIndex, c.AnchorStart, c.AnchorChair
	if anchorStart == "" || k < anchorIdx {
		anchorIdx, anchorStart, anchorChair = 0, c.Founded, c.FirstChair
	}
	if anchorChair == "" {
		anchorChair = Government
	}
	base, err := ParseDate(anchorStart)
	if err != nil {
		base = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	n := int(k - anchorIdx)
	start := base.AddDate(n*int(years), 0, 0)
	next := base.AddDate((n+1)*int(years), 0, 0)
	side := anchorChair
	if n%2 != 0 {
		side = Other(anchorChair)
	}
	return Term{Index: k, Start: Day(start), End: Day(next.AddDate(0, 0, -1)), ChairSide: side, ViceChairSide: Other(side)}
}

// Schedule is the council's terms from index from, n of them, with the officers assigned
// and names resolved. Terms written down keep their own dates and sides.
func Schedule(q model.Querier, c model.Council, from, n int64) ([]Term, error) {
	stored, err := Terms(q, c.ID)
	if err != nil {
		return nil, err
	}
	members, err := Members(q, c.ID)
	if err != nil {
		return nil, err
	}
	return schedule(c, stored, members, from, n), nil
}

func schedule(c model.Council, stored []model.CouncilTerm, members []model.CouncilMember, from, n int64) []Term {
	if from < 0 {
		from = 0
	}
	byIndex := map[int64]model.CouncilTerm{}
	for _, t := range stored {
		byIndex[t.Index] = t
	}
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	out := make([]Term, 0, n)
	for k := from; k < from+n; k++ {
		t := computed(c, k)
		if s, ok := byIndex[k]; ok {
			t.Start, t.End, t.Stored = s.Start, s.End, true
			if s.ChairSide != "" {
				t.ChairSide, t.ViceChairSide = s.ChairSide, Other(s.ChairSide)
			}
			t.ChairID, t.ViceChairID = s.Chair, s.ViceChair
			t.Chair, t.ViceChair = names[s.Chair], names[s.ViceChair]
		}
		if RuleOf(c).Cap {
			t.ChairSide, t.ViceChairSide = "", "" // a board has no sides
		}
		out = append(out, t)
	}
	return out
}

// CurrentIndex is the index of the term that contains today; -1 before the founding.
func CurrentIndex(c model.Council, stored []model.CouncilTerm, today time.Time) int64 {
	d := Day(today)
	if d < c.Founded {
		return -1
	}
	byIndex := map[int64]model.CouncilTerm{}
	for _, t := range stored {
		byIndex[t.Index] = t
	}
	// Terms are years long: a guess from the years elapsed, then a walk to the right one.
	k := int64(0)
	for i := 0; i < 10000; i++ {
		t := computed(c, k)
		if s, ok := byIndex[k]; ok {
			t.Start, t.End = s.Start, s.End
		}
		if d < t.Start && k > 0 {
			k--
			continue
		}
		if d > t.End {
			k++
			continue
		}
		return k
	}
	return k
}

// reanchor writes down the terms begun on today under cur's settings and moves next's
// anchor to the first term not begun, so that a change of settings applies from there on.
// A term written down later, with officers, whose Chair side would change is refused.
func reanchor(tx *model.Tx, cur model.Council, next *model.Council, today time.Time) error {
	stored, err := Terms(tx, cur.ID)
	if err != nil {
		return err
	}
	byIndex := map[int64]model.CouncilTerm{}
	for _, t := range stored {
		byIndex[t.Index] = t
	}
	current := CurrentIndex(cur, stored, today)
	firstOpen := current + 1 // the first term not begun
	anchor := cur.AnchorIndex
	if cur.AnchorStart == "" {
		anchor = 0
	}
	if firstOpen <= 0 || firstOpen <= anchor {
		if anchor == 0 {
			next.AnchorIndex, next.AnchorStart, next.AnchorChair = 0, next.Founded, next.FirstChair
		} else {
			next.AnchorIndex, next.AnchorStart, next.AnchorChair = cur.AnchorIndex, cur.AnchorStart, cur.AnchorChair
		}
	} else {
		for k := anchor; k < firstOpen; k++ {
			if _, ok := byIndex[k]; ok {
				continue
			}
			t := computed(cur, k)
			if err := tx.Put(&model.CouncilTerm{CouncilID: cur.ID, Index: k, Start: t.Start, End: t.End, ChairSide: t.ChairSide}); err != nil {
				return fmt.Errorf("write term %d: %w", k, err)
			}
		}
		t := computed(cur, firstOpen)
		if s, ok := byIndex[firstOpen-1]; ok && s.End != "" {
			// The begun term keeps its end: the next starts the day after.
			end, _ := ParseDate(s.End)
			t.Start = Day(end.AddDate(0, 0, 1))
			if s.ChairSide != "" {
				t.ChairSide = Other(s.ChairSide)
			}
		}
		next.AnchorIndex, next.AnchorStart, next.AnchorChair = firstOpen, t.Start, t.ChairSide
	}
	// Later terms written down (officers assigned) follow the new settings.
	for _, s := range stored {
		if s.Index < next.AnchorIndex {
			continue
		}
		t := computed(*next, s.Index)
		if t.ChairSide != s.ChairSide && (s.Chair != "" || s.ViceChair != "") {
			return errs.E("edit council", errs.Conflict, errs.Key("council.error.reanchor_officers"), map[string]any{"Term": s.Index})
		}
		edited := s
		edited.Start, edited.End, edited.ChairSide = t.Start, t.End, t.ChairSide
		if edited != s {
			if err := tx.PutEdit(&s, &edited); err != nil {
				return err
			}
		}
	}
	return nil
}

// AssignOfficers names the Chair and the Vice Chair of term k. Each must be a member
// active on the term's start, the Chair from the side whose turn it is and the Vice Chair
// from the other (a board has no sides: any two active members).
func AssignOfficers(tx *model.Tx, c model.Council, k int64, chair, vice string, today time.Time) (Term, error) {
	const op = "assign officers"
	stored, err := Terms(tx, c.ID)
	if err != nil {
		return Term{}, err
	}
	current := CurrentIndex(c, stored, today)
	if k < 0 || k > current+MaxAhead {
		return Term{}, errs.E(op, errs.Invalid, errs.Key("council.error.term_index"), map[string]any{"Term": k, "Max": max(current, 0) + MaxAhead})
	}
	members, err := Members(tx, c.ID)
	if err != nil {
		return Term{}, err
	}
	t := schedule(c, stored, members, k, 1)[0]
	ch, err := activeNamed(members, chair, t.Start)
	if err != nil {
		return t, errs.E(op, err)
	}
	vc, err := activeNamed(members, vice, t.Start)
	if err != nil {
		return t, errs.E(op, err)
	}
	if ch.ID == vc.ID {
		return t, errs.E(op, errs.Invalid, errs.Key("council.error.officers_same_person"), map[string]any{"Name": ch.Name})
	}
	if !RuleOf(c).Cap {
		if ch.Side == vc.Side {
			return t, errs.E(op, errs.Invalid, errs.Key("council.error.officers_same_side"),
				map[string]any{"Chair": ch.Name, "Vice": vc.Name, "Side": sideWord(ch.Side)})
		}
		if ch.Side != t.ChairSide {
			return t, errs.E(op, errs.Invalid, errs.Key("council.error.chair_turn"),
				map[string]any{"Term": k, "Side": sideWord(t.ChairSide), "Name": ch.Name})
		}
	}
	var row model.CouncilTerm
	found := false
	for _, s := range stored {
		if s.Index == k {
			row, found = s, true
			break
		}
	}
	edited := row
	edited.CouncilID, edited.Index, edited.Start, edited.End, edited.ChairSide = c.ID, k, t.Start, t.End, t.ChairSide
	edited.Chair, edited.ViceChair = ch.ID, vc.ID
	if found {
		err = tx.PutEdit(&row, &edited)
	} else {
		err = tx.Put(&edited)
	}
	if err != nil {
		return t, fmt.Errorf("%s: %w", op, err)
	}
	t.ChairID, t.ViceChairID, t.Chair, t.ViceChair, t.Stored = ch.ID, vc.ID, ch.Name, vc.Name, true
	return t, nil
}

// sideWord is a side as an error's field: its translation key, which the window and the
// command line both render in their reader's words.
func sideWord(side string) errs.Key { return errs.Key("council.side." + side) }

// ActiveOn reports whether m holds a seat on day d.
func ActiveOn(m model.CouncilMember, d string) bool {
	return !m.Deleted && m.Designated <= d && (m.Ceased == "" || m.Ceased > d)
}

// activeNamed finds the member named name (folded) active on day d.
func activeNamed(members []model.CouncilMember, name, d string) (model.CouncilMember, error) {
	var seen *model.CouncilMember
	for i, m := range members {
		if foldName(m.Name) != foldName(name) {
			continue
		}
		if ActiveOn(m, d) {
			return m, nil
		}
		seen = &members[i]
	}
	if seen != nil {
		return model.CouncilMember{}, errs.E(errs.Invalid, errs.Key("council.error.member_not_active"), map[string]any{"Name": seen.Name, "Date": d})
	}
	return model.CouncilMember{}, errs.E(errs.NotFound, errs.Key("council.error.member_not_found"), map[string]any{"Name": name})
}
