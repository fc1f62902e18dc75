package procurement

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigCall is 1,000 bids × 30 criteria (a gate, a price, two quantities, 26 scales) × 5
// evaluators.
func bigCall() (Snapshot, []Bid, []Score) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := Snapshot{Procedure: Open, Aggregation: "median"}
	s.Criteria = append(s.Criteria, Criterion{Key: "gate", Kind: Gate}, Criterion{Key: "price", Kind: Price, Weight: 30, Formula: Logarithmic, Param: 2},
		Criterion{Key: "q1", Kind: Quantity, Weight: 5, Proxy: 100, SocialValue: true}, Criterion{Key: "q2", Kind: Quantity, Weight: 5, Proxy: 50, SocialValue: true})
	for i := 0; i < 26; i++ {
		w := 2.0
		if i < 8 {
			w = 3 // 26 scales weighing 60 in all
		}
		s.Criteria = append(s.Criteria, Criterion{Key: fmt.Sprintf("s%02d", i), Kind: Scale, Weight: w, SocialValue: i%3 == 0})
	}
	var bids []Bid
	var scores []Score
	for b := 0; b < 1000; b++ {
		id := fmt.Sprintf("bid%04d", b)
		bids = append(bids, Bid{ID: id, Bidder: fmt.Sprintf("Bidder %04d", b), Price: 50000 + rng.Float64()*50000,
			SubmittedAt: fmt.Sprintf("2026-03-01T%02d:%02d:00Z", b/60%24, b%60), Gates: map[string]bool{"gate": b%50 != 0},
			Quantities: map[string]float64{"q1": float64(rng.IntN(10)), "q2": float64(rng.IntN(20))}})
		for c := 0; c < 26; c++ {
			for e := 0; e < 5; e++ {
				scores = append(scores, Score{BidID: id, Criterion: fmt.Sprintf("s%02d", c), Evaluator: fmt.Sprint("E", e), Score: float64(rng.IntN(6))})
			}
		}
	}
	return s, bids, scores
}

// BenchmarkScoreRankSensitivity is the target: scoring, ranking and sensitivity
// of 1,000 bids × 30 criteria × 5 evaluators in under 100 ms.
func BenchmarkScoreRankSensitivity(b *testing.B) {
	s, bids, scores := bigCall()
	b.ReportAllocs()
	for b.Loop() {
		res := ScoreBids(s, bids, scores)
		if sv := Sensitive(s, res, "bench"); len(sv) != 1 {
			b.Fatal("no sensitivity")
		}
	}
}

func TestBigCallIsScored(t *testing.T) {
	s, bids, scores := bigCall()
	for i := range s.Criteria {
		s.Criteria[i].Title = s.Criteria[i].Key
	}
	if _, err := Check(s.Criteria); err != nil {
		t.Fatal(err)
	}
	res := ScoreBids(s, bids, scores)
	out := 0
	for _, r := range res {
		if r.Excluded {
			out++
		}
	}
	if out != 20 || res[0].Rank != 1 {
		t.Fatalf("%d excluded, first rank %d", out, res[0].Rank)
	}
}
