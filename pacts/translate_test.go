package pacts

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// englishPact is a pact in English with the default texts, a start date and support worth
// 1234.5, so that dates and amounts show each language's way of writing them.
func englishPact(t *testing.T, st *model.Store) *Dossier {
	t.Helper()
	d := readyPact(t, st, "en")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return AddSupport(tx, d.Pact.ID, model.PactSupport{Kind: "materials", Details: "tools", Value: 1234.5})
	}))
	d, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return tx.PutEdit(&d.Pact, func() *model.Pact { p := d.Pact; p.StartDate = "2026-07-01"; return &p }())
	}))
	d, err = Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	return d
}

func TestAgreementInAnotherLanguage(t *testing.T) {
	date := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name        string
		lang        string
		lang2       string
		own         string // a text of the pact's own for the object, before printing
		want        []string
		wantNot     []string
		wantMissing []string
	}{
		{name: "English pact in Italian: Italian headings and Italian body", lang: "it",
			want:    []string{"PATTO DI COLLABORAZIONE", "Il presente Patto ha ad oggetto il progetto", "1 luglio 2026", "Traduzione: l'accordo è redatto in English"},
			wantNot: []string{"This Pact", "The Pact", "1 July 2026"}},
		{name: "bilingual Spanish and Italian, section by section", lang: "es", lang2: "it",
			want: []string{"PACTO DE COLABORACIÓN / PATTO DI COLLABORAZIONE", "El presente Pacto tiene por objeto", "Il presente Patto ha ad oggetto",
				"1 de julio de 2026", "1 luglio 2026", "Considerandos / Premesse", "1.234,50"}},
		{name: "bilingual with the pact's own language first", lang: "en", lang2: "es",
			want:    []string{"COLLABORATION PACT / PACTO DE COLABORACIÓN", "1 July 2026", "1 de julio de 2026"},
			wantNot: []string{"Translation: the agreement"}},
		{name: "a text of its own has no Italian", lang: "it", own: "Our own words on {{.Title}}.",
			wantMissing: []string{"1. Object of the interventions and objectives (a text of its own)"}},
		{name: "Kichwa has no sections: refused, not printed in Spanish", lang: "es", lang2: "qu",
			wantMissing: []string{"the agreement's own words", "Premises", "1. Object of the interventions and objectives (no template text in that language, no title in that language)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			d := englishPact(t, st)
			if c.own != "" {
				require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetSection(tx, d.Pact.ID, "object", c.own) }))
				d, _ = Load(st.DB(), d.Pact.ID)
			}
			b, err := BilingualPDF(st.DB(), d, c.lang, c.lang2, date)
			if len(c.wantMissing) > 0 {
				var miss *MissingLangError
				require.ErrorAs(t, err, &miss)
				all := miss.Localized("en")
				for _, w := range c.wantMissing {
					require.Contains(t, all, w)
				}
				require.Nil(t, b)
				return
			}
			require.NoError(t, err)
			text := pdfText(t, b)
			for _, w := range c.want {
				require.Contains(t, text, w)
			}
			for _, w := range c.wantNot {
				require.NotContains(t, text, w)
			}
		})
	}
}

// TestMissingLangListsAFewAndCounts: a language lacking every section names the first few
// and counts the rest, so that a dialog can hold the refusal.
func TestMissingLangListsAFewAndCounts(t *testing.T) {
	e := &MissingLangError{Ref: "PACT-1", Lang: "qu"}
	for i := 0; i < 10; i++ {
		e.Missing = append(e.Missing, Missing{Heading: fmt.Sprintf("%d. Section", i+1), Why: []string{"pact.lang.no_template"}})
	}
	got := e.Localized("en")
	require.Contains(t, got, "4. Section (no template text in that language); and 6 more")
	require.NotContains(t, got, "5. Section")
	e.Missing = e.Missing[:5]
	require.Contains(t, e.Localized("en"), "5. Section", "five are listed whole rather than 'and 1 more'")
}
