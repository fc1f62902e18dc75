package procurement

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// example is the worked example: three quality criteria weighted 30, 20 and 15%
// and price 35%, proportional.
func example() (Snapshot, []Bid, []Score) {
	s := Snapshot{Procedure: Open, Aggregation: "median", Criteria: []Criterion{
		{Key: "q1", Kind: Scale, Weight: 30}, {Key: "q2", Kind: Scale, Weight: 20}, {Key: "q3", Kind: Scale, Weight: 15, SocialValue: true},
		{Key: "price", Kind: Price, Weight: 35, Formula: Proportional}}}
	bids := []Bid{{ID: "a", Bidder: "A", Price: 10000, SubmittedAt: "2026-03-01T10:00:00Z"}, {ID: "b", Bidder: "B", Price: 8000, SubmittedAt: "2026-03-01T09:00:00Z"}}
	var scores []Score
	for bid, ss := range map[string][]float64{"a": {4, 4, 3}, "b": {3, 2, 5}} {
		for i, v := range ss {
			scores = append(scores, Score{BidID: bid, Criterion: fmt.Sprintf("q%d", i+1), Evaluator: "E1", Score: v, Justification: "why"})
		}
	}
	return s, bids, scores
}

func byBidder(res []Result) map[string]Result {
	m := map[string]Result{}
	for _, r := range res {
		m[r.Bidder] = r
	}
	return m
}

func TestWorkedExample(t *testing.T) {
	s, bids, scores := example()
	res := byBidder(ScoreBids(s, bids, scores))
	assert.InDelta(t, 28, res["A"].Criteria[3].Points, 1e-9, "A's price points")
	assert.InDelta(t, 35, res["B"].Criteria[3].Points, 1e-9, "B's price points")
	assert.InDelta(t, 77, res["A"].Total, 1e-9)
	assert.InDelta(t, 76, res["B"].Total, 1e-9)
	assert.Equal(t, 1, res["A"].Rank)
	assert.Equal(t, 2, res["B"].Rank)
}

func TestPriceFormulas(t *testing.T) {
	cases := []struct {
		formula       string
		param         float64
		lowest, price float64
		want          float64
	}{
		{Proportional, 0, 8000, 10000, 0.8},
		{Proportional, 0, 8000, 8000, 1},
		{Linear, 1, 8000, 10000, 0.75},
		{Linear, 2, 8000, 10000, 0.5},
		{Linear, 1, 8000, 20000, 0}, // floored at 0
		{Logarithmic, 2, 8000, 16000, 0},
		{Logarithmic, 2, 8000, 8000, 1},
		{Logarithmic, 3, 8000, 8000 * math.Sqrt(3), 0.5},
		{Logarithmic, 2, 8000, 40000, 0},
	}
	for _, c := range cases {
		assert.InDelta(t, c.want, priceNorm(c.formula, c.param, c.lowest, c.price), 1e-9, "%s(%g) %g/%g", c.formula, c.param, c.lowest, c.price)
	}
}

func TestGatesExcludeAndPriceIsNormalisedAmongTheRest(t *testing.T) {
	s := Snapshot{Procedure: Open, Aggregation: "median", Criteria: []Criterion{
		{Key: "insurance", Title: "Public liability insurance", Kind: Gate},
		{Key: "price", Kind: Price, Weight: 60, Formula: Proportional},
		{Key: "jobs", Kind: Quantity, Weight: 40, SocialValue: true, Proxy: 100}}}
	bids := []Bid{
		{ID: "cheap", Bidder: "Cheap Ltd", Price: 5000, Gates: map[string]bool{"insurance": false}, Quantities: map[string]float64{"jobs": 10}},
		{ID: "coop", Bidder: "Coop", Price: 8000, Gates: map[string]bool{"insurance": true}, Quantities: map[string]float64{"jobs": 4}},
		{ID: "sme", Bidder: "SME", Price: 10000, Gates: map[string]bool{"insurance": true}, Quantities: map[string]float64{"jobs": 2}},
	}
	res := byBidder(ScoreBids(s, bids, nil))
	require.True(t, res["Cheap Ltd"].Excluded)
	assert.Equal(t, "insurance", res["Cheap Ltd"].Exclusion.Criterion)
	assert.Zero(t, res["Cheap Ltd"].Rank)
	assert.Zero(t, res["Cheap Ltd"].Total)
	// The lowest price still in is 8000, the best quantity 4 jobs.
	assert.InDelta(t, 60, res["Coop"].Criteria[1].Points, 1e-9)
	assert.InDelta(t, 40, res["Coop"].Criteria[2].Points, 1e-9)
	assert.InDelta(t, 48+20, res["SME"].Total, 1e-9)
	assert.Equal(t, 1, res["Coop"].Rank)
}

