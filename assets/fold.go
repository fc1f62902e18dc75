// Package assets is the commons asset registry: validation, search, CSV and GeoJSON
// import and export, the public list of available commons and the sample registry.
// Every write goes through store.Update; every query lives in model.
package assets

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes its diacritics ("Città" → "citta", "Niño" → "nino"), so
// that people find what they mean whatever their keyboard. It decomposes to NFD and drops
// the combining marks, then recomposes.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s) // no diacritics to remove (the common case, and 20 times faster)
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

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
