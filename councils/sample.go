package councils

import (
	"context"
	"fmt"
	"time"

	"pacta/model"
)

// LoadSample adds a neighbourhood council with three years of history (a vote among the
// organisations at its founding, a member who left and was replaced by a draw, officers in
// two terms, meetings with and without quorum) and a consortium board under the book's 20%
// cap. Its texts are the sample's content, in English like the sample pacts.
func LoadSample(ctx context.Context, st *model.Store, lang string, now time.Time) error {
	founded := time.Date(now.Year()-3, now.Month(), 1, 0, 0, 0, 0, time.UTC)
	day := func(months int) string { return Day(founded.AddDate(0, months, 0)) }
	return st.Update(ctx, func(tx *model.Tx) error {
		c, err := Create(tx, Settings{Name: "Fountain District Council", Level: "neighbourhood", Jurisdiction: "Fountain District",
			Purpose: "Sets the district's priorities for social services and the care of its commons.", SeatsPerSide: 3,
			FirstChair: Civil, Founded: day(0), ByLot: true})
		if err != nil {
			return err
		}
		orgs := []string{"Social Co-operative La Fontana", "Neighbours' Association", "Community Food Hub"}
		vote, err := RecordVote(tx, c, Vote{Date: Day(founded.AddDate(0, 0, -10)), Seats: 3, Organisations: orgs,
			Candidates: []VoteCount{{"Rosa Amato", 31}, {"Karim Haddad", 27}, {"Lucia Ferro", 22}, {"Ugo Riva", 9}},
			Elected:    []string{"Rosa Amato", "Karim Haddad", "Lucia Ferro"}, Notes: "Assembly of the district's social-economy organisations."})
		if err != nil {
			return err
		}
		people := []NewMember{
			{Name: "Paolo Greco", Side: Government, Org: "District Office"},
			{Name: "Marta Conti", Side: Government, Org: "Social Services Department"},
			{Name: "Enzo Lombardi", Side: Government, Org: "Urban Commons Office"},
			{Name: "Rosa Amato", Side: Civil, Org: orgs[0], Mode: "elected", SelectionID: vote.ID},
			{Name: "Karim Haddad", Side: Civil, Org: orgs[1], Mode: "elected", SelectionID: vote.ID},
			{Name: "Lucia Ferro", Side: Civil, Org: orgs[2], Mode: "elected", SelectionID: vote.ID},
		}
		for _, p := range people {
			p.Designated = day(0)
			if _, err := AddMember(tx, c, p); err != nil {
				return err
			}
		}
		if _, err := AssignOfficers(tx, c, 0, "Rosa Amato", "Paolo Greco", now); err != nil {
			return err
		}
		// Lucia Ferro left after 20 months; her seat was filled by a draw among nominees.
		if _, err := Cease(tx, c, "Lucia Ferro", day(20), "moved to another city"); err != nil {
			return err
		}
		var cands []Candidate
		for i, n := range []string{"Ada Russo", "Bianca Serra", "Carlo Vitale", "Dora Melis", "Ettore Sanna", "Fatima Diallo"} {
			cands = append(cands, Candidate{Name: n, Org: orgs[i%3], Attrs: map[string]string{"gender": []string{"F", "F", "M", "F", "M", "F"}[i]}})
		}
		d, err := RunDraw(fmt.Sprintf("%s, number 4711 drawn before two witnesses", day(21)), 1, []Quota{{Field: "gender", Value: "F", Min: 1, Max: 1}}, cands)
		if err != nil {
			return err
		}
		sel, err := SaveDraw(tx, c, d, day(21))
		if err != nil {
			return err
		}
		if _, err := AddMember(tx, c, NewMember{Name: d.Selected[0], Side: Civil, Org: orgOf(cands, d.Selected[0]), Mode: "lot",
			Designated: day(22), SubstituteFor: "Lucia Ferro", SelectionID: sel.ID}); err != nil {
			return err
		}
		if _, err := AssignOfficers(tx, c, 1, "Paolo Greco", "Karim Haddad", now); err != nil {
			return err
		}
		meetings := []NewMeeting{
			{Date: day(1), Agenda: "1. Rules of procedure.\n2. Priorities for social services in the district.",
				Present: []string{"Paolo Greco", "Marta Conti", "Enzo Lombardi", "Rosa Amato", "Karim Haddad", "Lucia Ferro"},
				Decisions: []NewDecision{{Text: "The council adopts its rules of procedure.", GovFor: 3, CivilFor: 3},
					{Text: "Care of older people at home and the fountain square are this year's priorities.", GovFor: 3, CivilFor: 2, CivilAbstain: 1}}},
			{Date: day(14), Agenda: "1. The social procurement call for home care.", Present: []string{"Paolo Greco", "Rosa Amato", "Karim Haddad"}},
			{Date: day(30), Agenda: "1. Report on the pacts of the district.\n2. Officers for the new term.",
				Present: []string{"Paolo Greco", "Marta Conti", "Rosa Amato", "Karim Haddad", d.Selected[0]},
				Decisions: []NewDecision{{Text: "The council asks the district office to publish the pacts' monitoring reports every six months.",
					GovFor: 2, CivilFor: 3}}},
		}
		for _, m := range meetings {
			if _, err := AddMeeting(tx, c, m); err != nil {
				return err
			}
		}
		board, err := Create(tx, Settings{Name: "Shared Services Consortium Board", Level: "municipal", Seats: 5, Rule: "cap:non-member:20",
			Purpose: "A consortium of social co-operatives sharing accounting and training; at most 20% non-member directors.", Founded: day(6)})
		if err != nil {
			return err
		}
		for i, n := range []string{"Giulia Bruno", "Hassan Amrani", "Irene Costa", "Jacopo Rinaldi", "Katia Moretti"} {
			cat := "member"
			if i == 4 {
				cat = "non-member"
			}
			if _, err := AddMember(tx, board, NewMember{Name: n, Category: cat, Designated: day(6)}); err != nil {
				return err
			}
		}
		return nil
	})
}

func orgOf(cs []Candidate, name string) string {
	for _, c := range cs {
		if c.Name == name {
			return c.Org
		}
	}
	return ""
}
