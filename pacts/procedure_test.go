package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// kindPact makes a draft pact of kind with one commons, ready to submit.
func kindPact(t *testing.T, st *model.Store, kind string) string {
	t.Helper()
	asset := addAsset(t, st, "ASSET-"+kind, "Piazza Magione", "Piazza Magione, Palermo")
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		p, err := CreateTx(tx, NewPact{Title: "Cura di Piazza Magione", Kind: kind, Lang: "it", Proponent: "Associazione Àncora",
			ProponentType: "association", AssetRefs: []string{asset}}, by(-100))
		if err != nil {
			return err
		}
		id = p.ID
		x := DetailsOf(p)
		x.DurationMonths = 12
		return SetDetails(tx, id, x)
	}))
	return id
}

func move(t *testing.T, st *model.Store, id, to string, day int) {
	t.Helper()
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return TransitionTx(tx, id, to, "motivo", by(day)) }))
}

func dueOf(t *testing.T, st *model.Store, id, kind string) string {
	t.Helper()
	items, err := List(st.DB(), Filter{}, day0)
	require.NoError(t, err)
	for _, it := range items {
		if it.ID == id {
			for _, d := range it.Due {
				if d.Kind == kind {
					return d.Date
				}
			}
		}
	}
	return ""
}

// TestAnswerClockAcrossASuspensionAndAnInterruption: waiting for documents stops the
// municipality's answer term and the documents' arrival starts it again; the single
// interruption the workspace allows moves it on by its days; a second one, one longer than
// allowed, or one on a workspace that allows none is refused with nothing written.
func TestAnswerClockAcrossASuspensionAndAnInterruption(t *testing.T) {
	st := openStore(t)
	id := kindPact(t, st, Ordinary)
	move(t, st, id, Submitted, -50) // answer due on day -20 (30 days)
	move(t, st, id, InReview, -48)
	submitted := Day(day0.AddDate(0, 0, -50))
	require.Equal(t, AddDays(submitted, 30), dueOf(t, st, id, DueAnswer))

	interrupt := func(from string, days int) error {
		return st.Update(ctx, func(tx *model.Tx) error {
			_, err := Interrupt(tx, id, from, days, "proposte concorrenti da riunire", by(0))
			return err
		})
	}
	require.Error(t, interrupt(Day(day0.AddDate(0, 0, -10)), 10), "the workspace allows no interruption")

	move(t, st, id, AwaitingInfo, -40)
	require.Empty(t, dueOf(t, st, id, DueAnswer), "while it waits for documents, no answer is due")
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	w, ok := d.ClockOf(day0).Waiting()
	require.True(t, ok)
	require.Equal(t, 40, w.Days, "the suspension counts up to today")
	move(t, st, id, InReview, -28) // 12 days waiting
	require.Equal(t, AddDays(submitted, 30+12), dueOf(t, st, id, DueAnswer))

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.PutSetting(SettingInterruptionDays, "30") }))
	require.Error(t, interrupt(Day(day0.AddDate(0, 0, -10)), 31), "longer than the workspace allows")
	require.Error(t, interrupt(Day(day0.AddDate(0, 0, 5)), 10), "from a date in the future")
	require.Error(t, interrupt("2026-02-30", 10), "a date that does not exist")
	require.Equal(t, AddDays(submitted, 30+12), dueOf(t, st, id, DueAnswer), "nothing written")
	require.NoError(t, interrupt(Day(day0.AddDate(0, 0, -10)), 20))
	require.Equal(t, AddDays(submitted, 30+12+20), dueOf(t, st, id, DueAnswer))
	require.Error(t, interrupt(Day(day0.AddDate(0, 0, -5)), 5), "the regulation allows one interruption")
	d, err = Load(st.DB(), id)
	require.NoError(t, err)
	require.Len(t, d.ClockOf(day0).Pauses, 2)
}

