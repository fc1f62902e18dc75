package pacts

import (
	"sort"
	"strings"
	"time"

	"pacta/model"
)

// Item is one pact in a list, with what a list shows and filters on.
type Item struct {
	ID         string   `json:"id"`
	Ref        string   `json:"ref"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Status     string   `json:"status"`
	Category   string   `json:"category"`
	Proponents []string `json:"proponents"`
	Assets     []string `json:"assets"`
	Districts  []string `json:"districts"`
	StartDate  string   `json:"start_date"`
	EndDate    string   `json:"end_date"`
	Due        []Due    `json:"due"`
	Overdue    bool     `json:"overdue"`
	// Expired: active or extended, and its term (with the extension, once extended) ended
	// before today. Computed when read, never written: every laptop agrees without a sync.
	Expired      bool   `json:"expired"`
	Renews       string `json:"renews,omitempty"` // the id of the pact this one renews
	DuplicateRef bool   `json:"duplicate_ref"`    // two laptops minted the same reference offline
}

// NextDue is the earliest due date, if any.
func (it Item) NextDue() (Due, bool) {
	if len(it.Due) == 0 {
		return Due{}, false
	}
	return it.Due[0], true
}

// Filter narrows a list; empty fields match everything.
type Filter struct {
	Status   string
	Kind     string
	District string
	Text     string // in reference, title, proponents, assets, category
}

// List reads every live pact with its proponents, assets and due dates, filtered.
func List(q model.Querier, f Filter, today time.Time) ([]Item, error) {
	ps, err := ListPacts(q)
	if err != nil {
		return nil, err
	}
	parties, err := AllPactParties(q)
	if err != nil {
		return nil, err
	}
	assets, err := AllPactAssets(q)
	if err != nil {
		return nil, err
	}
	cl, err := clocks(q, today)
	if err != nil {
		return nil, err
	}
	dl, err := LoadDeadlines(q)
	if err != nil {
		return nil, err
	}
	props := map[string][]string{}
	for _, x := range parties {
		if x.Role != RoleMunicipality {
			props[x.PactID] = append(props[x.PactID], x.Name)
		}
	}
	type place struct{ names, districts []string }
	places := map[string]*place{}
	for _, a := range assets {
		pl := places[a.PactID]
		if pl == nil {
			pl = &place{}
			places[a.PactID] = pl
		}
		pl.names = append(pl.names, a.Ref)
		if a.District != "" && !oneOf(a.District, pl.districts) {
			pl.districts = append(pl.districts, a.District)
		}
	}
	refs := map[string]int{}
	for _, p := range ps {
		refs[p.Ref]++
	}
	text := strings.ToLower(strings.TrimSpace(f.Text))
	out := []Item{}
	for _, p := range ps {
		if (f.Status != "" && p.Status != f.Status) || (f.Kind != "" && p.Kind != f.Kind) {
			continue
		}
		it := Item{ID: p.ID, Ref: p.Ref, Title: p.Title, Kind: p.Kind, Status: p.Status, Category: p.Category,
			Proponents: nonNil(props[p.ID]), Assets: []string{}, Districts: []string{}, StartDate: p.StartDate,
			DuplicateRef: refs[p.Ref] > 1, Renews: p.Renews}
		if pl := places[p.ID]; pl != nil {
			it.Assets, it.Districts = pl.names, pl.districts
		}
		c := cl[p.ID]
		c.Extended = c.Extended || p.Status == Extended
		it.EndDate = EndDate(p, c.Extended)
		it.Due = ClockDueDates(p, c, dl, today)
		it.Expired = IsExpired(p.Status, it.EndDate, today)
		for _, d := range it.Due {
			it.Overdue = it.Overdue || d.Overdue
		}
		if f.District != "" && !containsFold(it.Districts, f.District) {
			continue
		}
		if text != "" {
			hay := strings.ToLower(strings.Join(append(append([]string{p.Ref, p.Title, p.Category}, it.Proponents...), it.Assets...), " "))
			if !strings.Contains(hay, text) {
				continue
			}
		}
		out = append(out, it)
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Districts lists the districts of the assets under any pact, sorted (for a filter).
func Districts(q model.Querier) ([]string, error) {
	assets, err := AllPactAssets(q)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, a := range assets {
		if a.District != "" && !seen[a.District] {
			seen[a.District] = true
			out = append(out, a.District)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Summary is what the Dashboard shows about pacts.
type Summary struct {
	ByStatus       map[string]int `json:"by_status"`
	ReviewsOverdue []Item         `json:"reviews_overdue"` // answer, publication or decision late
	ReportsDue     []Item         `json:"reports_due"`     // a report due within 30 days or late
	Ending         []Item         `json:"ending"`          // the term ends within 60 days
	Expired        []Item         `json:"expired"`         // active or extended past the end of their term
}

// IsExpired reports whether a pact in status whose term ends on end has expired by today:
// only a pact still running (active, extended) can; a concluded one has simply ended.
func IsExpired(status, end string, today time.Time) bool {
	return (status == Active || status == Extended) && end != "" && end < Day(today)
}

// Summarise computes the Dashboard's view of the pacts.
func Summarise(q model.Querier, today time.Time) (Summary, error) {
	items, err := List(q, Filter{}, today)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{ByStatus: map[string]int{}, ReviewsOverdue: []Item{}, ReportsDue: []Item{}, Ending: []Item{}, Expired: []Item{}}
	for _, it := range items {
		s.ByStatus[it.Status]++
		var review, report, ending bool
		for _, d := range it.Due {
			switch d.Kind {
			case DueAnswer, DuePublication, DueDecision:
				review = review || d.Overdue
			case DueReport:
				report = report || d.DaysLeft <= 30
			case DueEnd:
				ending = ending || (d.DaysLeft >= 0 && d.DaysLeft <= 60)
			}
		}
		if review {
			s.ReviewsOverdue = append(s.ReviewsOverdue, it)
		}
		if report {
			s.ReportsDue = append(s.ReportsDue, it)
		}
		if ending {
			s.Ending = append(s.Ending, it)
		}
		if it.Expired {
			s.Expired = append(s.Expired, it)
		}
	}
	return s, nil
}