func TestReservedProcedures(t *testing.T) {
	s := Snapshot{Procedure: ReservedDisadvantaged, Criteria: []Criterion{{Key: "price", Kind: Price, Weight: 100}}}
	bids := []Bid{{ID: "x", Bidder: "Sheltered workshop", DisadvantagedPct: 35, Price: 10}, {ID: "y", Bidder: "Company", DisadvantagedPct: 10, Price: 5}}
	res := byBidder(ScoreBids(s, bids, nil))
	assert.False(t, res["Sheltered workshop"].Excluded)
	assert.True(t, res["Company"].Excluded)
	assert.Equal(t, "eligibility", res["Company"].Exclusion.Kind)
	s.Procedure = ReservedSocial
	bids = []Bid{{ID: "x", Bidder: "Coop", Type: "social_cooperative", Price: 10}, {ID: "y", Bidder: "Company", Type: "company", Price: 5}}
	res = byBidder(ScoreBids(s, bids, nil))
	assert.False(t, res["Coop"].Excluded)
	assert.True(t, res["Company"].Excluded)
}

func TestTieBreak(t *testing.T) {
	s := Snapshot{Procedure: Open, Aggregation: "mean", Criteria: []Criterion{
		{Key: "q", Kind: Scale, Weight: 50}, {Key: "sv", Kind: Scale, Weight: 50, SocialValue: true}}}
	// Equal totals: more social-value points first; equal again: the earlier submission.
	bids := []Bid{{ID: "a", Bidder: "A", SubmittedAt: "2026-03-01T10:00:00Z"}, {ID: "b", Bidder: "B", SubmittedAt: "2026-03-01T11:00:00Z"},
		{ID: "c", Bidder: "C", SubmittedAt: "2026-03-01T09:00:00Z"}}
	scores := []Score{{BidID: "a", Criterion: "q", Score: 4}, {BidID: "a", Criterion: "sv", Score: 2},
		{BidID: "b", Criterion: "q", Score: 2}, {BidID: "b", Criterion: "sv", Score: 4},
		{BidID: "c", Criterion: "q", Score: 4}, {BidID: "c", Criterion: "sv", Score: 2}}
	res := byBidder(ScoreBids(s, bids, scores))
	assert.Equal(t, 1, res["B"].Rank, "the most social value")
	assert.Equal(t, 2, res["C"].Rank, "then the earlier submission")
	assert.Equal(t, 3, res["A"].Rank)
}

