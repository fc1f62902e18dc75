package pacts

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// ready is a dossier that meets every condition of every transition, for the status given.
func ready(status, kind string) *Dossier {
	lat, lon := 38.1, 13.3
	d := &Dossier{
		Pact: model.Pact{Row: model.Row{ID: "p1"}, Ref: "PACT-2026-0001", Title: "Cura del giardino", Kind: kind, Status: status, Lang: "it",
			SubmittedOn: "2023-01-01", PublishedOn: "2023-01-10", StartDate: "2023-02-01", DurationMonths: 12, ExtensionMonths: 6, Version: 1},
		Parties: []model.PactParty{{Row: model.Row{ID: "m"}, Role: RoleMunicipality, Name: "Comune"}, {Row: model.Row{ID: "a"}, Role: RoleProponent, Name: "Associazione"}},
		Assets:  []model.Asset{{Ref: "ASSET-0001", Name: "Giardino", Lat: &lat, Lon: &lon}},
	}
	for _, k := range SectionKeys {
		d.Sections = append(d.Sections, model.PactSection{Key: k, Text: DefaultText("it", k)})
	}
	for _, p := range d.Parties {
		d.Signatures = append(d.Signatures, model.PactSignature{PartyID: p.ID, Version: 1, SignedOn: "2023-02-01"})
	}
	return d
}

func keys(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Key
	}
	sort.Strings(out)
	return out
}

var today = time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)

// TestEveryPairOfStatuses checks the whole graph: each allowed edge passes for a dossier
// that meets its conditions, and each other pair is refused naming the allowed ones.
func TestEveryPairOfStatuses(t *testing.T) {
	allowedCount := 0
	for _, from := range Statuses {
		for _, to := range Statuses {
			kind, dl := Ordinary, DefaultDeadlines
			if to == Published || to == CoDesign || from == Published || from == CoDesign || oneOf(ExecutiveReview, []string{from, to}) {
				kind = Complex
			}
			// The executive's step exists where the workspace turns it on.
			dl.ExecutiveStep = to == ExecutiveReview
			rs := Check(ready(from, kind), to, "a reason", dl, today)
			if oneOf(to, edges[from]) {
				allowedCount++
				require.Empty(t, rs, "%s → %s should be allowed: %v", from, to, keys(rs))
			} else {
				require.Equal(t, []string{"pact.refuse.edge"}, keys(rs), "%s → %s should be refused", from, to)
				msg := (&Refusal{Action: from + " → " + to, Reasons: rs}).Error()
				require.Contains(t, msg, "cannot become")
			}
		}
	}
	require.Equal(t, 44, allowedCount) // 40 and the executive's step: co_design →, → approved, → rejected, → withdrawn
	require.Equal(t, []string{"pact.refuse.unknown_status"}, keys(Check(ready(Draft, Ordinary), "finished", "", DefaultDeadlines, today)))
}

