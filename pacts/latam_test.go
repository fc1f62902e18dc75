package pacts

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestSpanishForLatinAmerica: a workspace may call its rules an ordinance and label the
// fiscal identifier as its country does; the Spanish agreement then speaks of "la
// Ordenanza" with its articles and contractions, prints "RUC" before every fiscal number,
// and uses neutral Latin American terms ("costos", "equipo de protección personal"). Unset,
// it is "el Reglamento" and the neutral "identificación tributaria". Italian agreements
// keep "C.F.".
func TestSpanishForLatinAmerica(t *testing.T) {
	cases := []struct {
		name, lang, regulation, label string
		want, not                     []string
	}{
		{"unset", "es", "", "", []string{"los fines del Reglamento.", "con el Pacto y con el Reglamento", "dispuesto en el Reglamento",
			"identificación tributaria 97265890820", "el equipo de protección personal"}, []string{"Ordenanza", "código fiscal", "protección individual"}},
		{"ordinance and RUC", "es", "ordinance", "RUC", []string{"los fines de la Ordenanza.", "con el Pacto y con la Ordenanza",
			"dispuesto en la Ordenanza", "respete el Pacto, la Ordenanza o", "RUC 97265890820"},
			[]string{"fines del Reglamento", "incumplimiento del Reglamento", "identificación tributaria", "código fiscal"}},
		{"ordinance in Italian", "it", "ordinance", "", []string{"C.F. 97265890820"}, []string{"identificación"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			d := richPact(t, st, c.lang, 3, 1)
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
				return EditProfile(tx, map[string]string{}, map[string]string{SettingRegulation: c.regulation, SettingFiscalLabel: c.label})
			}))
			b, err := AgreementPDF(st.DB(), d, "", day0)
			require.NoError(t, err)
			text := strings.Join(strings.Fields(pdfText(t, b)), " ")
			for _, w := range c.want {
				require.True(t, strings.Contains(text, w), "the agreement says %q", w)
			}
			for _, w := range c.not {
				require.False(t, strings.Contains(text, w), "the agreement does not say %q", w)
			}
		})
	}
}

// TestSpanishTemplatesWithTheRegulation: the premises and the object, as the templates
// write them, name the rules and the costs in neutral terms.
func TestSpanishTemplatesWithTheRegulation(t *testing.T) {
	f := SampleFields()
	f.lang, f.Regulation = "es", Noun{Name: "Ordenanza"}
	for key, want := range map[string][]string{
		PremisesKey: {"(en adelante, la Ordenanza)", "CONSIDERANDO que la Ordenanza define", "conforme a la Ordenanza"},
		"object":    {"Los costos del proyecto"},
	} {
		text, err := Render(key, DefaultText("es", key), f)
		require.NoError(t, err)
		for _, w := range want {
			require.Contains(t, text, w)
		}
	}
}

// TestRegulationSettingRefusesOtherNames: only a regulation or an ordinance.
func TestRegulationSettingRefusesOtherNames(t *testing.T) {
	st := openStore(t)
	err := st.Update(ctx, func(tx *model.Tx) error {
		return EditProfile(tx, map[string]string{}, map[string]string{SettingRegulation: "decree"})
	})
	require.ErrorContains(t, err, "regulation, ordinance")
	ws, err := LoadWorkspace(st.DB())
	require.NoError(t, err)
	require.Empty(t, ws.Profile.Regulation, "nothing written")
}

// TestCurrencyAsTyped: "usd" is taken as USD; "dollars" is refused.
func TestCurrencyAsTyped(t *testing.T) {
	st := openStore(t)
	for _, c := range []struct{ typed, want string }{{" usd ", "USD"}, {"dollars", ""}, {"US1", ""}} {
		err := st.Update(ctx, func(tx *model.Tx) error {
			return EditProfile(tx, map[string]string{}, map[string]string{SettingCurrency: c.typed})
		})
		if c.want == "" {
			require.Error(t, err, c.typed)
			continue
		}
		require.NoError(t, err)
		ws, err := LoadWorkspace(st.DB())
		require.NoError(t, err)
		require.Equal(t, c.want, ws.CurrencyCode())
	}
}

// TestDefaultLegalBasisFollowsTheRules: a workspace with no legal basis of its own, whose
// rules are an ordinance, cites "la Ordenanza…" by default, not "el Reglamento…".
func TestDefaultLegalBasisFollowsTheRules(t *testing.T) {
	ws := Workspace{Profile: Profile{Regulation: "ordinance"}}
	require.True(t, strings.HasPrefix(ws.LegalBasisIn("es"), "la Ordenanza sobre"), ws.LegalBasisIn("es"))
	require.True(t, strings.HasPrefix(Workspace{}.LegalBasisIn("es"), "el Reglamento sobre"))
}
