package procurement

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/internal/fold"
	"pacta/model"
)

// Statuses of a call, in order.
const (
	Draft      = "draft"
	OpenStatus = "open"
	Evaluation = "evaluation"
	Awarded    = "awarded"
	Closed     = "closed"
)

// Statuses lists them.
var Statuses = []string{Draft, OpenStatus, Evaluation, Awarded, Closed}

// SettingSocialMin is the workspace's minimum social-value share of the weights, in
// percent; DefaultSocialMin is UK practice (PPN 06/20: 10%).
const (
	SettingSocialMin = "procurement.social_min"
	DefaultSocialMin = 10.0
)

// SocialMinOf is the workspace's minimum social-value share.
func SocialMinOf(q model.Querier) float64 {
	v, err := model.GetSetting(q, SettingSocialMin, "")
	if err != nil || v == "" {
		return DefaultSocialMin
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 100 {
		return DefaultSocialMin
	}
	return f
}

// SetSocialMin sets the workspace's minimum social-value share (a percentage, 0–100). New
// calls take it; a call keeps the minimum it was made with.
func SetSocialMin(tx *model.Tx, value string) error {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(value), ",", "."), "%"), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 100 {
		return errs.E("social-value minimum", errs.Invalid, errs.Key("procurement.error.social_min_value"), map[string]any{"Value": value})
	}
	base, err := model.GetSetting(tx, SettingSocialMin, "")
	if err != nil {
		return err
	}
	return tx.EditSetting(SettingSocialMin, base, strconv.FormatFloat(f, 'f', -1, 64))
}

const callCols = `id, deleted, ref, title, description, budget, currency, procedure, status, aggregation, social_min, opened_on,
	frozen, frozen_hash, awarded_bid, notes`

// Calls lists the live calls, newest reference first.
func Calls(q model.Querier) ([]model.ProcurementCall, error) {
	var cs []model.ProcurementCall
	if err := q.Select(&cs, "SELECT "+callCols+" FROM procurement_calls WHERE deleted = 0 ORDER BY ref DESC, id"); err != nil {
		return nil, fmt.Errorf("list calls: %w", err)
	}
	return cs, nil
}

// FindCall takes a reference (case aside) or an id.
func FindCall(q model.Querier, ref string) (model.ProcurementCall, error) {
	var cs []model.ProcurementCall
	ref = strings.TrimSpace(ref)
	err := q.Select(&cs, "SELECT "+callCols+" FROM procurement_calls WHERE (ref = ? COLLATE NOCASE OR id = ?) AND deleted = 0 ORDER BY id LIMIT 1", ref, ref)
	if err == nil && len(cs) == 0 {
		err = sql.ErrNoRows
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.ProcurementCall{}, errs.E("call", errs.NotFound, errs.Key("procurement.error.not_found"), map[string]any{"Ref": ref})
	}
	if err != nil {
		return model.ProcurementCall{}, fmt.Errorf("find call %s: %w", ref, err)
	}
	return cs[0], nil
}

// Lots lists a call's lots in order.
func Lots(q model.Querier, callID string) ([]model.ProcurementLot, error) {
	var ls []model.ProcurementLot
	if err := q.Select(&ls, "SELECT id, deleted, call_id, position, name FROM procurement_lots WHERE call_id = ? AND deleted = 0 ORDER BY position, id", callID); err != nil {
		return nil, fmt.Errorf("call lots: %w", err)
	}
	return ls, nil
}

// CriteriaRows lists a call's criteria as stored, in order.
func CriteriaRows(q model.Querier, callID string) ([]model.ProcurementCriterion, error) {
	var cs []model.ProcurementCriterion
	if err := q.Select(&cs, `SELECT id, deleted, call_id, position, key, title, kind, weight, social_value, formula, param, unit, proxy,
		citation, descriptors FROM procurement_criteria WHERE call_id = ? AND deleted = 0 ORDER BY position, id`, callID); err != nil {
		return nil, fmt.Errorf("call criteria: %w", err)
	}
	return cs, nil
}

