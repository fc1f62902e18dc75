package assets

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFoldAndMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"Città":            "citta",
		"Niño":             "nino",
		"ÀÉÎÕÜ ç":          "aeiou c",
		"Ballarò":          "ballaro",
		"plain":            "plain",
		"São Paulo":        "sao paulo",
		"Ñandú Größe":      "nandu große",
		"":                 "",
		"Piazza\u0301 x":   "piazza x",
		"STRAẞE":           "straße",
		"Tribunali-Castel": "tribunali-castel",
	} {
		require.Equal(t, want, Fold(in), in)
	}
	for in, want := range map[string]string{
		"citta":                "citta*",
		"  Piazza   Fonderia ": "piazza* fonderia*",
		`"OR" NOT (x) -y *`:    "or* not* x* y*",
		"":                     "",
		"***":                  "",
		"Niño 42":              "nino* 42*",
	} {
		require.Equal(t, want, MatchQuery(in), in)
	}
}
