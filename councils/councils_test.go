package councils

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

func TestAlternationOverTenTerms(t *testing.T) {
	for _, first := range Sides {
		t.Run(first, func(t *testing.T) {
			c := model.Council{Founded: "2020-01-15", TermYears: 2, FirstChair: first, AnchorStart: "2020-01-15", AnchorChair: first}
			terms := schedule(c, nil, nil, 0, 10)
			require.Len(t, terms, 10)
			for k, term := range terms {
				want := first
				if k%2 == 1 {
					want = Other(first)
				}
				assert.Equal(t, want, term.ChairSide, "term %d", k)
				assert.Equal(t, Other(want), term.ViceChairSide, "term %d", k)
				assert.Equal(t, fmt.Sprintf("%d-01-15", 2020+2*k), term.Start)
				assert.Equal(t, fmt.Sprintf("%d-01-14", 2022+2*k), term.End)
			}
		})
	}
}

func TestTermsAcrossLeapYears(t *testing.T) {
	c := model.Council{Founded: "2024-02-29", TermYears: 2, FirstChair: Civil, AnchorStart: "2024-02-29", AnchorChair: Civil}
	terms := schedule(c, nil, nil, 0, 4)
	want := []struct{ start, end, side string }{
		{"2024-02-29", "2026-02-28", Civil},
		{"2026-03-01", "2028-02-28", Government}, // 29 February 2026 does not exist: AddDate makes it 1 March
		{"2028-02-29", "2030-02-28", Civil},
		{"2030-03-01", "2032-02-28", Government},
	}
	for k, w := range want {
		assert.Equal(t, w.start, terms[k].Start, "term %d start", k)
		assert.Equal(t, w.end, terms[k].End, "term %d end", k)
		assert.Equal(t, w.side, terms[k].ChairSide, "term %d side", k)
	}
	stored := []model.CouncilTerm{}
	assert.EqualValues(t, 0, CurrentIndex(c, stored, date("2026-02-28")))
	assert.EqualValues(t, 1, CurrentIndex(c, stored, date("2026-03-01")))
	assert.EqualValues(t, -1, CurrentIndex(c, stored, date("2024-02-28")))
	assert.EqualValues(t, 3, CurrentIndex(c, stored, date("2031-12-31")))
}

func TestParityBreaksAndRepairs(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consiglio Kalsa", SeatsPerSide: 2, Founded: "2024-01-01"})
	add(t, st, c, "2024-01-01", [2]string{Government, "Ada Rossi"}, [2]string{Government, "Bruno Neri"},
		[2]string{Civil, "Carla Bianchi"}, [2]string{Civil, "Dario Verdi"})
	check := func(day string) Status {
		s, err := Check(st.DB(), c, date(day), 3)
		require.NoError(t, err)
		return s
	}
	s := check("2024-06-01")
	assert.True(t, s.ParityOK)
	assert.True(t, s.RuleOK)
	assert.Empty(t, s.Vacancies)

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		_, err := Cease(tx, c, "dario verdi", "2025-03-01", "moved away")
		return err
	}))
	s = check("2025-03-02")
	assert.False(t, s.ParityOK, "one civil member left")
	assert.False(t, s.RuleOK)
	require.Len(t, s.Vacancies, 1)
	assert.Equal(t, Civil, s.Vacancies[0].Side)
	assert.EqualValues(t, 1, s.Vacancies[0].Missing)
	assert.Equal(t, []int64{0, 1, 2}, s.Vacancies[0].Terms, "the vacancy runs on until someone is seated")
	assert.True(t, check("2025-02-28").ParityOK, "the day before the cessation parity held")

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		m, err := AddMember(tx, c, NewMember{Name: "Elena Gallo", Side: Civil, Designated: "2025-04-01", Org: "Coop Kalsa", SubstituteFor: "Dario Verdi"})
		assert.EqualValues(t, 2, m.Seat, "the substitute takes the seat of the member replaced")
		return err
	}))
	s = check("2025-04-01")
	assert.True(t, s.ParityOK)
	assert.Empty(t, s.Vacancies)

	ds, err := DueOf(st.DB(), c, date("2025-03-15"))
	require.NoError(t, err)
	kinds := map[string]bool{}
	for _, d := range ds {
		kinds[d.Kind] = true
	}
	assert.True(t, kinds["rule_broken"] && kinds["vacancy"], "%v", ds)
}

