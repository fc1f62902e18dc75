package councils

import (
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// NewMeeting is what `council meeting add` and the meeting form give.
type NewMeeting struct {
	Date      string
	Agenda    string
	Present   []string // names of members present
	Decisions []NewDecision
	Notes     string
}

// NewDecision is a decision with its votes by side (zero when not counted).
type NewDecision struct {
	Text                                 string `json:"text"`
	GovFor, GovAgainst, GovAbstain       int64
	CivilFor, CivilAgainst, CivilAbstain int64
}

// AddMeeting records a meeting: every person present must be a member on its date.
func AddMeeting(tx *model.Tx, c model.Council, n NewMeeting) (model.CouncilMeeting, error) {
	const op = "record meeting"
	if _, err := ParseDate(n.Date); err != nil {
		return model.CouncilMeeting{}, errs.E(op, errs.Invalid, errs.Key("council.error.meeting_date"), map[string]any{"Value": n.Date})
	}
	n.Date = strings.TrimSpace(n.Date)
	if strings.TrimSpace(n.Agenda) == "" {
		return model.CouncilMeeting{}, errs.E(op, errs.Invalid, errs.Key("council.error.agenda_required"))
	}
	members, err := Members(tx, c.ID)
	if err != nil {
		return model.CouncilMeeting{}, err
	}
	var ids []string
	seen := map[string]bool{}
	for _, name := range n.Present {
		if strings.TrimSpace(name) == "" {
			continue
		}
		m, err := activeNamed(members, name, n.Date)
		if err != nil {
			return model.CouncilMeeting{}, errs.E(op, err)
		}
		if !seen[m.ID] {
			seen[m.ID] = true
			ids = append(ids, m.ID)
		}
	}
	for i, d := range n.Decisions {
		if strings.TrimSpace(d.Text) == "" {
			return model.CouncilMeeting{}, errs.E(op, errs.Invalid, errs.Key("council.error.decision_text"), map[string]any{"Number": i + 1})
		}
		for _, v := range []int64{d.GovFor, d.GovAgainst, d.GovAbstain, d.CivilFor, d.CivilAgainst, d.CivilAbstain} {
			if v < 0 {
				return model.CouncilMeeting{}, errs.E(op, errs.Invalid, errs.Key("council.error.votes_negative"), map[string]any{"Name": fmt.Sprint(i + 1)})
			}
		}
	}
	m := model.CouncilMeeting{CouncilID: c.ID, Date: n.Date, Agenda: strings.TrimSpace(n.Agenda), Present: strings.Join(ids, "\n"),
		Notes: strings.TrimSpace(n.Notes)}
	if err := tx.Put(&m); err != nil {
		return m, fmt.Errorf("%s: %w", op, err)
	}
	for i, d := range n.Decisions {
		if err := tx.Put(&model.CouncilDecision{MeetingID: m.ID, Position: int64(i + 1), Text: strings.TrimSpace(d.Text),
			GovFor: d.GovFor, GovAgainst: d.GovAgainst, GovAbstain: d.GovAbstain,
			CivilFor: d.CivilFor, CivilAgainst: d.CivilAgainst, CivilAbstain: d.CivilAbstain}); err != nil {
			return m, fmt.Errorf("%s: %w", op, err)
		}
	}
	return m, nil
}

// Quorum is who attended a meeting by side and whether the council's quorum rule held:
// a majority of each side's seats present, or a majority of all seats.
type Quorum struct {
	Government int64 `json:"government"`
	Civil      int64 `json:"civil"`
	Total      int64 `json:"total"`
	Need       int64 `json:"need"` // per side (each_side) or in all
	OK         bool  `json:"quorum"`
}

// QuorumOf checks a meeting's attendance against c's rule.
func QuorumOf(c model.Council, members []model.CouncilMember, m model.CouncilMeeting) Quorum {
	byID := map[string]model.CouncilMember{}
	for _, x := range members {
		byID[x.ID] = x
	}
	var q Quorum
	for _, id := range Lines(m.Present) {
		x, ok := byID[id]
		if !ok {
			continue
		}
		q.Total++
		switch x.Side {
		case Government:
			q.Government++
		case Civil:
			q.Civil++
		}
	}
	if c.Quorum == QuorumAll || RuleOf(c).Cap {
		q.Need = TotalSeats(c)/2 + 1
		q.OK = q.Total >= q.Need
		return q
	}
	q.Need = c.SeatsPerSide/2 + 1
	q.OK = q.Government >= q.Need && q.Civil >= q.Need
	return q
}
