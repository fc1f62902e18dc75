package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/internal/replica"
	"pacta/model"
)

// otherProcess opens a second store on st's file, as another process (the window, another
// command) or a sync's import does; its writes land between a command's start and its write.
func otherProcess(t *testing.T, st *model.Store) *model.Store {
	t.Helper()
	o, err := model.Open(st.Path(), model.Options{Device: "dev-other"})
	require.NoError(t, err)
	t.Cleanup(func() { o.Close() })
	return o
}

func draftPact(t *testing.T, st *model.Store) *Dossier {
	t.Helper()
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		p, err := CreateTx(tx, NewPact{Title: "Cura del giardino", Proponent: "Associazione Vicini", Summary: "Pulizia settimanale."}, by(-10))
		id = p.ID
		return err
	}))
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	return d
}

func conflicts(t *testing.T, st *model.Store) []replica.Conflict {
	t.Helper()
	cs, err := replica.ListConflicts(st.DB(), true)
	require.NoError(t, err)
	return cs
}

func pointer[T any](v T) *T { return &v }

// TestPatchDetailsKeepsWhatChangedMeanwhile: a command read the pact when it started; another
// process (or a sync) then changed one field; the command's patch sets another field. Both
// changes are in place, and nothing is a conflict: the command never saw, nor wrote, the
// other field.
func TestPatchDetailsKeepsWhatChangedMeanwhile(t *testing.T) {
	cases := []struct {
		name      string
		elsewhere func(p *model.Pact) // the other process's change
		patch     DetailsPatch        // the command's
		check     func(t *testing.T, p model.Pact)
	}{
		{"title kept, summary set", func(p *model.Pact) { p.Title = "Giardino condiviso" }, DetailsPatch{Summary: pointer("Pulizia e letture.")},
			func(t *testing.T, p model.Pact) {
				require.Equal(t, "Giardino condiviso", p.Title)
				require.Equal(t, "Pulizia e letture.", p.Summary)
			}},
		{"summary kept, title set", func(p *model.Pact) { p.Summary = "Arrivato con la sincronizzazione." }, DetailsPatch{Title: pointer("  Nuovo titolo ")},
			func(t *testing.T, p model.Pact) {
				require.Equal(t, "Nuovo titolo", p.Title, "normalised as the form stores it")
				require.Equal(t, "Arrivato con la sincronizzazione.", p.Summary)
			}},
		{"officer and duration kept, start and category set", func(p *model.Pact) { p.Officer, p.DurationMonths = "Arch. Bellini", 24 },
			DetailsPatch{StartDate: pointer("2026-09-01"), Category: pointer("Cura del verde")},
			func(t *testing.T, p model.Pact) {
				require.Equal(t, "Arch. Bellini", p.Officer)
				require.EqualValues(t, 24, p.DurationMonths)
				require.Equal(t, "2026-09-01", p.StartDate)
				require.Equal(t, "Cura del verde", p.Category)
			}},
		{"immaterial kept, report months set to zero", func(p *model.Pact) { p.Immaterial = true }, DetailsPatch{ReportMonths: pointer(int64(0))},
			func(t *testing.T, p model.Pact) {
				require.True(t, p.Immaterial)
				require.Zero(t, p.ReportMonths, "a field given as zero is written")
			}},
		{"notes kept, officer cleared", func(p *model.Pact) { p.Notes, p.Officer = "Sopralluogo il 3 dicembre.", "Ufficio" }, DetailsPatch{Officer: pointer("")},
			func(t *testing.T, p model.Pact) {
				require.Equal(t, "Sopralluogo il 3 dicembre.", p.Notes)
				require.Empty(t, p.Officer, "a field given as empty is cleared")
			}},
		{"a field changed both ways takes the command's value", func(p *model.Pact) { p.Title, p.Summary = "Titolo altrove", "Sommario altrove" },
			DetailsPatch{Title: pointer("Titolo del comando")},
			func(t *testing.T, p model.Pact) {
				require.Equal(t, "Titolo del comando", p.Title, "the command was run after the other change: the later decision")
				require.Equal(t, "Sommario altrove", p.Summary)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			d := draftPact(t, st) // what the command read when it started
			other := otherProcess(t, st)
			require.NoError(t, other.Update(ctx, func(tx *model.Tx) error {
				od, err := Load(tx, d.Pact.ID)
				if err != nil {
					return err
				}
				p := od.Pact
				c.elsewhere(&p)
				return tx.Put(&p)
			}))
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return PatchDetails(tx, d.Pact.ID, c.patch) }))
			after, err := Load(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			c.check(t, after.Pact)
			require.Equal(t, d.Pact.Status, after.Pact.Status)
			require.Empty(t, conflicts(t, st), "nothing the command did not set is written, so nothing conflicts")
		})
	}
}