func TestCapRule(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consorzio servizi", Seats: 5, Rule: "cap:non-member:20", Founded: "2024-01-01"})
	assert.Equal(t, "cap:non-member:20", c.Rule)
	add(t, st, c, "2024-01-01", [2]string{"member", "A"}, [2]string{"member", "B"}, [2]string{"member", "C"},
		[2]string{"member", "D"}, [2]string{"non-member", "E"})
	s, err := Check(st.DB(), c, date("2024-02-01"), 1)
	require.NoError(t, err)
	assert.True(t, s.RuleOK, "1 of 5 is 20%%")
	assert.InDelta(t, 20, s.Share, 1e-9)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if _, err := Cease(tx, c, "D", "2024-03-01", ""); err != nil {
			return err
		}
		_, err := AddMember(tx, c, NewMember{Name: "F", Category: "non-member", Designated: "2024-03-01"})
		return err
	}))
	s, err = Check(st.DB(), c, date("2024-03-02"), 1)
	require.NoError(t, err)
	assert.False(t, s.RuleOK, "2 of 5 is 40%%")
	assert.True(t, s.ParityOK, "a board has no sides")
}

func TestOfficers(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consiglio", SeatsPerSide: 2, Founded: "2024-01-01", FirstChair: Civil})
	add(t, st, c, "2024-01-01", [2]string{Government, "Ada Rossi"}, [2]string{Government, "Bruno Neri"},
		[2]string{Civil, "Carla Bianchi"}, [2]string{Civil, "Dario Verdi"})
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { // Late Comer takes Dario Verdi's seat later
		_, err := Cease(tx, c, "Dario Verdi", "2026-06-01", "")
		return err
	}))
	add(t, st, c, "2026-06-01", [2]string{Civil, "Late Comer"})
	today := date("2024-06-01")
	assign := func(k int64, chair, vice string) error {
		return st.Update(ctx, func(tx *model.Tx) error {
			_, err := AssignOfficers(tx, c, k, chair, vice, today)
			return err
		})
	}
	cases := []struct {
		name        string
		term        int64
		chair, vice string
		key         string
	}{
		{"same side", 0, "Carla Bianchi", "Dario Verdi", "council.error.officers_same_side"},
		{"wrong turn", 0, "Ada Rossi", "Carla Bianchi", "council.error.chair_turn"},
		{"not a member", 0, "Zoe Nessuno", "Ada Rossi", "council.error.member_not_found"},
		{"not yet a member at the term's start", 0, "Late Comer", "Ada Rossi", "council.error.member_not_active"},
		{"no such term", -1, "Carla Bianchi", "Ada Rossi", "council.error.term_index"},
		{"too far", 50, "Carla Bianchi", "Ada Rossi", "council.error.term_index"},
		{"same person", 0, "Carla Bianchi", "carla bianchi", "council.error.officers_same_person"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := assign(tc.term, tc.chair, tc.vice)
			require.Error(t, err)
			assert.Contains(t, keyOf(err), tc.key)
		})
	}
	stored, err := Terms(st.DB(), c.ID)
	require.NoError(t, err)
	assert.Empty(t, stored, "a refusal writes nothing")

	require.NoError(t, assign(0, "carla BIANCHI", "Ada Rossi"))
	require.Error(t, assign(1, "Bruno Neri", "Late Comer"), "term 1 starts on 2026-01-01, before Late Comer's designation")
	require.NoError(t, assign(1, "Bruno Neri", "Dario Verdi"))
	terms, err := Schedule(st.DB(), c, 0, 3)
	require.NoError(t, err)
	assert.Equal(t, "Carla Bianchi", terms[0].Chair)
	assert.Equal(t, "Ada Rossi", terms[0].ViceChair)
	assert.Equal(t, "Bruno Neri", terms[1].Chair)
	assert.Equal(t, Government, terms[1].ChairSide)
	assert.Empty(t, terms[2].Chair)
}

func TestSettingsChangeKeepsThePast(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consiglio", SeatsPerSide: 1, Founded: "2020-01-01", FirstChair: Government})
	// On 2023-05-01 term 1 (2022-01-01 – 2023-12-31, civil Chair) is under way; terms become 3 years.
	s := SettingsOf(c)
	s.TermYears = 3
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) (err error) {
		c, err = Edit(tx, c, s, date("2023-05-01"))
		return err
	}))
	terms, err := Schedule(st.DB(), c, 0, 4)
	require.NoError(t, err)
	want := []struct{ start, end, side string }{
		{"2020-01-01", "2021-12-31", Government},
		{"2022-01-01", "2023-12-31", Civil},
		{"2024-01-01", "2026-12-31", Government},
		{"2027-01-01", "2029-12-31", Civil},
	}
	for k, w := range want {
		assert.Equal(t, w.start, terms[k].Start, "term %d", k)
		assert.Equal(t, w.end, terms[k].End, "term %d", k)
		assert.Equal(t, w.side, terms[k].ChairSide, "term %d", k)
	}
	// Changing the first Chair now changes nothing already begun.
	s.FirstChair = Civil
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) (err error) {
		c, err = Edit(tx, c, s, date("2023-06-01"))
		return err
	}))
	again, err := Schedule(st.DB(), c, 0, 4)
	require.NoError(t, err)
	for k := range want {
		assert.Equal(t, terms[k].ChairSide, again[k].ChairSide, "term %d", k)
		assert.Equal(t, terms[k].Start, again[k].Start, "term %d", k)
	}
}