// TestObservationsDuringPublication: observations and competing proposals are recorded
// while a complex pact is published, and answered; one before or after the publication,
// on a pact not published, or without author or text is refused with nothing written; the
// co-design waits until every observation has its answer.
func TestObservationsDuringPublication(t *testing.T) {
	st := openStore(t)
	id := kindPact(t, st, Complex)
	move(t, st, id, Submitted, -100)
	observe := func(n NewObservation) (model.PactObservation, error) {
		var o model.PactObservation
		err := st.Update(ctx, func(tx *model.Tx) error {
			var err error
			o, err = Observe(tx, id, n, by(0))
			return err
		})
		return o, err
	}
	_, err := observe(NewObservation{Author: "Comitato Kalsa", Text: "Orari più ampi"})
	require.Error(t, err, "not published yet")
	move(t, st, id, InReview, -99)
	move(t, st, id, Published, -70) // observations close on day -10 (60 days)
	pub := Day(day0.AddDate(0, 0, -70))

	for _, bad := range []NewObservation{
		{Author: "Comitato Kalsa", Text: "Orari più ampi", ReceivedOn: AddDays(pub, -1)},
		{Author: "Comitato Kalsa", Text: "Orari più ampi", ReceivedOn: AddDays(pub, 61)},
		{Author: "Comitato Kalsa", Text: "Orari più ampi", ReceivedOn: "2026-04-31"},
		{Author: "", Text: "Orari più ampi", ReceivedOn: AddDays(pub, 5)},
		{Author: "Comitato Kalsa", Text: " ", ReceivedOn: AddDays(pub, 5)},
		{Kind: "complaint", Author: "Comitato Kalsa", Text: "Orari", ReceivedOn: AddDays(pub, 5)},
	} {
		_, err := observe(bad)
		require.Error(t, err, "%+v", bad)
	}
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	require.Empty(t, d.Observations, "nothing written")

	o1, err := observe(NewObservation{Author: "Comitato Kalsa", Text: "Orari più ampi la domenica", ReceivedOn: AddDays(pub, 5)})
	require.NoError(t, err)
	_, err = observe(NewObservation{Kind: ObservationProposal, Author: "Cooperativa Zen", Text: "Gestione condivisa dell'orto", ReceivedOn: AddDays(pub, 20)})
	require.NoError(t, err)

	err = st.Update(ctx, func(tx *model.Tx) error { return TransitionTx(tx, id, CoDesign, "", by(0)) })
	require.ErrorContains(t, err, "2 without an answer")
	answer := func(oid, text, on string) error {
		return st.Update(ctx, func(tx *model.Tx) error { _, err := Answer(tx, oid, text, on, by(0)); return err })
	}
	require.Error(t, answer(o1.ID, "Accolta", AddDays(pub, 4)), "before it was received")
	require.Error(t, answer(o1.ID, "", AddDays(pub, 6)), "no answer")
	require.NoError(t, answer(o1.ID, "Accolta: apertura la domenica mattina", AddDays(pub, 30)))
	d, err = Load(st.DB(), id)
	require.NoError(t, err)
	require.Equal(t, 1, Unanswered(d.Observations))
	require.NoError(t, answer(d.Observations[1].ID, "Invitata alla co-progettazione", AddDays(pub, 31)))
	move(t, st, id, CoDesign, 0)
}

// TestExecutiveStep: with the workspace's executive step on, a complex pact goes to the
// executive before it is approved; off, the step is refused.
func TestExecutiveStep(t *testing.T) {
	st := openStore(t)
	id := kindPact(t, st, Complex)
	move(t, st, id, Submitted, -100)
	move(t, st, id, InReview, -99)
	move(t, st, id, Published, -90)
	move(t, st, id, CoDesign, -20)
	err := st.Update(ctx, func(tx *model.Tx) error { return TransitionTx(tx, id, ExecutiveReview, "", by(-10)) })
	require.ErrorContains(t, err, "no executive decision step")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.PutSetting(SettingExecutiveStep, "on") }))
	err = st.Update(ctx, func(tx *model.Tx) error { return TransitionTx(tx, id, Approved, "", by(-10)) })
	require.ErrorContains(t, err, "executive")
	move(t, st, id, ExecutiveReview, -10)
	require.NotEmpty(t, dueOf(t, st, id, DueDecision), "the decision is still due")
	move(t, st, id, Approved, -5)
}

// TestRenewalAndExpiry: an active pact past the end of its term reads as expired (computed,
// not stored) in the list and on the Dashboard; its renewal is a new draft linked to it,
// with its parties, commons, terms and texts; a second renewal, or one of a draft, is
// refused.
func TestRenewalAndExpiry(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "it")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		x := DetailsOf(d.Pact)
		x.StartDate, x.DurationMonths = Day(day0.AddDate(-1, -1, 0)), 12 // ended a month ago
		return SetDetails(tx, d.Pact.ID, x)
	}))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return SetSection(tx, d.Pact.ID, "object", "Cura delle aiuole di Piazza Magione con la scuola.")
	}))
	signAll(t, st, d, Day(day0.AddDate(0, 0, -29)))
	move(t, st, d.Pact.ID, Active, -28)

	s, err := Summarise(st.DB(), day0)
	require.NoError(t, err)
	require.Len(t, s.Expired, 1)
	require.Equal(t, d.Pact.Ref, s.Expired[0].Ref)
	p, err := PactByID(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.Equal(t, Active, p.Status, "expiry is read, not written")
	s, err = Summarise(st.DB(), day0.AddDate(-2, 0, 0))
	require.NoError(t, err)
	require.Empty(t, s.Expired, "two years ago it ran")

	var renewal model.Pact
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		var err error
		renewal, err = Renew(tx, d.Pact.ID, by(0))
		return err
	}))
	nd, err := Load(st.DB(), renewal.ID)
	require.NoError(t, err)
	require.Equal(t, Draft, nd.Pact.Status)
	require.Equal(t, d.Pact.ID, nd.Pact.Renews)
	require.NotEqual(t, d.Pact.Ref, nd.Pact.Ref)
	require.EqualValues(t, 12, nd.Pact.DurationMonths)
	require.Len(t, nd.Assets, 1)
	require.Len(t, nd.PartiesWithRole(RoleProponent), 1)
	obj, ok := nd.Section("object")
	require.True(t, ok)
	require.Equal(t, "Cura delle aiuole di Piazza Magione con la scuola.", obj.Text)
	got, ok, err := RenewalOf(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, renewal.ID, got.ID)

	err = st.Update(ctx, func(tx *model.Tx) error { _, err := Renew(tx, d.Pact.ID, by(0)); return err })
	require.ErrorContains(t, err, renewal.Ref)
	err = st.Update(ctx, func(tx *model.Tx) error { _, err := Renew(tx, renewal.ID, by(0)); return err })
	require.ErrorContains(t, err, "renewed when it is active")
}
