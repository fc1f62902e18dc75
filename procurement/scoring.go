// Package procurement scores social procurement calls (DESIGN §6): criteria that are
// gates, scales, price formulas or quantities with a proxy value; weights frozen when a
// call opens; evaluators' scores aggregated with their disagreement flagged; a ranking with
// a published tie-break; and how sensitive the ranking is to the weights. The scoring here
// is pure: it reads plain values and writes nothing.
package procurement

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// Criterion kinds.
const (
	Gate     = "gate"     // pass or fail; no weight
	Scale    = "scale"    // 0–5, scored by evaluators
	Price    = "price"    // by a formula from the bids' prices
	Quantity = "quantity" // a committed quantity times its proxy value
)

// Kinds lists the criterion kinds.
var Kinds = []string{Gate, Scale, Price, Quantity}

// Price formulas.
const (
	Proportional = "proportional" // lowest / price
	Linear       = "linear"       // 1 − param × (price − lowest) / lowest, at least 0
	Logarithmic  = "log"          // 1 − ln(price / lowest) / ln(param): param × the lowest scores 0
)

// Formulas lists the price formulas.
var Formulas = []string{Proportional, Linear, Logarithmic}

// Aggregations of the evaluators' scores.
var Aggregations = []string{"median", "mean"}

// ScaleMax is the top of a scale criterion.
const ScaleMax = 5

// Disagreement is the spread of evaluators' scores on one criterion (max − min) above
// which the result is flagged.
const Disagreement = 2

// Criterion is a criterion as the snapshot freezes it.
type Criterion struct {
	Key         string  `json:"key"`
	Title       string  `json:"title"`
	Kind        string  `json:"kind"`
	Weight      float64 `json:"weight"`
	SocialValue bool    `json:"social_value"`
	Formula     string  `json:"formula,omitempty"`
	Param       float64 `json:"param,omitempty"`
	Unit        string  `json:"unit,omitempty"`
	Proxy       float64 `json:"proxy,omitempty"`
	Citation    string  `json:"citation,omitempty"`
	Descriptors string  `json:"descriptors,omitempty"`
}

// Bid is a bid as scoring reads it.
type Bid struct {
	ID               string
	Bidder           string
	Type             string
	SocialEconomy    bool
	DisadvantagedPct float64
	Lot              string
	Price            float64
	SubmittedAt      string
	Quantities       map[string]float64
	Gates            map[string]bool
}

// Score is one evaluator's score of one bid on one scale criterion.
type Score struct {
	BidID         string
	Criterion     string
	Evaluator     string
	Score         float64
	Justification string
}

// Exclusion says why a bid is out of the ranking.
type Exclusion struct {
	Kind      string `json:"kind"`                // gate, eligibility
	Criterion string `json:"criterion,omitempty"` // the gate failed
	Title     string `json:"title,omitempty"`
}

// CriterionResult is a bid's result on one criterion.
type CriterionResult struct {
	Key           string   `json:"key"`
	Value         float64  `json:"value"`      // the aggregated score, the price or the quantity
	Normalised    float64  `json:"normalised"` // 0–1
	Points        float64  `json:"points"`     // weight × normalised
	Evaluators    int      `json:"evaluators,omitempty"`
	Spread        float64  `json:"spread,omitempty"` // max − min of the evaluators' scores
	Disagreement  bool     `json:"disagreement,omitempty"`
	Missing       bool     `json:"missing,omitempty"` // a scale no evaluator scored
	Passed        *bool    `json:"passed,omitempty"`  // gates
	Justification []string `json:"justification,omitempty"`
}

// Result is a bid's score and rank within its lot.
type Result struct {
	BidID       string            `json:"bid_id"`
	Bidder      string            `json:"bidder"`
	Lot         string            `json:"lot"`
	Total       float64           `json:"total"`
	SocialValue float64           `json:"social_value_points"`
	Rank        int               `json:"rank"` // 0 when excluded
	Excluded    bool              `json:"excluded"`
	Exclusion   *Exclusion        `json:"exclusion,omitempty"`
	SubmittedAt string            `json:"submitted_at"`
	Criteria    []CriterionResult `json:"criteria"`
}

