package procurement

import (
	"crypto/sha256"
	"math"
	"math/rand/v2"
)

// WeightChange is, for one weighted criterion, the smallest change of its weight (the
// others scaled in proportion, so that they still sum to 100) that gives the lot another
// winner.
type WeightChange struct {
	Key       string  `json:"key"`
	Weight    float64 `json:"weight"`
	Delta     float64 `json:"delta"`      // points of weight, + or −; 0 with Changes false
	Changes   bool    `json:"changes"`    // false: no weight from 0 to 100 changes the winner
	NewWinner string  `json:"new_winner"` // the bidder who would win
}

// Stability is how often a bid of the top three kept its rank when every weight moved at
// random within ±10% and the weights were scaled back to 100.
type Stability struct {
	Bidder string  `json:"bidder"`
	Rank   int     `json:"rank"`
	Kept   float64 `json:"kept"` // share of the draws, 0–1
}

// Sensitivity is how a lot's ranking depends on the weights.
type Sensitivity struct {
	Lot       string         `json:"lot"`
	Winner    string         `json:"winner"`
	Weights   []WeightChange `json:"weights"`
	Stability []Stability    `json:"stability"`
	Draws     int            `json:"draws"`
}

// Draws is how many random weightings the stability test tries; Jitter how far each
// weight moves (±10%).
const (
	Draws  = 1000
	Jitter = 0.10
)

// Sensitive computes the sensitivity of each lot's ranking (res as ScoreBids gave it),
// its random draws seeded by seed (the frozen hash), so that every laptop finds the same.
func Sensitive(s Snapshot, res []Result, seed string) []Sensitivity {
	var weighted []int
	for c, k := range s.Criteria {
		if k.Kind != Gate && k.Weight > 0 {
			weighted = append(weighted, c)
		}
	}
	var out []Sensitivity
	for start := 0; start < len(res); {
		end := start
		for end < len(res) && res[end].Lot == res[start].Lot {
			end++
		}
		var in []Result
		for _, r := range res[start:end] {
			if !r.Excluded {
				in = append(in, r)
			}
		}
		if len(in) > 0 {
			out = append(out, lotSensitivity(s, in, weighted, seed))
		}
		start = end
	}
	return out
}

// lotSensitivity works on the bids of one lot still in, in rank order.
func lotSensitivity(s Snapshot, in []Result, weighted []int, seed string) Sensitivity {
	sv := Sensitivity{Lot: in[0].Lot, Winner: in[0].Bidder, Draws: Draws}
	n := make([][]float64, len(in)) // normalised scores of the weighted criteria
	for b, r := range in {
		n[b] = make([]float64, len(weighted))
		for j, c := range weighted {
			n[b][j] = r.Criteria[c].Normalised
		}
	}
	w := make([]float64, len(weighted))
	sum := 0.0
	for j, c := range weighted {
		w[j] = s.Criteria[c].Weight
		sum += w[j]
	}
	total := func(b int, w []float64) float64 {
		t := 0.0
		for j := range w {
			t += w[j] * n[b][j]
		}
		return t
	}
	// Each total is linear in the weight moved: T_b(δ) = (w_i+δ)·n_bi + (S−w_i−δ)/(S−w_i)·R_b.
	for i := range weighted {
		wc := WeightChange{Key: s.Criteria[weighted[i]].Key, Weight: w[i]}
		rest := sum - w[i]
		best := math.Inf(1)
		if rest > 0 && len(in) > 1 {
			rw := total(0, w) - w[i]*n[0][i]
			for b := 1; b < len(in); b++ {
				rb := total(b, w) - w[i]*n[b][i]
				d0 := total(0, w) - total(b, w)
				slope := (n[0][i] - n[b][i]) - (rw-rb)/rest
				if slope == 0 {
					continue
				}
				delta := -d0 / slope
				if delta < -w[i] || delta > rest || delta == 0 {
					continue
				}
				if math.Abs(delta) < math.Abs(best) {
					best, wc.NewWinner = delta, in[b].Bidder
				}
			}
		}
		if !math.IsInf(best, 1) {
			wc.Delta, wc.Changes = best, true
		}
		sv.Weights = append(sv.Weights, wc)
	}
	// Stability of the top three over random weightings.
	top := min(3, len(in))
	kept := make([]int, top)
	sumSeed := sha256.Sum256([]byte("pacta-sensitivity/" + seed + "/" + sv.Lot))
	rng := rand.New(rand.NewChaCha8(sumSeed))
	ww := make([]float64, len(w))
	tot := make([]float64, len(in))
	for range Draws {
		s2 := 0.0
		for j := range w {
			ww[j] = w[j] * (1 + Jitter*(2*rng.Float64()-1))
			s2 += ww[j]
		}
		for j := range ww {
			ww[j] *= sum / s2
		}
		for b := range in {
			tot[b] = total(b, ww)
		}
		for k := 0; k < top; k++ {
			r := 1
			for b := range in {
				// A bid ranked before k at the same total stays before it (the tie-break
				// does not depend on the weights' total).
				if b != k && (tot[b] > tot[k]+1e-9 || math.Abs(tot[b]-tot[k]) <= 1e-9 && b < k) {
					r++
				}
			}
			if r == k+1 {
				kept[k]++
			}
		}
	}
	for k := 0; k < top; k++ {
		sv.Stability = append(sv.Stability, Stability{Bidder: in[k].Bidder, Rank: k + 1, Kept: float64(kept[k]) / Draws})
	}
	return sv
}
