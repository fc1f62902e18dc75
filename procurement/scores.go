package procurement

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"pacta/internal/errs"
	"pacta/internal/fold"
	"pacta/model"
)

// scoreColumns are the columns of a scores file (lot only when a bidder bid for several).
var scoreColumns = []string{"bidder", "criterion", "score", "justification", "lot"}

// ReadScores reads one evaluator's scores of call c from CSV: bidder, criterion, score
// (0–5, a scale criterion), justification. Every line is checked before anything is
// written; the first refusal names its line.
func ReadScores(q model.Querier, c model.ProcurementCall, evaluator string, r io.Reader) ([]model.ProcurementScore, error) {
	evaluator = strings.Join(strings.Fields(evaluator), " ")
	if evaluator == "" {
		return nil, errs.E("scores", errs.Invalid, errs.Key("procurement.error.evaluator_required"))
	}
	s, err := SnapshotOf(q, c)
	if err != nil {
		return nil, err
	}
	scale := map[string]bool{}
	for _, k := range s.Criteria {
		if k.Kind == Scale {
			scale[k.Key] = true
		}
	}
	bids, err := BidRows(q, c.ID)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, lineError(1, "procurement.error.file_empty", nil)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if !oneOf(h, scoreColumns) {
			return nil, lineError(1, "procurement.error.unknown_column", map[string]any{"Column": h, "Columns": strings.Join(scoreColumns, ", ")})
		}
		col[h] = i
	}
	for _, need := range []string{"bidder", "criterion", "score"} {
		if _, ok := col[need]; !ok {
			return nil, lineError(1, "procurement.error.missing_column", map[string]any{"Column": need})
		}
	}
	var out []model.ProcurementScore
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, lineError(line, "procurement.error.bad_line", map[string]any{"Error": err.Error()})
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		name, lot, crit := get("bidder"), get("lot"), get("criterion")
		var match []model.ProcurementBid
		for _, b := range bids {
			if fold.Name(b.Bidder) == fold.Name(name) && (lot == "" || fold.Name(b.Lot) == fold.Name(lot)) {
				match = append(match, b)
			}
		}
		switch len(match) {
		case 0:
			return nil, lineError(line, "procurement.error.score_bidder", map[string]any{"Bidder": name})
		case 1:
		default:
			return nil, lineError(line, "procurement.error.score_lot", map[string]any{"Bidder": name})
		}
		if !scale[crit] {
			return nil, lineError(line, "procurement.error.score_criterion", map[string]any{"Criterion": crit})
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(get("score"), ",", "."), 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > ScaleMax {
			return nil, lineError(line, "procurement.error.score_range", map[string]any{"Value": get("score"), "Max": ScaleMax})
		}
		k := match[0].ID + "\x00" + crit
		if first, dup := seen[k]; dup {
			return nil, lineError(line, "procurement.error.score_twice", map[string]any{"Bidder": name, "Criterion": crit, "First": first})
		}
		seen[k] = line
		out = append(out, model.ProcurementScore{CallID: c.ID, BidID: match[0].ID, Criterion: crit, Evaluator: evaluator, Score: v,
			Justification: get("justification")})
	}
	if len(out) == 0 {
		return nil, lineError(2, "procurement.error.no_scores_in_file", nil)
	}
	return out, nil
}

// PutScores writes an evaluator's scores into call c (open or under evaluation): a score
// the evaluator gave before for the same bid and criterion is updated.
func PutScores(tx *model.Tx, c model.ProcurementCall, scores []model.ProcurementScore) (int, error) {
	if c.Status != OpenStatus && c.Status != Evaluation {
		return 0, errs.E("scores", errs.Conflict, errs.Key("procurement.error.scores_when"),
			map[string]any{"Ref": c.Ref, "Status": errs.Key("procurement.status." + c.Status)})
	}
	old, err := ScoreRows(tx, c.ID)
	if err != nil {
		return 0, err
	}
	byKey := map[string]model.ProcurementScore{}
	for _, o := range old {
		byKey[fold.Name(o.Evaluator)+"\x00"+o.BidID+"\x00"+o.Criterion] = o
	}
	for _, s := range scores {
		if o, ok := byKey[fold.Name(s.Evaluator)+"\x00"+s.BidID+"\x00"+s.Criterion]; ok {
			s.Row = o.Row
			if err := tx.PutEdit(&o, &s); err != nil {
				return 0, err
			}
			continue
		}
		if err := tx.Put(&s); err != nil {
			return 0, fmt.Errorf("scores: %w", err)
		}
	}
	return len(scores), nil
}
