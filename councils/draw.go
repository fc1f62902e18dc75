package councils

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"

	"pacta/internal/errs"
)

// Algorithm names the draw's algorithm and its version in every record, so that a record
// is re-run by the same steps: the Sortition Foundation's "legacy" stratified selection,
// with ChaCha8 seeded by SHA-256 of the seed text.
const Algorithm = "sortition-legacy/1"

// MaxAttempts is how many panels a draw tries before it says the quotas cannot be met.
const MaxAttempts = 1000

// Candidate is a person nominated for a civil seat, with the attributes quotas look at
// (district, gender…).
type Candidate struct {
	Name  string            `json:"name"`
	Org   string            `json:"org"`
	Attrs map[string]string `json:"attributes,omitempty"`
}

// Quota bounds how many of the panel have Field = Value.
type Quota struct {
	Field string `json:"field"`
	Value string `json:"value"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
}

// ParseQuota reads "FIELD=VALUE:MIN:MAX".
func ParseQuota(s string) (Quota, error) {
	field, rest, ok := strings.Cut(s, "=")
	parts := strings.Split(rest, ":")
	if ok && len(parts) == 3 && strings.TrimSpace(field) != "" && strings.TrimSpace(parts[0]) != "" {
		lo, err1 := strconv.Atoi(strings.TrimSpace(parts[1]))
		hi, err2 := strconv.Atoi(strings.TrimSpace(parts[2]))
		if err1 == nil && err2 == nil && lo >= 0 && hi >= lo {
			return Quota{Field: strings.TrimSpace(field), Value: strings.TrimSpace(parts[0]), Min: lo, Max: hi}, nil
		}
	}
	return Quota{}, errs.E("draw", errs.Invalid, errs.Key("council.error.quota"), map[string]any{"Value": s})
}

// Draw is a draw's record: what went in and the panel that came out. Re-running its
// inputs (Verify) gives the same panel on any build.
type Draw struct {
	Algorithm  string      `json:"algorithm"`
	Council    string      `json:"council,omitempty"`
	Date       string      `json:"date,omitempty"`
	Seed       string      `json:"seed"`
	Seats      int         `json:"seats"`
	Quotas     []Quota     `json:"quotas"`
	Candidates []Candidate `json:"candidates"`
	Selected   []string    `json:"selected"`
	Attempts   int         `json:"attempts"`
}

// ReadCandidates reads a CSV with columns name and org and any attribute columns.
func ReadCandidates(r io.Reader) ([]Candidate, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidates_empty"), err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "" {
			continue
		}
		if _, dup := col[h]; dup {
			return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidates_column_twice"), map[string]any{"Column": h})
		}
		col[h] = i
	}
	if _, ok := col["name"]; !ok {
		return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidates_columns"))
	}
	if _, ok := col["org"]; !ok {
		return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidates_columns"))
	}
	var out []Candidate
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidates_line"), map[string]any{"Line": line}, err)
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		c := Candidate{Name: strings.Join(strings.Fields(get(col["name"])), " "), Org: get(col["org"]), Attrs: map[string]string{}}
		if c.Name == "" {
			if strings.Join(rec, "") == "" {
				continue // a blank line
			}
			return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidate_no_name"), map[string]any{"Line": line})
		}
		if prev, dup := seen[foldName(c.Name)]; dup {
			return nil, errs.E("draw", errs.Invalid, errs.Key("council.error.candidate_twice"), map[string]any{"Line": line, "Name": c.Name, "First": prev})
		}
		seen[foldName(c.Name)] = line
		for h, i := range col {
			if h != "name" && h != "org" {
				c.Attrs[h] = get(i)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// category is one quota during a draw.
type category struct {
	field, value        string
	min, max            int
	selected, remaining int
}

// RunDraw draws seats people among the candidates within the quotas, from the seed. The
// candidates are sorted by (name, organisation) first, so that the order of the file does
// not matter. Infeasible quotas are refused with the reason.
func RunDraw(seed string, seats int, quotas []Quota, candidates []Candidate) (Draw, error) {
	const op = "draw"
	d := Draw{Algorithm: Algorithm, Seed: seed, Seats: seats, Quotas: quotas, Candidates: append([]Candidate(nil), candidates...)}
	if d.Quotas == nil {
		d.Quotas = []Quota{}
	}
	if strings.TrimSpace(seed) == "" {
		return d, errs.E(op, errs.Invalid, errs.Key("council.error.seed_required"))
	}
	if seats <= 0 {
		return d, errs.E(op, errs.Invalid, errs.Key("council.error.draw_seats"), map[string]any{"Value": seats})
	}
	if len(candidates) < seats {
		return d, errs.E(op, errs.Invalid, errs.Key("council.error.too_few_candidates"), map[string]any{"Count": len(candidates), "Seats": seats})
	}
	sort.SliceStable(d.Candidates, func(i, j int) bool {
		a, b := d.Candidates[i], d.Candidates[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Org < b.Org
	})
	cats, err := categories(quotas, d.Candidates, seats)
	if err != nil {
		return d, err
	}
	sum := sha256.Sum256([]byte(seed))
	rng := rand.New(rand.NewChaCha8(sum))
	for attempt := 1; attempt <= MaxAttempts; attempt++ {
		panel, ok := drawOnce(rng, cats, d.Candidates, seats)
		if ok {
			d.Attempts = attempt
			d.Selected = make([]string, len(panel))
			for i, p := range panel {
				d.Selected[i] = d.Candidates[p].Name
			}
			return d, nil
		}
	}
	return d, errs.E(op, errs.Invalid, errs.Key("council.error.draw_failed"), map[string]any{"Attempts": MaxAttempts})
}

// categories checks the quotas' feasibility and gives every candidate's value of every
// quota field a category; values no quota names have no bounds.
func categories(quotas []Quota, cands []Candidate, seats int) ([]category, error) {
	const op = "draw"
	var cats []category
	fields := map[string]bool{}
	index := map[[2]string]bool{}
	for _, q := range quotas {
		if index[[2]string{q.Field, q.Value}] {
			return nil, errs.E(op, errs.Invalid, errs.Key("council.error.quota_twice"), map[string]any{"Field": q.Field, "Value": q.Value})
		}
		index[[2]string{q.Field, q.Value}] = true
		fields[q.Field] = true
		cats = append(cats, category{field: q.Field, value: q.Value, min: q.Min, max: q.Max})
	}
	var names []string
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		for _, c := range cands {
			if _, ok := c.Attrs[f]; !ok {
				return nil, errs.E(op, errs.Invalid, errs.Key("council.error.quota_field"), map[string]any{"Field": f})
			}
			if !index[[2]string{f, c.Attrs[f]}] {
				index[[2]string{f, c.Attrs[f]}] = true
				cats = append(cats, category{field: f, value: c.Attrs[f], min: 0, max: seats})
			}
		}
		lo, hi := 0, 0
		for _, k := range cats {
			if k.field == f {
				lo += k.min
				hi += min(k.max, seats)
			}
		}
		if lo > seats {
			return nil, errs.E(op, errs.Invalid, errs.Key("council.error.quota_min_sum"), map[string]any{"Field": f, "Sum": lo, "Seats": seats})
		}
		if hi < seats {
			return nil, errs.E(op, errs.Invalid, errs.Key("council.error.quota_max_sum"), map[string]any{"Field": f, "Sum": hi, "Seats": seats})
		}
	}
	sort.SliceStable(cats, func(i, j int) bool {
		if cats[i].field != cats[j].field {
			return cats[i].field < cats[j].field
		}
		return cats[i].value < cats[j].value
	})
	for i := range cats {
		n := 0
		for _, c := range cands {
			if c.Attrs[cats[i].field] == cats[i].value {
				n++
			}
		}
		if n < cats[i].min {
			return nil, errs.E(op, errs.Invalid, errs.Key("council.error.quota_few"),
				map[string]any{"Field": cats[i].field, "Value": cats[i].value, "Count": n, "Min": cats[i].min})
		}
		cats[i].remaining = n
	}
	if len(cats) == 0 {
		// No quotas: one category holds everyone, so that the same steps draw uniformly.
		cats = []category{{field: "", value: "", min: 0, max: seats, remaining: len(cands)}}
	}
	return cats, nil
}

// drawOnce is one attempt of the legacy algorithm: for each seat, the category with the
// highest ratio of the people it still needs to those it has left is chosen (the first
// in order on a tie), and a person of that category drawn uniformly; a category that
// reaches its maximum removes its other people. An attempt fails when people run out or a
// minimum is not met at the end.
func drawOnce(rng *rand.Rand, base []category, cands []Candidate, seats int) ([]int, bool) {
	cats := append([]category(nil), base...)
	in := make([]bool, len(cands))
	for i := range in {
		in[i] = true
	}
	left := len(cands)
	member := func(k category, c Candidate) bool { return k.field == "" || c.Attrs[k.field] == k.value }
	remove := func(p int) {
		in[p] = false
		left--
		for i := range cats {
			if member(cats[i], cands[p]) {
				cats[i].remaining--
			}
		}
	}
	var panel []int
	for seat := 0; seat < seats; seat++ {
		best, ratio, pick := -1, -100.0, 0
		for i, k := range cats {
			if k.selected < k.min && k.remaining < k.min-k.selected {
				return nil, false
			}
			if k.remaining != 0 && k.selected < k.max {
				r := float64(k.min-k.selected) / float64(k.remaining)
				if r > ratio {
					best, ratio, pick = i, r, rng.IntN(k.remaining)+1
				}
			}
		}
		if best < 0 || left == 0 {
			return nil, false
		}
		chosen := -1
		for p, c := range cands {
			if in[p] && member(cats[best], c) {
				pick--
				if pick == 0 {
					chosen = p
					break
				}
			}
		}
		if chosen < 0 {
			return nil, false
		}
		panel = append(panel, chosen)
		for i := range cats {
			if member(cats[i], cands[chosen]) {
				cats[i].selected++
			}
		}
		remove(chosen)
		for i := range cats {
			if cats[i].selected >= cats[i].max && cats[i].field != "" {
				for p, c := range cands {
					if in[p] && member(cats[i], c) {
						remove(p)
					}
				}
			}
		}
	}
	for _, k := range cats {
		if k.selected < k.min {
			return nil, false
		}
	}
	sort.Ints(panel)
	return panel, true
}

// Verify re-runs a draw's record and reports whether it gives the same panel.
func Verify(data []byte) (Draw, bool, error) {
	var rec Draw
	if err := json.Unmarshal(data, &rec); err != nil {
		return rec, false, errs.E("verify draw", errs.Invalid, errs.Key("council.error.record_unreadable"), err)
	}
	if rec.Algorithm != Algorithm {
		return rec, false, errs.E("verify draw", errs.Invalid, errs.Key("council.error.record_algorithm"),
			map[string]any{"Value": rec.Algorithm, "Want": Algorithm})
	}
	again, err := RunDraw(rec.Seed, rec.Seats, rec.Quotas, rec.Candidates)
	if err != nil {
		return again, false, err
	}
	same := len(again.Selected) == len(rec.Selected)
	if same {
		a, b := append([]string(nil), again.Selected...), append([]string(nil), rec.Selected...)
		sort.Strings(a)
		sort.Strings(b)
		for i := range a {
			if a[i] != b[i] {
				same = false
			}
		}
	}
	return again, same, nil
}

// String is the record as stored and printed: indented JSON.
func (d Draw) String() string {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Sprint(err)
	}
	return string(b)
}

// decodeDraw reads a stored draw record.
func decodeDraw(s string) (Draw, error) {
	var d Draw
	err := json.Unmarshal([]byte(s), &d)
	return d, err
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