func TestBadInput(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consiglio", SeatsPerSide: 2, Founded: "2024-01-01"})
	add(t, st, c, "2024-01-01", [2]string{Government, "Ada Rossi"})
	cases := []struct {
		name string
		do   func(tx *model.Tx) error
		key  string
	}{
		{"same person on both sides", func(tx *model.Tx) error {
			_, err := AddMember(tx, c, NewMember{Name: "ADA  ROSSÍ", Side: Civil, Designated: "2024-02-01"})
			return err
		}, "council.error.both_sides.government"},
		{"unknown side", func(tx *model.Tx) error {
			_, err := AddMember(tx, c, NewMember{Name: "X", Side: "citizens", Designated: "2024-02-01"})
			return err
		}, "council.error.side"},
		{"ceased before designated", func(tx *model.Tx) error {
			_, err := Cease(tx, c, "Ada Rossi", "2023-12-31", "")
			return err
		}, "council.error.ceased_before_designated"},
		{"no seats", func(tx *model.Tx) error {
			_, err := Create(tx, Settings{Name: "Vuoto", Founded: "2024-01-01"})
			return err
		}, "council.error.seats_per_side"},
		{"bad rule", func(tx *model.Tx) error {
			_, err := Create(tx, Settings{Name: "Y", SeatsPerSide: 1, Founded: "2024-01-01", Rule: "cap:x:120"})
			return err
		}, "council.error.rule"},
		{"name taken", func(tx *model.Tx) error {
			_, err := Create(tx, Settings{Name: "consiglio", SeatsPerSide: 1, Founded: "2024-01-01"})
			return err
		}, "council.error.name_taken"},
		{"bad founding date", func(tx *model.Tx) error {
			_, err := Create(tx, Settings{Name: "Z", SeatsPerSide: 1, Founded: "2024-02-30"})
			return err
		}, "council.error.founded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := st.Update(ctx, tc.do)
			require.Error(t, err)
			assert.Equal(t, tc.key, keyOf(err))
		})
	}
	ms, err := Members(st.DB(), c.ID)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Empty(t, ms[0].Ceased, "nothing written")
}

// TestNoMemberBeyondTheSeats: a side whose seats are all taken on a day refuses one more
// member (the screen showed "4 of 3 seats taken"), saying how many seats it has; a
// substitute takes the seat of the member replaced, and a seat freed can be taken again.
func TestNoMemberBeyondTheSeats(t *testing.T) {
	st := openStore(t)
	c := newCouncil(t, st, Settings{Name: "Consiglio", SeatsPerSide: 2, Founded: "2024-01-01"})
	add(t, st, c, "2024-01-01", [2]string{Civil, "Carla Bianchi"}, [2]string{Civil, "Dario Verdi"})
	try := func(n NewMember) error {
		return st.Update(ctx, func(tx *model.Tx) error { _, err := AddMember(tx, c, n); return err })
	}
	err := try(NewMember{Name: "Elena Gallo", Side: Civil, Designated: "2024-02-01"})
	require.True(t, errs.Is(errs.Conflict, err), "%v", err)
	assert.Contains(t, err.Error(), "All 2 seats of the civil society side are taken")
	require.NoError(t, try(NewMember{Name: "Ada Rossi", Side: Government, Designated: "2024-02-01"}), "the other side has room")
	require.NoError(t, try(NewMember{Name: "Elena Gallo", Side: Civil, Designated: "2024-02-01", SubstituteFor: "Dario Verdi"}))

	one := newCouncil(t, st, Settings{Name: "Piccolo", SeatsPerSide: 1, Founded: "2024-01-01"})
	add(t, st, one, "2024-01-01", [2]string{Government, "Bruno Neri"})
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := AddMember(tx, one, NewMember{Name: "Fabio Conti", Side: Government, Designated: "2024-02-01"})
		return err
	})
	assert.Contains(t, err.Error(), "The government side has one seat, and it is taken", "one seat, in the singular")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if _, err := Cease(tx, one, "Bruno Neri", "2024-03-01", ""); err != nil {
			return err
		}
		_, err := AddMember(tx, one, NewMember{Name: "Fabio Conti", Side: Government, Designated: "2024-03-01"})
		return err
	}), "a seat freed is taken again")
}