// Procedures of a call.
const (
	Open                   = "open"
	ReservedDisadvantaged  = "reserved_disadvantaged" // EU Directive 2014/24 art. 20: at least 30% disadvantaged workers
	ReservedSocial         = "reserved_social"        // art. 77: social-economy organisations for social services
	DisadvantagedThreshold = 30.0
)

// Procedures lists the procedures.
var Procedures = []string{Open, ReservedDisadvantaged, ReservedSocial}

// SocialTypes are the bidder types of the social economy.
var SocialTypes = []string{"social_cooperative", "cooperative", "social_enterprise", "association"}

// BidderTypes lists the bidder types.
var BidderTypes = []string{"social_cooperative", "cooperative", "social_enterprise", "association", "sme", "company"}

// eligible reports whether b may take part in a call under procedure.
func eligible(procedure string, b Bid) bool {
	switch procedure {
	case ReservedDisadvantaged:
		return b.DisadvantagedPct >= DisadvantagedThreshold
	case ReservedSocial:
		return b.SocialEconomy || slices.Contains(SocialTypes, b.Type)
	}
	return true
}

// Snapshot is what a call freezes when it opens: the criteria and weights, how scores are
// aggregated and the procedure. Scoring reads only this.
type Snapshot struct {
	Procedure   string      `json:"procedure"`
	Aggregation string      `json:"aggregation"`
	Lots        []string    `json:"lots"`
	Criteria    []Criterion `json:"criteria"`
}