// BidRows lists a call's bids.
func BidRows(q model.Querier, callID string) ([]model.ProcurementBid, error) {
	var bs []model.ProcurementBid
	if err := q.Select(&bs, `SELECT id, deleted, call_id, bidder, bidder_type, social_economy, local, disadvantaged_pct, evidence, lot, price,
		submitted_at, quantities, gates, notes FROM procurement_bids WHERE call_id = ? AND deleted = 0 ORDER BY lot, bidder, id`, callID); err != nil {
		return nil, fmt.Errorf("call bids: %w", err)
	}
	return bs, nil
}

// ScoreRows lists a call's scores.
func ScoreRows(q model.Querier, callID string) ([]model.ProcurementScore, error) {
	var ss []model.ProcurementScore
	if err := q.Select(&ss, `SELECT id, deleted, call_id, bid_id, criterion, evaluator, score, justification FROM procurement_scores
		WHERE call_id = ? AND deleted = 0 ORDER BY evaluator, bid_id, criterion, id`, callID); err != nil {
		return nil, fmt.Errorf("call scores: %w", err)
	}
	return ss, nil
}

// NewCall is what `procurement new` and the new call form give.
type NewCall struct {
	Title       string
	Description string
	Budget      float64
	Currency    string
	Procedure   string
	Lots        []string
	Aggregation string
}

// Create makes a draft call with its lots and prints nothing; the reference is
// CALL-YEAR-NNNN.
func Create(tx *model.Tx, n NewCall, now time.Time) (model.ProcurementCall, error) {
	const op = "new call"
	n.Title = strings.Join(strings.Fields(n.Title), " ")
	if n.Title == "" {
		return model.ProcurementCall{}, errs.E(op, errs.Invalid, errs.Key("procurement.error.title_required"))
	}
	if n.Procedure == "" {
		n.Procedure = Open
	}
	n.Procedure = strings.ReplaceAll(n.Procedure, "-", "_")
	if !oneOf(n.Procedure, Procedures) {
		return model.ProcurementCall{}, errs.E(op, errs.Invalid, errs.Key("procurement.error.procedure"), map[string]any{"Value": n.Procedure})
	}
	if n.Budget < 0 || math.IsNaN(n.Budget) || math.IsInf(n.Budget, 0) {
		return model.ProcurementCall{}, errs.E(op, errs.Invalid, errs.Key("procurement.error.budget"))
	}
	if n.Aggregation == "" {
		n.Aggregation = "median"
	}
	if !oneOf(n.Aggregation, Aggregations) {
		return model.ProcurementCall{}, errs.E(op, errs.Invalid, errs.Key("procurement.error.aggregation"), map[string]any{"Value": n.Aggregation})
	}
	seen := map[string]bool{}
	var lots []string
	for _, l := range n.Lots {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if seen[strings.ToLower(l)] {
			return model.ProcurementCall{}, errs.E(op, errs.Invalid, errs.Key("procurement.error.lot_twice"), map[string]any{"Lot": l})
		}
		seen[strings.ToLower(l)] = true
		lots = append(lots, l)
	}
	ref, err := model.NextRef(tx, "procurement_calls", fmt.Sprintf("CALL-%d-", now.Year()), 4)
	if err != nil {
		return model.ProcurementCall{}, err
	}
	currency := strings.ToUpper(strings.TrimSpace(n.Currency))
	if currency == "" { // the municipality's, as its profile says
		if currency, err = model.Currency(tx); err != nil {
			return model.ProcurementCall{}, err
		}
	}
	c := model.ProcurementCall{Ref: ref, Title: n.Title, Description: strings.TrimSpace(n.Description), Budget: n.Budget,
		Currency: currency, Procedure: n.Procedure, Status: Draft, Aggregation: n.Aggregation, SocialMin: SocialMinOf(tx)}
	if err := tx.Put(&c); err != nil {
		return c, fmt.Errorf("%s: %w", op, err)
	}
	for i, l := range lots {
		if err := tx.Put(&model.ProcurementLot{CallID: c.ID, Position: int64(i + 1), Name: l}); err != nil {
			return c, err
		}
	}
	return c, nil
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// criterionOf is a stored criterion as the snapshot holds it.
func criterionOf(r model.ProcurementCriterion) Criterion {
	return Criterion{Key: r.Key, Title: r.Title, Kind: r.Kind, Weight: r.Weight, SocialValue: r.SocialValue, Formula: r.Formula, Param: r.Param,
		Unit: r.Unit, Proxy: r.Proxy, Citation: r.Citation, Descriptors: r.Descriptors}
}

// SnapshotOf is what scoring reads for c: the frozen snapshot once the call opened, else
// the criteria as they stand (a draft's preview).
func SnapshotOf(q model.Querier, c model.ProcurementCall) (Snapshot, error) {
	if c.Frozen != "" {
		var s Snapshot
		if err := json.Unmarshal([]byte(c.Frozen), &s); err != nil {
			return s, errs.E("call", errs.Internal, fmt.Errorf("the frozen criteria of %s cannot be read: %w", c.Ref, err))
		}
		return s, nil
	}
	return liveSnapshot(q, c)
}

func liveSnapshot(q model.Querier, c model.ProcurementCall) (Snapshot, error) {
	rows, err := CriteriaRows(q, c.ID)
	if err != nil {
		return Snapshot{}, err
	}
	lots, err := Lots(q, c.ID)
	if err != nil {
		return Snapshot{}, err
	}
	s := Snapshot{Procedure: c.Procedure, Aggregation: c.Aggregation, Lots: []string{}, Criteria: []Criterion{}}
	for _, l := range lots {
		s.Lots = append(s.Lots, l.Name)
	}
	for _, r := range rows {
		s.Criteria = append(s.Criteria, criterionOf(r))
	}
	return s, nil
}

// HashOf is the SHA-256 of a snapshot's canonical JSON, and the JSON.
func HashOf(s Snapshot) (string, string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), string(b), nil
}

