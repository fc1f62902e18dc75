// Package councils keeps joint municipal/civil councils (DESIGN §6): parity between the
// government and civil sides or a cap on one category's share, members from designation
// to cessation, the Chair / Vice Chair rotation, civil selection by vote or by a
// reproducible draw, and meetings with quorum by side. Its rules and queries live here;
// the records and the one write path are in model.
package councils

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/internal/fold"
	"pacta/model"
)

// Sides of a parity council.
const (
	Government = "government"
	Civil      = "civil"
)

// Sides lists the sides in the order the window shows them.
var Sides = []string{Government, Civil}

// Levels of a council.
var Levels = []string{"neighbourhood", "municipal", "regional"}

// Designation modes of a member.
var Modes = []string{"appointed", "elected", "lot"}

// Quorum rules: a majority of each side's seats present, or a majority of all seats.
const (
	QuorumEachSide = "each_side"
	QuorumAll      = "all"
)

// Quorums lists the quorum rules.
var Quorums = []string{QuorumEachSide, QuorumAll}

// DefaultTermYears is the book's officer term: "a term of two years".
const DefaultTermYears = 2

// dateLayout is how dates are stored.
const dateLayout = "2006-01-02"

// Day writes t as a stored date.
func Day(t time.Time) string { return t.Format(dateLayout) }

// ParseDate reads a stored date.
func ParseDate(s string) (time.Time, error) { return time.Parse(dateLayout, strings.TrimSpace(s)) }

// Other is the other side.
func Other(side string) string {
	if side == Government {
		return Civil
	}
	return Government
}

// Rule is a council's composition rule: parity between the two sides, or at most
// Percent % of the seats held by members of Category (a board has no sides).
type Rule struct {
	Cap      bool
	Category string
	Percent  float64
}

// ParseRule reads "parity" (or "") and "cap:CATEGORY:PERCENT".
func ParseRule(s string) (Rule, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "parity") {
		return Rule{}, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) == 3 && strings.EqualFold(parts[0], "cap") && strings.TrimSpace(parts[1]) != "" {
		p, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(parts[2]), "%"), 64)
		if err == nil && p >= 0 && p < 100 {
			return Rule{Cap: true, Category: strings.TrimSpace(parts[1]), Percent: p}, nil
		}
	}
	return Rule{}, errs.E("council rule", errs.Invalid, errs.Key("council.error.rule"), map[string]any{"Value": s})
}

func (r Rule) String() string {
	if !r.Cap {
		return "parity"
	}
	return "cap:" + r.Category + ":" + strconv.FormatFloat(r.Percent, 'f', -1, 64)
}

// RuleOf is the council's rule; a damaged value reads as parity.
func RuleOf(c model.Council) Rule {
	r, err := ParseRule(c.Rule)
	if err != nil {
		return Rule{}
	}
	return r
}