// aggregate is the median or mean of xs (not empty).
func aggregate(how string, xs []float64) float64 {
	if how == "mean" {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	ys := append([]float64(nil), xs...)
	sort.Float64s(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

// priceNorm is a price's normalised score against the lowest price by formula f.
func priceNorm(f string, param, lowest, price float64) float64 {
	if price <= 0 || lowest <= 0 {
		return 0
	}
	switch f {
	case Linear:
		if param <= 0 {
			param = 1
		}
		return math.Max(0, 1-param*(price-lowest)/lowest)
	case Logarithmic:
		if param <= 1 {
			param = 2
		}
		return math.Max(0, 1-math.Log(price/lowest)/math.Log(param))
	}
	return lowest / price
}

// Score scores every bid under the snapshot: gates and eligibility exclude; prices and
// quantities are normalised among the bids of the same lot not excluded; scales take the
// evaluators' aggregated score out of ScaleMax; each bid's total is the sum of weight ×
// normalised score. Bids are ranked within their lot by total, then by social-value
// points, then by earlier submission (then by name, so that the order is total).
func ScoreBids(s Snapshot, bids []Bid, scores []Score) []Result {
	crit := s.Criteria
	ci := make(map[string]int, len(crit))
	for i, c := range crit {
		ci[c.Key] = i
	}
	bi := make(map[string]int, len(bids))
	for i, b := range bids {
		bi[b.ID] = i
	}
	// The evaluators' scores, by bid and criterion.
	vals := make([][][]float64, len(bids))
	just := make([][][]string, len(bids))
	for i := range vals {
		vals[i] = make([][]float64, len(crit))
		just[i] = make([][]string, len(crit))
	}
	for _, sc := range scores {
		b, ok1 := bi[sc.BidID]
		c, ok2 := ci[sc.Criterion]
		if !ok1 || !ok2 || crit[c].Kind != Scale {
			continue
		}
		vals[b][c] = append(vals[b][c], sc.Score)
		if j := strings.TrimSpace(sc.Justification); j != "" {
			just[b][c] = append(just[b][c], sc.Evaluator+": "+j)
		}
	}
	res := make([]Result, len(bids))
	for i, b := range bids {
		r := Result{BidID: b.ID, Bidder: b.Bidder, Lot: b.Lot, SubmittedAt: b.SubmittedAt, Criteria: make([]CriterionResult, len(crit))}
		if !eligible(s.Procedure, b) {
			r.Excluded, r.Exclusion = true, &Exclusion{Kind: "eligibility"}
		}
		for c, k := range crit {
			cr := CriterionResult{Key: k.Key}
			switch k.Kind {
			case Gate:
				pass := b.Gates[k.Key]
				cr.Passed = &pass
				if !pass && !r.Excluded {
					r.Excluded, r.Exclusion = true, &Exclusion{Kind: "gate", Criterion: k.Key, Title: k.Title}
				}
			case Scale:
				xs := vals[i][c]
				cr.Evaluators = len(xs)
				if len(xs) == 0 {
					cr.Missing = true
					break
				}
				lo, hi := slices.Min(xs), slices.Max(xs)
				cr.Spread, cr.Disagreement = hi-lo, hi-lo > Disagreement
				cr.Value = aggregate(s.Aggregation, xs)
				cr.Normalised = cr.Value / ScaleMax
				cr.Justification = just[i][c]
			case Price:
				cr.Value = b.Price
			case Quantity:
				cr.Value = b.Quantities[k.Key] * k.Proxy
			}
			r.Criteria[c] = cr
		}
		res[i] = r
	}
	// Prices and quantities against the best of the lot's bids still in.
	lowest, best := map[string]float64{}, map[string][]float64{}
	for i, b := range bids {
		if res[i].Excluded {
			continue
		}
		if l, ok := lowest[b.Lot]; b.Price > 0 && (!ok || b.Price < l) {
			lowest[b.Lot] = b.Price
		}
		if best[b.Lot] == nil {
			best[b.Lot] = make([]float64, len(crit))
		}
		for c, k := range crit {
			if k.Kind == Quantity && res[i].Criteria[c].Value > best[b.Lot][c] {
				best[b.Lot][c] = res[i].Criteria[c].Value
			}
		}
	}
	for i, b := range bids {
		r := &res[i]
		for c, k := range crit {
			cr := &r.Criteria[c]
			switch k.Kind {
			case Price:
				if !r.Excluded {
					cr.Normalised = priceNorm(k.Formula, k.Param, lowest[b.Lot], b.Price)
				}
			case Quantity:
				if !r.Excluded && best[b.Lot] != nil && best[b.Lot][c] > 0 {
					cr.Normalised = cr.Value / best[b.Lot][c]
				}
			}
			if k.Kind != Gate {
				cr.Points = k.Weight * cr.Normalised
				if !r.Excluded {
					r.Total += cr.Points
					if k.SocialValue {
						r.SocialValue += cr.Points
					}
				}
			}
		}
	}
	rank(res)
	return res
}

// before is the published tie-break: a higher total, then more social-value points, then
// the earlier submission, then the bidder's name.
func before(a, b Result) bool {
	const eps = 1e-9
	switch {
	case math.Abs(a.Total-b.Total) > eps:
		return a.Total > b.Total
	case math.Abs(a.SocialValue-b.SocialValue) > eps:
		return a.SocialValue > b.SocialValue
	case a.SubmittedAt != b.SubmittedAt:
		return a.SubmittedAt < b.SubmittedAt
	}
	return a.Bidder < b.Bidder
}

// rank numbers the bids of each lot not excluded, 1 first; res is left in lot then rank
// order, the excluded last.
func rank(res []Result) {
	sort.SliceStable(res, func(i, j int) bool {
		a, b := res[i], res[j]
		if a.Lot != b.Lot {
			return a.Lot < b.Lot
		}
		if a.Excluded != b.Excluded {
			return !a.Excluded
		}
		if a.Excluded {
			return a.Bidder < b.Bidder
		}
		return before(a, b)
	})
	n, lot := 0, "\x00"
	for i := range res {
		if res[i].Lot != lot {
			n, lot = 0, res[i].Lot
		}
		if !res[i].Excluded {
			n++
			res[i].Rank = n
		}
	}
}