// TestPatchDetailsRefusesAndSkips: a patch that leaves the pact invalid writes nothing; an
// empty one writes nothing either.
func TestPatchDetailsRefusesAndSkips(t *testing.T) {
	st := openStore(t)
	d := draftPact(t, st)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return PatchDetails(tx, d.Pact.ID, DetailsPatch{}) }))
	for _, x := range []DetailsPatch{{Title: pointer(" ")}, {Kind: pointer("huge")}, {DurationMonths: pointer(int64(-1))}, {StartDate: pointer("1 June")}} {
		err := st.Update(ctx, func(tx *model.Tx) error { return PatchDetails(tx, d.Pact.ID, x) })
		require.Error(t, err, "%+v", x)
	}
	now, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.Equal(t, d.Pact, now.Pact)
}

// TestPatchPartyKeepsWhatChangedMeanwhile: the same for a party's details.
func TestPatchPartyKeepsWhatChangedMeanwhile(t *testing.T) {
	cases := []struct {
		name      string
		elsewhere func(p *model.PactParty)
		patch     PartyPatch
		check     func(t *testing.T, p model.PactParty)
	}{
		{"email kept, representative set", func(p *model.PactParty) { p.Email = "vicini@example.org" }, PartyPatch{Representative: pointer("Anna Russo")},
			func(t *testing.T, p model.PactParty) {
				require.Equal(t, "vicini@example.org", p.Email)
				require.Equal(t, "Anna Russo", p.Representative)
			}},
		{"type and fiscal code kept, address cleared", func(p *model.PactParty) { p.Type, p.FiscalCode, p.Address = "association", "97000000000", "Via Roma 1" },
			PartyPatch{Address: pointer("")},
			func(t *testing.T, p model.PactParty) {
				require.Equal(t, "association", p.Type)
				require.Equal(t, "97000000000", p.FiscalCode)
				require.Empty(t, p.Address)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			d := draftPact(t, st)
			party, err := d.FindParty("Associazione Vicini")
			require.NoError(t, err)
			other := otherProcess(t, st)
			require.NoError(t, other.Update(ctx, func(tx *model.Tx) error {
				od, err := Load(tx, d.Pact.ID)
				if err != nil {
					return err
				}
				p, err := od.FindParty(party.ID)
				if err != nil {
					return err
				}
				c.elsewhere(&p)
				return tx.Put(&p)
			}))
			var written model.PactParty
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
				written, err = PatchParty(tx, d.Pact.ID, "associazione vicini", c.patch)
				return err
			}))
			after, err := Load(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			p, err := after.FindParty(party.ID)
			require.NoError(t, err)
			require.Equal(t, p, written, "PatchParty returns the party as written")
			require.Equal(t, party.Name, p.Name)
			require.Equal(t, party.Role, p.Role)
			c.check(t, p)
			require.Empty(t, conflicts(t, st))
		})
	}
	t.Run("a rename onto another party of the same role is refused", func(t *testing.T) {
		st := openStore(t)
		d := draftPact(t, st)
		err := st.Update(ctx, func(tx *model.Tx) error {
			_, err := PatchParty(tx, d.Pact.ID, "Associazione Vicini", PartyPatch{Role: pointer(RoleMunicipality), Name: pointer("Comune di Palermo")})
			return err
		})
		require.ErrorContains(t, err, "Comune di Palermo is already a party")
		require.True(t, errs.Is(errs.Conflict, err), "%v", err)
		err = st.Update(ctx, func(tx *model.Tx) error {
			_, err := PatchParty(tx, d.Pact.ID, "Nessuno", PartyPatch{Email: pointer("x@example.org")})
			return err
		})
		require.ErrorContains(t, err, "has no party")
	})
}

