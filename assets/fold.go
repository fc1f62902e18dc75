// Package assets is the commons asset registry: validation, search, CSV and GeoJSON
// import and export, the public list of available commons and the sample registry.
// Every write goes through store.Update; every query lives in model.
package assets

import (
	"strings"
	"unicode"

	"pacta/internal/fold"
)

// Fold lowercases s and removes its diacritics ("Città" → "citta"), so that people find
// what they mean whatever their keyboard.
func Fold(s string) string { return fold.String(s) }

// Words splits folded text into its letters-and-digits words.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// MatchQuery turns what a person typed into an FTS4 MATCH expression: every word must
// appear, as a prefix ("piaz fond" finds "Piazza Fonderia"). Words are letters and digits
// only, folded to lower case, so nothing typed can become an FTS operator or a syntax
// error. The empty string means "no text filter".
func MatchQuery(text string) string {
	ws := Words(text)
	for i, w := range ws {
		ws[i] = w + "*"
	}
	return strings.Join(ws, " ")
}
