package councils

import (
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// NewMember is what `council member add` and the member form give.
type NewMember struct {
	Name          string
	Side          string // government, civil; "" on a board
	Category      string // a board's category
	Org           string // the nominating organisation (civil members)
	Designated    string
	Mode          string // appointed (default), elected, lot
	SubstituteFor string // the name of the member replaced
	SelectionID   string
}

// AddMember seats a person on a council. The same person (name folded for case and
// accents) cannot hold two seats at once, least of all one on each side; a substitute
// takes the side of the member replaced.
func AddMember(tx *model.Tx, c model.Council, n NewMember) (model.CouncilMember, error) {
	const op = "add member"
	n.Name = strings.Join(strings.Fields(n.Name), " ")
	n.Org = strings.TrimSpace(n.Org)
	n.Category = strings.TrimSpace(n.Category)
	if n.Name == "" {
		return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.member_name_required"))
	}
	board := RuleOf(c).Cap
	if board {
		n.Side = ""
		if n.Category == "" {
			return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.category_required"), map[string]any{"Category": RuleOf(c).Category})
		}
	} else if !oneOf(n.Side, Sides) {
		return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.side"), map[string]any{"Value": n.Side})
	}
	if n.Mode == "" {
		n.Mode = "appointed"
	}
	if !oneOf(n.Mode, Modes) {
		return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.mode"), map[string]any{"Value": n.Mode})
	}
	if _, err := ParseDate(n.Designated); err != nil {
		return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.designated"), map[string]any{"Value": n.Designated})
	}
	n.Designated = strings.TrimSpace(n.Designated)
	members, err := Members(tx, c.ID)
	if err != nil {
		return model.CouncilMember{}, err
	}
	var sub model.CouncilMember
	if strings.TrimSpace(n.SubstituteFor) != "" {
		found := false
		for _, m := range members {
			if foldName(m.Name) == foldName(n.SubstituteFor) {
				sub, found = m, true // the latest seat of that name (members are by designation)
			}
		}
		if !found {
			return model.CouncilMember{}, errs.E(op, errs.NotFound, errs.Key("council.error.member_not_found"), map[string]any{"Name": n.SubstituteFor})
		}
		if !board && sub.Side != n.Side {
			return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.substitute_side."+sub.Side), map[string]any{"Name": sub.Name})
		}
	}
	for _, m := range members {
		if foldName(m.Name) != foldName(n.Name) || (m.Ceased != "" && m.Ceased <= n.Designated) {
			continue
		}
		if !board && m.Side != n.Side {
			return model.CouncilMember{}, errs.E(op, errs.Conflict, errs.Key("council.error.both_sides."+m.Side), map[string]any{"Name": m.Name})
		}
		return model.CouncilMember{}, errs.E(op, errs.Conflict, errs.Key("council.error.already_member"), map[string]any{"Name": m.Name})
	}
	m := model.CouncilMember{CouncilID: c.ID, Name: n.Name, Side: n.Side, Category: n.Category, Org: n.Org, Designated: n.Designated,
		Mode: n.Mode, SelectionID: n.SelectionID, SubstituteFor: sub.ID}
	m.Seat = freeSeat(members, m.Side, sub, n.Designated)
	// Every seat taken on that day: a member more would break the parity the council is
	// made of (the screen then said "4 of 3 seats taken" and parity broken).
	if seats := seatsOf(c, m.Side); seats > 0 && m.Seat > seats {
		key := "council.error.seats_full"
		if !board {
			key = "council.error.side_full." + m.Side
		}
		return model.CouncilMember{}, errs.E(op, errs.Conflict, errs.Key(key), map[string]any{"Count": seats, "Name": n.Name})
	}
	if err := tx.Put(&m); err != nil {
		return m, fmt.Errorf("%s: %w", op, err)
	}
	return m, nil
}

// freeSeat is the seat a new member takes: the seat of the member substituted, else the
// lowest seat of the side nobody holds on day d.
func freeSeat(members []model.CouncilMember, side string, sub model.CouncilMember, d string) int64 {
	if sub.ID != "" && sub.Seat > 0 {
		return sub.Seat
	}
	taken := map[int64]bool{}
	for _, m := range members {
		if m.Side == side && ActiveOn(m, d) {
			taken[m.Seat] = true
		}
	}
	for s := int64(1); ; s++ {
		if !taken[s] {
			return s
		}
	}
}

// Cease ends a member's seat on date, with a reason.
func Cease(tx *model.Tx, c model.Council, name, date, reason string) (model.CouncilMember, error) {
	const op = "cease member"
	d, err := ParseDate(date)
	if err != nil {
		return model.CouncilMember{}, errs.E(op, errs.Invalid, errs.Key("council.error.ceased_date"), map[string]any{"Value": date})
	}
	members, err := Members(tx, c.ID)
	if err != nil {
		return model.CouncilMember{}, err
	}
	var m *model.CouncilMember
	for i := range members {
		if foldName(members[i].Name) == foldName(name) && members[i].Ceased == "" {
			m = &members[i]
		}
	}
	if m == nil {
		return model.CouncilMember{}, errs.E(op, errs.NotFound, errs.Key("council.error.no_active_member"), map[string]any{"Name": strings.TrimSpace(name)})
	}
	if Day(d) < m.Designated {
		return *m, errs.E(op, errs.Invalid, errs.Key("council.error.ceased_before_designated"),
			map[string]any{"Name": m.Name, "Date": Day(d), "Designated": m.Designated})
	}
	edited := *m
	edited.Ceased, edited.CeasedReason = Day(d), strings.TrimSpace(reason)
	if err := tx.PutEdit(m, &edited); err != nil {
		return *m, fmt.Errorf("%s: %w", op, err)
	}
	return edited, nil
}

// seatsOf is how many seats a side has (a board under a cap rule: all its seats); 0 when
// the council does not say.
func seatsOf(c model.Council, side string) int64 {
	if RuleOf(c).Cap || side == "" {
		return c.Seats
	}
	return c.SeatsPerSide
}