// Drift lists the criteria whose stored rows differ from the frozen snapshot (an edit that
// arrived by sync from a laptop that had not seen the call open): scoring ignores them,
// the call shows them.
func Drift(q model.Querier, c model.ProcurementCall) ([]string, error) {
	if c.Frozen == "" {
		return nil, nil
	}
	frozen, err := SnapshotOf(q, c)
	if err != nil {
		return nil, err
	}
	live, err := liveSnapshot(q, c)
	if err != nil {
		return nil, err
	}
	was := map[string]Criterion{}
	for _, k := range frozen.Criteria {
		was[k.Key] = k
	}
	var out []string
	seen := map[string]bool{}
	for _, k := range live.Criteria {
		seen[k.Key] = true
		if f, ok := was[k.Key]; !ok || f != k {
			out = append(out, k.Key)
		}
	}
	for _, k := range frozen.Criteria {
		if !seen[k.Key] {
			out = append(out, k.Key)
		}
	}
	return out, nil
}

// KnownBidders are the bidders of the workspace's calls that match what a person typed
// (every word of it in the name; case and accents aside), each name once with the type
// of its latest bid, by name. At most limit (0: all).
func KnownBidders(q model.Querier, text string, limit int) ([]model.ProcurementBid, error) {
	var all []model.ProcurementBid
	if err := q.Select(&all, `SELECT id, deleted, call_id, bidder, bidder_type, social_economy, local, disadvantaged_pct, evidence, lot, price,
		submitted_at, quantities, gates, notes FROM procurement_bids WHERE deleted = 0 ORDER BY submitted_at DESC, id`); err != nil {
		return nil, fmt.Errorf("known bidders: %w", err)
	}
	seen := map[string]bool{}
	var out []model.ProcurementBid
	for _, b := range all {
		key := fold.Name(b.Bidder)
		if seen[key] || !fold.Match(text, b.Bidder) {
			continue
		}
		seen[key] = true
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool { return fold.Name(out[i].Bidder) < fold.Name(out[j].Bidder) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
