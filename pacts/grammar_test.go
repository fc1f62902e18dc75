package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGrammarTables renders one sentence per language for a masculine, a feminine and a
// plural party (and a person), as the examples ask: "al Comune", "rappresentata",
// "hanno presentato", "residente in".
func TestGrammarTables(t *testing.T) {
	text := map[string]string{
		"it": `{{the .Proponents}}, {{seat .Proponents}} via Roma 1, {{agree .Proponents "rappresentato"}} da Anna Rossi, {{verb .Proponents "ha" "hanno"}} presentato la proposta {{to .Municipality}}; copia {{of .Proponents}} resta {{to .Proponents}}.`,
		"es": `{{the .Proponents}}, {{seat .Proponents}} calle Mayor 1, {{agree .Proponents "representado"}} por Ana Ruiz, {{verb .Proponents "presentó" "presentaron"}} la propuesta {{to .Municipality}}.`,
		"en": `{{the .Proponents}}, {{seat .Proponents}} 1 High Street, {{agree .Proponents "represented"}} by Ann Reed, {{verb .Proponents "has" "have"}} submitted the proposal {{to .Municipality}}.`,
	}
	muni := map[string]Noun{
		"it": {Name: "Comune di Palermo", Article: "il"},
		"es": {Name: "Gobierno Autónomo Descentralizado de Quito", Article: "el"},
		"en": {Name: "City of Palermo", Article: "the"},
	}
	masc := func(lang string) Noun {
		return map[string]Noun{"it": nounOf("Comitato Piazza Fonderia", "", "", "committee", false),
			"es": nounOf("Comité Barrial La Floresta", "", "", "committee", false),
			"en": nounOf("Fonderia Square Committee", "", "", "committee", false)}[lang]
	}
	fem := func(lang string) Noun {
		return map[string]Noun{"it": nounOf("Ass. Sguardi Urbani", "", "", "association", false),
			"es": nounOf("Asociación Vecinal Ñukanchik", "", "", "association", false),
			"en": nounOf("Urban Views Association", "", "f", "association", false)}[lang]
	}
	person := func(lang string) Noun {
		return map[string]Noun{"it": nounOf("Luisa Tuttolomondo", "", "f", "person", false),
			"es": nounOf("Liboria Díaz", "", "f", "person", false), "en": nounOf("Louise Tull", "", "f", "person", false)}[lang]
	}
	cases := []struct {
		name  string
		props func(lang string) Noun
		want  map[string]string
	}{
		{"masculine", masc, map[string]string{
			"it": "il Comitato Piazza Fonderia, con sede in via Roma 1, rappresentato da Anna Rossi, ha presentato la proposta al Comune di Palermo; copia del Comitato Piazza Fonderia resta al Comitato Piazza Fonderia.",
			"es": "el Comité Barrial La Floresta, con sede en calle Mayor 1, representado por Ana Ruiz, presentó la propuesta al Gobierno Autónomo Descentralizado de Quito.",
			"en": "Fonderia Square Committee, with its seat at 1 High Street, represented by Ann Reed, has submitted the proposal to the City of Palermo.",
		}},
		{"feminine", fem, map[string]string{
			"it": "l'Ass. Sguardi Urbani, con sede in via Roma 1, rappresentata da Anna Rossi, ha presentato la proposta al Comune di Palermo; copia dell'Ass. Sguardi Urbani resta all'Ass. Sguardi Urbani.",
			"es": "la Asociación Vecinal Ñukanchik, con sede en calle Mayor 1, representada por Ana Ruiz, presentó la propuesta al Gobierno Autónomo Descentralizado de Quito.",
			"en": "Urban Views Association, with its seat at 1 High Street, represented by Ann Reed, has submitted the proposal to the City of Palermo.",
		}},
		{"plural", func(lang string) Noun { return listNoun(lang, []Noun{fem(lang), masc(lang)}) }, map[string]string{
			"it": "l'Ass. Sguardi Urbani e il Comitato Piazza Fonderia, con sede in via Roma 1, rappresentati da Anna Rossi, hanno presentato la proposta al Comune di Palermo; copia dell'Ass. Sguardi Urbani e del Comitato Piazza Fonderia resta all'Ass. Sguardi Urbani e al Comitato Piazza Fonderia.",
			"es": "la Asociación Vecinal Ñukanchik y el Comité Barrial La Floresta, con sede en calle Mayor 1, representados por Ana Ruiz, presentaron la propuesta al Gobierno Autónomo Descentralizado de Quito.",
			"en": "Urban Views Association and Fonderia Square Committee, with its seat at 1 High Street, represented by Ann Reed, have submitted the proposal to the City of Palermo.",
		}},
		{"person", person, map[string]string{
			"it": "Luisa Tuttolomondo, residente in via Roma 1, rappresentata da Anna Rossi, ha presentato la proposta al Comune di Palermo; copia di Luisa Tuttolomondo resta a Luisa Tuttolomondo.",
			"es": "Liboria Díaz, domiciliada en calle Mayor 1, representada por Ana Ruiz, presentó la propuesta al Gobierno Autónomo Descentralizado de Quito.",
			"en": "Louise Tull, resident at 1 High Street, represented by Ann Reed, has submitted the proposal to the City of Palermo.",
		}},
	}
	for _, c := range cases {
		for _, lang := range []string{"it", "es", "en"} {
			f := Fields{Municipality: muni[lang], Proponents: c.props(lang), lang: lang}
			out, err := Render("object", text[lang], f)
			require.NoError(t, err)
			require.Equal(t, c.want[lang], out, "%s in %s", c.name, lang)
		}
	}
	// Italian articles before s + consonant, z and vowels; feminine plural.
	for name, want := range map[string]string{"Istituto Comprensivo Rita Borsellino": "l'Istituto", "Scuola Garibaldi": "la Scuola",
		"Circolo Arci": "il Circolo", "Neu[nòi] - spazio al lavoro APS": "Neu[nòi]"} {
		require.Contains(t, nounOf(name, "", "", "association", false).The("it"), want)
	}
	require.Equal(t, "dello Spazio Zen", Noun{Name: "Spazio Zen", Article: "lo"}.With("it", "of"))
	require.Equal(t, "le Associazioni unite", Noun{Name: "Associazioni unite", Plural: true}.The("it"))
	require.Equal(t, "del Ayuntamiento", Noun{Name: "Ayuntamiento", Article: "el"}.With("es", "of"))
}

func TestMoneyAndNumbers(t *testing.T) {
	for _, c := range []struct {
		lang, cur string
		v         float64
		want      string
	}{
		{"it", "EUR", 12000, "12.000,00 €"}, {"es", "EUR", 12000, "12.000,00 €"}, {"en", "EUR", 12000, "€12,000.00"},
		{"es", "EUR", 1500, "1500,00 €"}, {"it", "EUR", 1500, "1.500,00 €"}, {"en", "USD", 1234567.5, "$1,234,567.50"},
		{"it", "CHF", 300, "300,00 CHF"}, {"en", "CHF", 300, "CHF 300.00"}, {"qu", "USD", 2500, "2500,00 $"},
	} {
		require.Equal(t, c.want, FormatMoney(c.lang, c.cur, c.v), "%s %s %v", c.lang, c.cur, c.v)
	}
	require.Equal(t, "1.234,5", FormatNumber("it", 1234.5, -1))
	require.Equal(t, "200", FormatNumber("en", 200, -1))
}