// TestEditDeadlinesWritesOnlyWhatChanged: a term another process changed meanwhile stays,
// whether the terms were read in the transaction (a command) or when a form was filled in
// (the window); a term changed both ways takes this edit's value and keeps the other one as
// a conflict.
func TestEditDeadlinesWritesOnlyWhatChanged(t *testing.T) {
	cases := []struct {
		name      string
		elsewhere Deadlines // stored by the other process
		// edit, given the terms as read in the transaction and as the form showed them
		edit    func(inTx, shown Deadlines) (base, d Deadlines)
		want    Deadlines
		clashes int
	}{
		{"a command changes one term", Deadlines{OrdinaryAnswer: 45, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60},
			func(inTx, _ Deadlines) (Deadlines, Deadlines) { d := inTx; d.ComplexPublish = 20; return inTx, d },
			Deadlines{OrdinaryAnswer: 45, ComplexPublish: 20, ComplexObservations: 60, ComplexDecision: 60}, 0},
		{"a form changes one term", Deadlines{OrdinaryAnswer: 45, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60},
			func(_, shown Deadlines) (Deadlines, Deadlines) { d := shown; d.ComplexDecision = 90; return shown, d },
			Deadlines{OrdinaryAnswer: 45, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 90}, 0},
		{"a form changes nothing", Deadlines{OrdinaryAnswer: 45, ComplexPublish: 12, ComplexObservations: 60, ComplexDecision: 60},
			func(_, shown Deadlines) (Deadlines, Deadlines) { return shown, shown },
			Deadlines{OrdinaryAnswer: 45, ComplexPublish: 12, ComplexObservations: 60, ComplexDecision: 60}, 0},
		{"a form changes the term changed elsewhere", Deadlines{OrdinaryAnswer: 45, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60},
			func(_, shown Deadlines) (Deadlines, Deadlines) { d := shown; d.OrdinaryAnswer = 20; return shown, d },
			Deadlines{OrdinaryAnswer: 20, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			shown, err := LoadDeadlines(st.DB()) // the form is filled in
			require.NoError(t, err)
			require.Equal(t, DefaultDeadlines, shown)
			other := otherProcess(t, st)
			require.NoError(t, other.Update(ctx, func(tx *model.Tx) error { return SaveDeadlines(tx, c.elsewhere) }))
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
				inTx, err := LoadDeadlines(tx)
				if err != nil {
					return err
				}
				base, d := c.edit(inTx, shown)
				return EditDeadlines(tx, base, d)
			}))
			got, err := LoadDeadlines(st.DB())
			require.NoError(t, err)
			require.Equal(t, c.want, got)
			cs := conflicts(t, st)
			require.Len(t, cs, c.clashes)
			for _, x := range cs {
				require.Equal(t, SettingOrdinaryAnswerDays, x.Row)
				require.JSONEq(t, `"45"`, string(x.IncomingValue), "the other process's value is kept")
			}
		})
	}
	t.Run("a term out of range is refused", func(t *testing.T) {
		st := openStore(t)
		err := st.Update(ctx, func(tx *model.Tx) error {
			return EditDeadlines(tx, DefaultDeadlines, Deadlines{OrdinaryAnswer: 0, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60})
		})
		require.ErrorContains(t, err, "out of range")
	})
}

// TestSetTemplateResetOnlyRemoves: going back to the default removes the workspace's text
// and writes nothing else: the row keeps its text in the tombstone.
func TestSetTemplateResetOnlyRemoves(t *testing.T) {
	st := openStore(t)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "risks", "Rischi del Comune.") }))
	other := otherProcess(t, st)
	require.NoError(t, other.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "risks", "Rischi arrivati altrove.") }))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "risks", " ") }))
	row := StoredTemplate(st.DB(), "it", "risks")
	require.True(t, row.Deleted)
	require.Equal(t, "Rischi arrivati altrove.", row.Text, "the reset deletes the row; it does not blank its text")
	text, err := TemplateText(st.DB(), "it", "risks")
	require.NoError(t, err)
	require.Equal(t, DefaultText("it", "risks"), text)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "es", "risks", "") }))
	_, err = model.LoadEntity(st.DB(), "pact_templates", PactTemplateID("es", "risks"))
	require.Error(t, err, "resetting a text never set writes no row")
}