func TestRefusedTransitions(t *testing.T) {
	cases := []struct {
		name     string
		from     string
		kind     string
		to       string
		why      string
		mutate   func(d *Dossier)
		today    string
		wantKeys []string
	}{
		{name: "submit without proponent", from: Draft, to: Submitted, mutate: func(d *Dossier) { d.Parties = d.Parties[:1] }, wantKeys: []string{"pact.refuse.no_proponent"}},
		{name: "submit without title", from: Draft, to: Submitted, mutate: func(d *Dossier) { d.Pact.Title = " " }, wantKeys: []string{"pact.refuse.no_title"}},
		{name: "reject without reason", from: InReview, to: Rejected, why: " ", wantKeys: []string{"pact.refuse.reason"}},
		{name: "ask information without saying what", from: InReview, to: AwaitingInfo, wantKeys: []string{"pact.refuse.reason"}},
		{name: "withdraw without reason", from: Draft, to: Withdrawn, wantKeys: []string{"pact.refuse.reason"}},
		{name: "suspend without reason", from: Active, to: Suspended, wantKeys: []string{"pact.refuse.reason"}},
		{name: "revoke without reason", from: Extended, to: Revoked, wantKeys: []string{"pact.refuse.reason"}},
		{name: "terminate without reason", from: Signed, to: Terminated, wantKeys: []string{"pact.refuse.reason"}},
		{name: "publish an ordinary pact", from: InReview, kind: Ordinary, to: Published, why: "x", wantKeys: []string{"pact.refuse.complex_only"}},
		{name: "co-design while observations are open", from: Published, kind: Complex, to: CoDesign, why: "x",
			mutate: func(d *Dossier) { d.Pact.PublishedOn = "2026-06-01" }, wantKeys: []string{"pact.refuse.observations_open"}},
		{name: "approve a complex pact without publication", from: InReview, kind: Complex, to: Approved, why: "x", wantKeys: []string{"pact.refuse.complex_publish_first"}},
		{name: "approve with an empty section", from: InReview, to: Approved, why: "x",
			mutate: func(d *Dossier) { d.Sections[0].Text = "  " }, wantKeys: []string{"pact.refuse.section_empty"}},
		{name: "approve with a missing section", from: InReview, to: Approved, why: "x",
			mutate: func(d *Dossier) { d.Sections = d.Sections[1:] }, wantKeys: []string{"pact.refuse.section_empty"}},
		{name: "an empty optional section is fine", from: InReview, to: Approved, why: "x",
			mutate: func(d *Dossier) { d.Sections[4].Text = ""; d.Sections[7].Text = "" }},
		{name: "sign without the municipality", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Parties = d.Parties[1:] }, wantKeys: []string{"pact.refuse.no_municipality"}},
		{name: "sign without a proponent", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Parties = d.Parties[:1] }, wantKeys: []string{"pact.refuse.no_proponent"}},
		{name: "sign without a duration", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Pact.DurationMonths = 0 }, wantKeys: []string{"pact.refuse.no_duration"}},
		{name: "sign without asset or immaterial scope", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Assets = nil }, wantKeys: []string{"pact.refuse.no_scope"}},
		{name: "an immaterial pact needs no asset", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Assets = nil; d.Pact.Immaterial = true }},
		{name: "sign before every party signed", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Signatures = d.Signatures[:1] }, wantKeys: []string{"pact.refuse.unsigned"}},
		{name: "sign with a broken template", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Sections[2].Text = "{{.Nobody}} works" }, wantKeys: []string{"pact.refuse.template"}},
		{name: "several conditions fail together", from: Approved, to: Signed, why: "x",
			mutate: func(d *Dossier) { d.Pact.DurationMonths = 0; d.Assets = nil }, wantKeys: []string{"pact.refuse.no_duration", "pact.refuse.no_scope"}},
		{name: "activate without a start date", from: Signed, to: Active, mutate: func(d *Dossier) { d.Pact.StartDate = "" }, wantKeys: []string{"pact.refuse.no_start"}},
		{name: "activate before the start", from: Signed, to: Active, mutate: func(d *Dossier) { d.Pact.StartDate = "2026-07-01" }, wantKeys: []string{"pact.refuse.not_started"}},
		{name: "extend without an extension", from: Active, to: Extended, mutate: func(d *Dossier) { d.Pact.ExtensionMonths = 0 }, wantKeys: []string{"pact.refuse.no_extension"}},
		{name: "extend twice", from: Active, to: Extended, mutate: func(d *Dossier) {
			d.Transitions = []model.PactTransition{{FromStatus: Active, ToStatus: Extended}, {FromStatus: Extended, ToStatus: Suspended}, {FromStatus: Suspended, ToStatus: Active}}
		}, wantKeys: []string{"pact.refuse.already_extended"}},
		{name: "conclude before the end", from: Active, to: Concluded, mutate: func(d *Dossier) { d.Pact.StartDate = "2026-01-01" }, wantKeys: []string{"pact.refuse.not_ended"}},
		{name: "conclude an extended pact before its extension ends", from: Extended, to: Concluded,
			mutate: func(d *Dossier) { d.Pact.StartDate = "2025-04-01" }, wantKeys: []string{"pact.refuse.not_ended"}},
		{name: "an archived pact stays archived", from: Archived, to: Draft, wantKeys: []string{"pact.refuse.edge"}},
		{name: "a draft cannot be signed", from: Draft, to: Signed, wantKeys: []string{"pact.refuse.edge"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = Ordinary
			}
			d := ready(c.from, kind)
			if c.mutate != nil {
				c.mutate(d)
			}
			rs := Check(d, c.to, c.why, DefaultDeadlines, today)
			want := append([]string{}, c.wantKeys...)
			sort.Strings(want)
			if len(want) == 0 {
				require.Empty(t, rs)
				return
			}
			require.Equal(t, want, keys(rs))
			// Every reason reads as a sentence in every language, with its data filled in.
			for _, lang := range []string{"en", "es", "it"} {
				msg := (&Refusal{Action: "x", Reasons: rs}).Localized(lang)
				require.NotContains(t, msg, "pact.refuse.")
				require.NotContains(t, msg, "<no value>")
			}
		})
	}
}