func TestAggregationAndDisagreement(t *testing.T) {
	s := Snapshot{Aggregation: "median", Criteria: []Criterion{{Key: "q", Kind: Scale, Weight: 100}}}
	bids := []Bid{{ID: "a", Bidder: "A"}, {ID: "b", Bidder: "B"}}
	scores := []Score{{BidID: "a", Criterion: "q", Evaluator: "1", Score: 1}, {BidID: "a", Criterion: "q", Evaluator: "2", Score: 4},
		{BidID: "a", Criterion: "q", Evaluator: "3", Score: 5}, {BidID: "b", Criterion: "q", Evaluator: "1", Score: 3}, {BidID: "b", Criterion: "q", Evaluator: "2", Score: 4}}
	res := byBidder(ScoreBids(s, bids, scores))
	assert.InDelta(t, 4, res["A"].Criteria[0].Value, 1e-9, "median of 1, 4, 5")
	assert.True(t, res["A"].Criteria[0].Disagreement, "1 and 5 differ by more than 2")
	assert.InDelta(t, 3.5, res["B"].Criteria[0].Value, 1e-9)
	assert.False(t, res["B"].Criteria[0].Disagreement)
	s.Aggregation = "mean"
	res = byBidder(ScoreBids(s, bids, scores))
	assert.InDelta(t, 10.0/3, res["A"].Criteria[0].Value, 1e-9)
	// A scale nobody scored counts 0 and is marked.
	res = byBidder(ScoreBids(s, []Bid{{ID: "c", Bidder: "C"}}, nil))
	assert.True(t, res["C"].Criteria[0].Missing)
}

func TestSensitivityOnAKnownCase(t *testing.T) {
	s, bids, scores := example()
	res := ScoreBids(s, bids, scores)
	sv := Sensitive(s, res, "seed")
	require.Len(t, sv, 1)
	assert.Equal(t, "A", sv[0].Winner)
	byKey := map[string]WeightChange{}
	for _, w := range sv[0].Weights {
		byKey[w.Key] = w
	}
	// A leads by 1 point. Moving the price weight up by δ (the quality weights scaled
	// down by (65−δ)/65): A = 49·(65−δ)/65 + 0.8·(35+δ), B = 41·(65−δ)/65 + 35+δ.
	// They meet where 8·(65−δ)/65 = 7 + 0.2·δ, δ = 65/(8+13)·1 = 3.095…
	p := byKey["price"]
	require.True(t, p.Changes)
	assert.InDelta(t, 65.0/21, p.Delta, 1e-9)
	assert.Equal(t, "B", p.NewWinner)
	// Check it: just past δ, B wins.
	for _, d := range []float64{p.Delta - 0.01, p.Delta + 0.01} {
		s2 := s
		s2.Criteria = append([]Criterion(nil), s.Criteria...)
		k := (65 - d) / 65
		for i := range s2.Criteria[:3] {
			s2.Criteria[i].Weight *= k
		}
		s2.Criteria[3].Weight = 35 + d
		r := byBidder(ScoreBids(s2, bids, scores))
		assert.Equal(t, d > p.Delta, r["B"].Rank == 1, "δ = %g", d)
	}
	require.Len(t, sv[0].Stability, 2)
	assert.Greater(t, sv[0].Stability[0].Kept, 0.5)
	assert.Less(t, sv[0].Stability[0].Kept, 1.0, "±10%% on a 1-point lead sometimes changes the winner")
	again := Sensitive(s, res, "seed")
	assert.Equal(t, sv, again, "the same seed, the same draws")
}

func TestSensitivityOfAClearWinner(t *testing.T) {
	s := Snapshot{Criteria: []Criterion{{Key: "q", Kind: Scale, Weight: 50}, {Key: "r", Kind: Scale, Weight: 50}}}
	bids := []Bid{{ID: "a", Bidder: "A"}, {ID: "b", Bidder: "B"}}
	scores := []Score{{BidID: "a", Criterion: "q", Score: 5}, {BidID: "a", Criterion: "r", Score: 5}, {BidID: "b", Criterion: "q", Score: 1}, {BidID: "b", Criterion: "r", Score: 1}}
	sv := Sensitive(s, ScoreBids(s, bids, scores), "x")
	for _, w := range sv[0].Weights {
		assert.False(t, w.Changes, "A is best on every criterion: no weight changes the winner")
	}
	assert.Equal(t, 1.0, sv[0].Stability[0].Kept)
}
