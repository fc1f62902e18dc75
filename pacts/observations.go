// Observations and competing proposals received while a complex pact is published (the
// regulation's public notice: anyone may comment or propose an alternative), and the
// municipality's answers.

package pacts

import (
	"fmt"
	"strings"

	"pacta/model"
)

// Observation kinds.
const (
	ObservationComment  = "observation" // a comment on the proposal
	ObservationProposal = "proposal"    // a competing proposal for the same commons
)

// ObservationKinds lists the kinds of observation.
var ObservationKinds = []string{ObservationComment, ObservationProposal}

// ObservationsOf lists a pact's observations in order of receipt.
func ObservationsOf(q model.Querier, pactID string) ([]model.PactObservation, error) {
	out := []model.PactObservation{}
	err := q.Select(&out, `SELECT id, deleted, pact_id, kind, author, received_on, text, answer, answered_on, answered_by, actor
		FROM pact_observations WHERE pact_id = ? AND deleted = 0 ORDER BY received_on, id`, pactID)
	if err != nil {
		return nil, fmt.Errorf("read the observations of pact %s: %w", pactID, err)
	}
	return out, nil
}

// NewObservation is an observation as a form or the command line gives it.
type NewObservation struct {
	Kind       string // observation (default) or proposal
	Author     string
	ReceivedOn string // YYYY-MM-DD; empty: today
	Text       string
}

// Observe records an observation received during the pact's publication. Refused, with
// nothing written, when the pact is not published, when the date does not exist, is in the
// future, is before the publication or after the observations closed, or when the author
// or the text is missing.
func Observe(tx *model.Tx, pactID string, n NewObservation, by By) (model.PactObservation, error) {
	p, err := PactByID(tx, pactID)
	if err != nil {
		return model.PactObservation{}, err
	}
	dl, err := LoadDeadlines(tx)
	if err != nil {
		return model.PactObservation{}, err
	}
	today := Day(by.now())
	n.Kind, n.Author, n.Text, n.ReceivedOn = strings.TrimSpace(n.Kind), strings.TrimSpace(n.Author), strings.TrimSpace(n.Text), strings.TrimSpace(n.ReceivedOn)
	if n.Kind == "" {
		n.Kind = ObservationComment
	}
	if n.ReceivedOn == "" {
		n.ReceivedOn = today
	}
	if _, err := ParseDate(n.ReceivedOn); err != nil {
		return model.PactObservation{}, err
	}
	var rs []Reason
	if !oneOf(n.Kind, ObservationKinds) {
		rs = append(rs, reason("pact.refuse.observation_kind", "Value", n.Kind, "Known", strings.Join(ObservationKinds, ", ")))
	}
	closes := AddDays(p.PublishedOn, dl.ComplexObservations)
	switch {
	case p.Status != Published || p.PublishedOn == "":
		rs = append(rs, reason("pact.refuse.observation_status", "Status", statusRef(p.Status)))
	case n.ReceivedOn > today:
		rs = append(rs, reason("pact.refuse.date_future", "Date", n.ReceivedOn, "Today", today))
	case n.ReceivedOn < p.PublishedOn:
		rs = append(rs, reason("pact.refuse.observation_before", "Date", n.ReceivedOn, "Since", p.PublishedOn))
	case n.ReceivedOn > closes:
		rs = append(rs, reason("pact.refuse.observation_closed", "Date", n.ReceivedOn, "Closed", closes))
	}
	if n.Author == "" {
		rs = append(rs, reason("pact.refuse.observation_author"))
	}
	if n.Text == "" {
		rs = append(rs, reason("pact.refuse.observation_text"))
	}
	if len(rs) > 0 {
		return model.PactObservation{}, &Refusal{Action: p.Ref + " observe", Reasons: rs}
	}
	o := model.PactObservation{PactID: p.ID, Kind: n.Kind, Author: n.Author, ReceivedOn: n.ReceivedOn, Text: n.Text, Actor: by.Actor}
	if err := tx.Put(&o); err != nil {
		return o, fmt.Errorf("observe %s: %w", p.Ref, err)
	}
	return o, nil
}

// Answer records the municipality's answer to an observation (on a date not before it was
// received, not in the future). An answer given already is replaced: the latest stands.
func Answer(tx *model.Tx, observationID, answer, on string, by By) (model.PactObservation, error) {
	var o model.PactObservation
	err := tx.Get(&o, `SELECT id, deleted, pact_id, kind, author, received_on, text, answer, answered_on, answered_by, actor
		FROM pact_observations WHERE id = ? AND deleted = 0`, observationID)
	if err != nil {
		return o, fmt.Errorf("answer observation %s: %w", observationID, ErrNotFound)
	}
	today := Day(by.now())
	on, answer = strings.TrimSpace(on), strings.TrimSpace(answer)
	if on == "" {
		on = today
	}
	if _, err := ParseDate(on); err != nil {
		return o, err
	}
	var rs []Reason
	if answer == "" {
		rs = append(rs, reason("pact.refuse.answer_text"))
	}
	if on > today {
		rs = append(rs, reason("pact.refuse.date_future", "Date", on, "Today", today))
	} else if on < o.ReceivedOn {
		rs = append(rs, reason("pact.refuse.answer_before", "Date", on, "Since", o.ReceivedOn))
	}
	if len(rs) > 0 {
		return o, &Refusal{Action: "answer", Reasons: rs}
	}
	before := o
	o.Answer, o.AnsweredOn, o.AnsweredBy = answer, on, by.Actor
	if err := tx.PutEdit(&before, &o); err != nil {
		return o, fmt.Errorf("answer observation: %w", err)
	}
	return o, nil
}

// Unanswered counts the observations without an answer.
func Unanswered(os []model.PactObservation) int {
	n := 0
	for _, o := range os {
		if o.Answer == "" {
			n++
		}
	}
	return n
}