func TestRefusalNamesTheCondition(t *testing.T) {
	d := ready(InReview, Ordinary)
	d.Sections[0].Text = ""
	err := &Refusal{Action: "PACT-2026-0001 in_review → approved", Reasons: Check(d, Approved, "", DefaultDeadlines, today)}
	require.Contains(t, err.Error(), "Object of the interventions and objectives")
	require.Contains(t, err.Localized("it"), "Oggetto degli interventi e obiettivi")
	d = ready(Archived, Ordinary)
	err = &Refusal{Action: "x", Reasons: Check(d, Active, "", DefaultDeadlines, today)}
	require.Contains(t, err.Error(), "nothing (this is a final status)")
	d = ready(Active, Ordinary)
	msg := (&Refusal{Action: "x", Reasons: Check(d, Draft, "", DefaultDeadlines, today)}).Localized("es")
	require.True(t, strings.Contains(msg, "Suspendido") && strings.Contains(msg, "Prorrogado"), msg)
}

func TestTransitionsRecordWhoWhenWhereWhy(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "it")
	require.Equal(t, Approved, d.Pact.Status)
	require.Len(t, d.Transitions, 4) // created, submitted, in review, approved
	tr := d.Transitions[1]
	require.Equal(t, Draft, tr.FromStatus)
	require.Equal(t, Submitted, tr.ToStatus)
	require.Equal(t, "Officer Test", tr.Actor)
	require.Equal(t, "dev-test", tr.Device)
	require.Equal(t, "2026-04-26T10:00:00Z", tr.At)
	require.Equal(t, "2026-04-26", d.Pact.SubmittedOn)

	// Refused: the pact does not move and nothing is recorded.
	err := Transition(ctx, st, d.Pact.ID, Active, "", by(0))
	r, ok := IsRefusal(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, "pact.refuse.edge", r.Reasons[0].Key)

	signAll(t, st, d, "2026-05-20")
	d, _ = Load(st.DB(), d.Pact.ID)
	require.Equal(t, Signed, d.Pact.Status, "the last signature signs the pact")
	require.Equal(t, "2026-05-20", d.Pact.StartDate, "the term starts at the signature")
	require.NoError(t, Transition(ctx, st, d.Pact.ID, Active, "", by(1)))
	require.NoError(t, Transition(ctx, st, d.Pact.ID, Suspended, "Lavori sulla rete idrica", by(2)))
	d, _ = Load(st.DB(), d.Pact.ID)
	last := d.Transitions[len(d.Transitions)-1]
	require.Equal(t, Suspended, last.ToStatus)
	require.Equal(t, "Lavori sulla rete idrica", last.Reason)
	require.Equal(t, "2026-06-17", d.Pact.StatusSince)

	// The transitions are synced rows: the next export carries them.
	var chs []model.Change
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		var err error
		chs, _, err = tx.PendingChanges()
		return err
	}))
	n := 0
	for _, c := range chs {
		if c.Table == "pact_transitions" && strings.Contains(string(c.Fields), `"reason":"Lavori sulla rete idrica"`) {
			n++
		}
	}
	require.Equal(t, 1, n)
}
