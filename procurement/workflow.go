package procurement

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// next is the one status each move leads to, and the status it starts from.
var moves = map[string]struct{ from, to string }{
	"open":     {Draft, OpenStatus},
	"evaluate": {OpenStatus, Evaluation},
	"award":    {Evaluation, Awarded},
	"close":    {Awarded, Closed},
}

// Moves lists the moves in order.
var Moves = []string{"open", "evaluate", "award", "close"}

// Move takes a call one step along draft → open → evaluation → awarded → closed.
// Opening checks the criteria (weights summing to 100, the social-value share at least the
// call's minimum) and freezes them with their hash; evaluation needs a bid; the award goes
// to the first of each lot's ranking.
func Move(tx *model.Tx, c model.ProcurementCall, move string, now time.Time) (model.ProcurementCall, error) {
	op := move + " call"
	m, ok := moves[move]
	if !ok {
		return c, errs.E(op, errs.Invalid, errs.Key("procurement.error.move"), map[string]any{"Value": move, "Values": strings.Join(Moves, ", ")})
	}
	cur, err := FindCall(tx, c.ID)
	if err != nil {
		return c, err
	}
	if cur.Status != m.from {
		return c, errs.E(op, errs.Conflict, errs.Key("procurement.error.move_from"),
			map[string]any{"Ref": cur.Ref, "Status": errs.Key("procurement.status." + cur.Status), "Need": errs.Key("procurement.status." + m.from)})
	}
	next := cur
	next.Status = m.to
	switch move {
	case "open":
		s, err := liveSnapshot(tx, cur)
		if err != nil {
			return c, err
		}
		social, err := Check(s.Criteria)
		if err != nil {
			return c, errs.E(op, err)
		}
		if social+1e-9 < cur.SocialMin {
			return c, errs.E(op, errs.Invalid, errs.Key("procurement.error.social_min"),
				map[string]any{"Share": fmtNum(social), "Min": fmtNum(cur.SocialMin)})
		}
		hash, frozen, err := HashOf(s)
		if err != nil {
			return c, err
		}
		next.Frozen, next.FrozenHash, next.OpenedOn = frozen, hash, now.UTC().Format("2006-01-02")
		if err := restampCriteria(tx, cur.ID); err != nil {
			return c, err
		}
	case "evaluate":
		bids, err := BidRows(tx, cur.ID)
		if err != nil {
			return c, err
		}
		if len(bids) == 0 {
			return c, errs.E(op, errs.Invalid, errs.Key("procurement.error.no_bids"), map[string]any{"Ref": cur.Ref})
		}
	case "award":
		r, err := Evaluate(tx, cur)
		if err != nil {
			return c, err
		}
		var winners []string
		for _, b := range r.Results {
			if b.Rank == 1 {
				winners = append(winners, b.BidID)
			}
		}
		if len(winners) == 0 {
			return c, errs.E(op, errs.Invalid, errs.Key("procurement.error.no_winner"), map[string]any{"Ref": cur.Ref})
		}
		next.AwardedBid = strings.Join(winners, " ")
	}
	if err := tx.PutEdit(&cur, &next); err != nil {
		return c, fmt.Errorf("%s: %w", op, err)
	}
	return next, nil
}

// frozenFields are the fields of a criterion that scoring reads.
var frozenFields = []string{"key", "title", "kind", "weight", "social_value", "formula", "param", "unit", "proxy", "position"}

// restampCriteria writes the criteria's values again as a change of the opening, so that
// an edit of a criterion made on a laptop that had not seen the call open is concurrent
// with it: every laptop then records it as a conflict (on the Sync screen), and scoring,
// which reads the frozen snapshot, ignores it whichever value wins.
func restampCriteria(tx *model.Tx, callID string) error {
	rows, err := CriteriaRows(tx, callID)
	if err != nil {
		return err
	}
	for _, r := range rows {
		vals := map[string]any{"key": r.Key, "title": r.Title, "kind": r.Kind, "weight": r.Weight, "social_value": r.SocialValue,
			"formula": r.Formula, "param": r.Param, "unit": r.Unit, "proxy": r.Proxy, "position": r.Position}
		for _, f := range frozenFields {
			b, err := json.Marshal(vals[f])
			if err != nil {
				return err
			}
			if err := tx.SetField("procurement_criteria", r.ID, f, model.RawJSON(b), true); err != nil {
				return fmt.Errorf("freeze criterion %s: %w", r.Key, err)
			}
		}
	}
	return nil
}

// Report is a call's scoring: the results of every bid, the sensitivity of each lot's
// ranking, and the criteria rows that differ from the frozen snapshot.
type Report struct {
	Call        model.ProcurementCall `json:"-"`
	Snapshot    Snapshot              `json:"snapshot"`
	Hash        string                `json:"hash"`
	Results     []Result              `json:"results"`
	Sensitivity []Sensitivity         `json:"sensitivity"`
	Drift       []string              `json:"drift"`
	Bids        []model.ProcurementBid
	Scores      []model.ProcurementScore
}

// Evaluate scores call c from the store: its snapshot, bids and scores.
func Evaluate(q model.Querier, c model.ProcurementCall) (Report, error) {
	r := Report{Call: c}
	var err error
	if r.Snapshot, err = SnapshotOf(q, c); err != nil {
		return r, err
	}
	r.Hash = c.FrozenHash
	if r.Hash == "" {
		r.Hash, _, _ = HashOf(r.Snapshot)
	}
	if r.Bids, err = BidRows(q, c.ID); err != nil {
		return r, err
	}
	if r.Scores, err = ScoreRows(q, c.ID); err != nil {
		return r, err
	}
	bids := make([]Bid, len(r.Bids))
	for i, b := range r.Bids {
		bids[i] = bidOf(b)
	}
	scores := make([]Score, len(r.Scores))
	for i, s := range r.Scores {
		scores[i] = Score{BidID: s.BidID, Criterion: s.Criterion, Evaluator: s.Evaluator, Score: s.Score, Justification: s.Justification}
	}
	r.Results = ScoreBids(r.Snapshot, bids, scores)
	r.Sensitivity = Sensitive(r.Snapshot, r.Results, r.Hash)
	if r.Drift, err = Drift(q, c); err != nil {
		return r, err
	}
	if r.Drift == nil {
		r.Drift = []string{}
	}
	return r, nil
}

func fmtNum(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
