package councils

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"pacta/internal/errs"
	"pacta/internal/fold"
	"pacta/model"
)

const councilCols = `id, deleted, name, level, jurisdiction, purpose, seats_per_side, seats, term_years, first_chair, founded,
	rule, by_lot, quorum, anchor_index, anchor_start, anchor_chair, notes`

const memberCols = `id, deleted, council_id, name, side, category, org, seat, designated, mode, selection_id, ceased,
	ceased_reason, substitute_for`

// List lists the live councils by name.
func List(q model.Querier) ([]model.Council, error) {
	var cs []model.Council
	if err := q.Select(&cs, "SELECT "+councilCols+" FROM councils WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id"); err != nil {
		return nil, fmt.Errorf("list councils: %w", err)
	}
	return cs, nil
}

// ByID reads one live council.
func ByID(q model.Querier, id string) (model.Council, error) {
	var c model.Council
	err := q.Get(&c, "SELECT "+councilCols+" FROM councils WHERE id = ? AND deleted = 0", id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.E("council", errs.NotFound, errs.Key("council.error.not_found"), map[string]any{"Name": id})
	}
	if err != nil {
		return c, fmt.Errorf("read council %s: %w", id, err)
	}
	return c, nil
}

// Find takes an id, or a name, or a part of a name that only one council has (its start
// first: "kalsa" finds "Consiglio Kalsa" when no other council's name holds it).
func Find(q model.Querier, ref string) (model.Council, error) {
	ref = strings.TrimSpace(ref)
	all, err := List(q)
	if err != nil {
		return model.Council{}, err
	}
	var prefix, part []model.Council
	for _, c := range all {
		if c.ID == ref || foldName(c.Name) == foldName(ref) {
			return c, nil
		}
		if ref != "" && strings.HasPrefix(foldName(c.Name), foldName(ref)) {
			prefix = append(prefix, c)
		}
		if ref != "" && strings.Contains(foldName(c.Name), foldName(ref)) {
			part = append(part, c)
		}
	}
	if len(prefix) == 0 {
		prefix = part
	}
	switch len(prefix) {
	case 1:
		return prefix[0], nil
	case 0:
		return model.Council{}, errs.E("council", errs.NotFound, errs.Key("council.error.not_found"), map[string]any{"Name": ref})
	}
	names := make([]string, len(prefix))
	for i, c := range prefix {
		names[i] = c.Name
	}
	return model.Council{}, errs.E("council", errs.Invalid, errs.Key("council.error.ambiguous"),
		map[string]any{"Name": ref, "Names": strings.Join(names, "; ")})
}

// Members lists every member a council has had (ceased ones too), by side and seat.
func Members(q model.Querier, councilID string) ([]model.CouncilMember, error) {
	var ms []model.CouncilMember
	if err := q.Select(&ms, "SELECT "+memberCols+" FROM council_members WHERE council_id = ? AND deleted = 0 ORDER BY side, seat, designated, name", councilID); err != nil {
		return nil, fmt.Errorf("council members: %w", err)
	}
	return ms, nil
}

// Terms lists the officer terms written down for a council, by index.
func Terms(q model.Querier, councilID string) ([]model.CouncilTerm, error) {
	var ts []model.CouncilTerm
	if err := q.Select(&ts, `SELECT id, deleted, council_id, term_index, start, end, chair_side, chair, vice_chair
		FROM council_terms WHERE council_id = ? AND deleted = 0 ORDER BY term_index, id`, councilID); err != nil {
		return nil, fmt.Errorf("council terms: %w", err)
	}
	return ts, nil
}

// Selections lists a council's civil selection records, newest first.
func Selections(q model.Querier, councilID string) ([]model.CouncilSelection, error) {
	var ss []model.CouncilSelection
	if err := q.Select(&ss, `SELECT id, deleted, council_id, date, method, seats, organisations, candidates, votes, result, seed,
		record, minutes_id, notes FROM council_selections WHERE council_id = ? AND deleted = 0 ORDER BY date DESC, id DESC`, councilID); err != nil {
		return nil, fmt.Errorf("council selections: %w", err)
	}
	return ss, nil
}

// Meetings lists a council's meetings, newest first.
func Meetings(q model.Querier, councilID string) ([]model.CouncilMeeting, error) {
	var ms []model.CouncilMeeting
	if err := q.Select(&ms, `SELECT id, deleted, council_id, date, agenda, present, notes FROM council_meetings
		WHERE council_id = ? AND deleted = 0 ORDER BY date DESC, id DESC`, councilID); err != nil {
		return nil, fmt.Errorf("council meetings: %w", err)
	}
	return ms, nil
}

// Decisions lists a meeting's decisions in order.
func Decisions(q model.Querier, meetingID string) ([]model.CouncilDecision, error) {
	var ds []model.CouncilDecision
	if err := q.Select(&ds, `SELECT id, deleted, meeting_id, position, text, gov_for, gov_against, gov_abstain, civil_for,
		civil_against, civil_abstain FROM council_decisions WHERE meeting_id = ? AND deleted = 0 ORDER BY position, id`, meetingID); err != nil {
		return nil, fmt.Errorf("council decisions: %w", err)
	}
	return ds, nil
}

// KnownMembers are the people seated on any council of the workspace that match what a
// person typed (every word, in the name or the nominating organisation; case and accents
// aside), each name and organisation once, by name. At most limit (0: all).
func KnownMembers(q model.Querier, text string, limit int) ([]model.CouncilMember, error) {
	var all []model.CouncilMember
	if err := q.Select(&all, "SELECT "+memberCols+" FROM council_members WHERE deleted = 0 ORDER BY designated DESC, id"); err != nil {
		return nil, fmt.Errorf("known members: %w", err)
	}
	seen := map[string]bool{}
	var out []model.CouncilMember
	for _, m := range all {
		key := fold.Name(m.Name) + "\x00" + fold.Name(m.Org)
		if seen[key] || !fold.Match(text, m.Name, m.Org) {
			continue
		}
		seen[key] = true
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return fold.Name(out[i].Name) < fold.Name(out[j].Name) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
