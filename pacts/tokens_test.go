package pacts

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTokensRoundTrip(t *testing.T) {
	// Every default text shows without template code and is stored back as it was.
	for _, lang := range TemplateLangs() {
		for key, text := range defaults[lang] {
			shown := Tokens(text)
			require.NotContains(t, shown, "{{", "%s/%s shows no template code: %s", lang, key, shown)
			require.Equal(t, text, Template(shown), "%s/%s", lang, key)
		}
	}
	for stored, shown := range map[string]string{
		"{{.Title}} per {{to .Municipality}}":                              "[Title] per [to Municipality]",
		`{{the .Proponents}} {{verb .Proponents "ha" "hanno"}} presentato`: "[the Proponents] [verb Proponents ha | hanno] presentato",
		`{{agree .Proponents "rappresentato"}} da`:                         "[agree Proponents rappresentato] da",
		`{{if .Assets}}sui beni {{.Assets}}{{else}}immateriale{{end}}`:     "[if Assets]sui beni [Assets][else]immateriale[end]",
		`al punto {{section "roles"}}`:                                     "al punto [section roles]",
		"Neu[nòi] e [omissis] restano testo":                               "Neu[nòi] e [omissis] restano testo",
		"{{printf \"%d\" 3}} resta codice":                                 "{{printf \"%d\" 3}} resta codice",
	} {
		require.Equal(t, shown, Tokens(stored))
		require.Equal(t, stored, Template(shown))
	}
	// Typed with spaces, a token is read all the same.
	require.Equal(t, `{{verb .Proponents "ha" "hanno"}}`, Template("[ verb Proponents ha|hanno ]"))
	out, err := Render("object", Template("[the Proponents] [verb Proponents ha | hanno] presentato"), Fields{Proponents: listNoun("it",
		[]Noun{nounOf("Associazione A", "", "", "association", false), nounOf("Comitato B", "", "", "committee", false)}), lang: "it"})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(out, "l'Associazione A e il Comitato B hanno presentato"), out)
}