// TotalSeats is the number of seats of a council.
func TotalSeats(c model.Council) int64 {
	if RuleOf(c).Cap {
		return c.Seats
	}
	return 2 * c.SeatsPerSide
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Settings are what a council's form and `council new/set` edit.
type Settings struct {
	Name         string
	Level        string
	Jurisdiction string
	Purpose      string
	SeatsPerSide int64
	Seats        int64 // boards (cap rule)
	TermYears    int64
	FirstChair   string
	Founded      string
	Rule         string
	ByLot        bool
	Quorum       string
	Notes        string
}

// SettingsOf reads a council's settings.
func SettingsOf(c model.Council) Settings {
	return Settings{Name: c.Name, Level: c.Level, Jurisdiction: c.Jurisdiction, Purpose: c.Purpose, SeatsPerSide: c.SeatsPerSide,
		Seats: c.Seats, TermYears: c.TermYears, FirstChair: c.FirstChair, Founded: c.Founded, Rule: c.Rule, ByLot: c.ByLot,
		Quorum: c.Quorum, Notes: c.Notes}
}

// check validates and normalises settings; op names the operation for the error.
func (s *Settings) check(op string) error {
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	s.Jurisdiction = strings.TrimSpace(s.Jurisdiction)
	s.Purpose = strings.TrimSpace(s.Purpose)
	if s.Name == "" {
		return errs.E(op, errs.Invalid, errs.Key("council.error.name_required"))
	}
	if s.Level == "" {
		s.Level = "municipal"
	}
	if !oneOf(s.Level, Levels) {
		return errs.E(op, errs.Invalid, errs.Key("council.error.level"), map[string]any{"Value": s.Level, "Values": strings.Join(Levels, ", ")})
	}
	rule, err := ParseRule(s.Rule)
	if err != nil {
		return errs.E(op, err)
	}
	s.Rule = rule.String()
	if rule.Cap {
		if s.Seats <= 0 {
			s.Seats = 2 * s.SeatsPerSide
		}
		s.SeatsPerSide = 0
		if s.Seats <= 0 || s.Seats > 500 {
			return errs.E(op, errs.Invalid, errs.Key("council.error.seats"), map[string]any{"Value": s.Seats})
		}
	} else {
		s.Seats = 0
		if s.SeatsPerSide <= 0 || s.SeatsPerSide > 250 {
			return errs.E(op, errs.Invalid, errs.Key("council.error.seats_per_side"), map[string]any{"Value": s.SeatsPerSide})
		}
	}
	if s.TermYears == 0 {
		s.TermYears = DefaultTermYears
	}
	if s.TermYears < 1 || s.TermYears > 10 {
		return errs.E(op, errs.Invalid, errs.Key("council.error.term_years"), map[string]any{"Value": s.TermYears})
	}
	if s.FirstChair == "" {
		s.FirstChair = Government
	}
	if !oneOf(s.FirstChair, Sides) {
		return errs.E(op, errs.Invalid, errs.Key("council.error.side"), map[string]any{"Value": s.FirstChair})
	}
	if _, err := ParseDate(s.Founded); err != nil {
		return errs.E(op, errs.Invalid, errs.Key("council.error.founded"), map[string]any{"Value": s.Founded})
	}
	s.Founded = strings.TrimSpace(s.Founded)
	if s.Quorum == "" {
		s.Quorum = QuorumEachSide
	}
	if rule.Cap {
		s.Quorum = QuorumAll // a board has no sides
	}
	if !oneOf(s.Quorum, Quorums) {
		return errs.E(op, errs.Invalid, errs.Key("council.error.quorum"), map[string]any{"Value": s.Quorum})
	}
	return nil
}

// apply writes settings into a council record.
func (s Settings) apply(c *model.Council) {
	c.Name, c.Level, c.Jurisdiction, c.Purpose = s.Name, s.Level, s.Jurisdiction, s.Purpose
	c.SeatsPerSide, c.Seats, c.TermYears, c.FirstChair, c.Founded = s.SeatsPerSide, s.Seats, s.TermYears, s.FirstChair, s.Founded
	c.Rule, c.ByLot, c.Quorum, c.Notes = s.Rule, s.ByLot, s.Quorum, s.Notes
}

// Create makes a council.
func Create(tx *model.Tx, s Settings) (model.Council, error) {
	if err := s.check("new council"); err != nil {
		return model.Council{}, err
	}
	if err := nameFree(tx, s.Name, ""); err != nil {
		return model.Council{}, err
	}
	var c model.Council
	s.apply(&c)
	c.AnchorIndex, c.AnchorStart, c.AnchorChair = 0, c.Founded, c.FirstChair
	if err := tx.Put(&c); err != nil {
		return c, fmt.Errorf("new council: %w", err)
	}
	return c, nil
}

// nameFree refuses a name another live council has (folded), so that names stay
// unambiguous on the command line.
func nameFree(q model.Querier, name, except string) error {
	all, err := List(q)
	if err != nil {
		return err
	}
	for _, c := range all {
		if c.ID != except && foldName(c.Name) == foldName(name) {
			return errs.E("council", errs.Conflict, errs.Key("council.error.name_taken"), map[string]any{"Name": name})
		}
	}
	return nil
}

// Edit changes a council's settings. A change of the term length, the founding date or
// the first Chair's side applies from the next term not begun on today: the terms begun
// are written down first with the dates and sides they had, so that the past is never
// rewritten. A later term with officers assigned whose Chair side would change is refused.
func Edit(tx *model.Tx, base model.Council, s Settings, today time.Time) (model.Council, error) {
	if err := s.check("edit council"); err != nil {
		return base, err
	}
	if err := nameFree(tx, s.Name, base.ID); err != nil {
		return base, err
	}
	cur, err := ByID(tx, base.ID)
	if err != nil {
		return base, err
	}
	// Only what this edit changes is written (PutEdit from the form's base): a change that
	// a sync brought meanwhile to another field stays.
	edited := base
	s.apply(&edited)
	if edited.TermYears != base.TermYears || edited.Founded != base.Founded || edited.FirstChair != base.FirstChair {
		next := cur
		s.apply(&next)
		if err := reanchor(tx, cur, &next, today); err != nil {
			return base, err
		}
		edited.AnchorIndex, edited.AnchorStart, edited.AnchorChair = next.AnchorIndex, next.AnchorStart, next.AnchorChair
	}
	if err := tx.PutEdit(&base, &edited); err != nil {
		return base, fmt.Errorf("edit council: %w", err)
	}
	return edited, nil
}

// foldName is how names of people and councils are compared.
func foldName(s string) string { return fold.Name(s) }
