package translations

import (
	"strings"

	"pacta/i18n"
	"pacta/internal/fold"
)

// The glossary (issue 22): Pacta's own words and the source book's terms, each a pair of
// bundle messages (glossary.TERM.term and glossary.TERM.text, help.*.json), so that
// translators edit them like any text (a workspace's translation of them syncs like any
// other). Where a language has no definition the entry stays empty and says so: the book
// gives no Kichwa definitions, and none is guessed.

// Terms are the glossary's terms in the order it shows them: Pacta's own words first, then
// the source book's (BookLines).
var Terms = []string{"pact", "pact_kinds", "commons", "registry", "availability", "council", "parity",
	"officers", "sortition", "quorum", "call", "criterion", "gate", "social_value", "frozen", "workspace",
	"shared_folder", "fingerprint", "conflict", "enrol",
	"care_regeneration", "horizontal_subsidiarity", "civic_use", "portici", "minga", "ranti_ranti", "trueque",
	"randimpa", "comuna", "sumak_kawsay", "sumak_yachay"}

// BookLines are where the source book (the commons-transition book, ../shared/domain) says
// what a term means: its definitions follow those lines.
var BookLines = map[string]string{
	"care_regeneration":       "L4662–4668",
	"horizontal_subsidiarity": "L4628–4640",
	"civic_use":               "L4566–4575",
	"portici":                 "L4650–4655",
	"minga":                   "L5924–5937",
	"ranti_ranti":             "L5937–5939",
	"trueque":                 "L5939–5941",
	"randimpa":                "L5941–5943",
	"comuna":                  "L5945–5954",
	"sumak_kawsay":            "L266–270",
	"sumak_yachay":            "L270–272",
}

// Term is one term of the glossary in a language.
type Term struct {
	Key        string
	Term, Text string // "" when the language has none (Text: no definition in it)
	Lines      string // the book's lines, "" for Pacta's own words
}

// TermKey and TextKey are the bundle messages of a term.
func TermKey(key string) string { return "glossary." + key + ".term" }

// TextKey is the message of a term's definition.
func TextKey(key string) string { return "glossary." + key + ".text" }

// Glossary lists the terms in lang, those whose term or definition contains filter (case
// and accents folded; the term as the reader's language names it counts too) only, when
// filter is not empty. The pseudo-locale gives the English accented, as everywhere.
func Glossary(lang, reader, filter string) []Term {
	filter = strings.TrimSpace(filter)
	b := i18n.Default()
	var out []Term
	for _, k := range Terms {
		e := Term{Key: k, Lines: BookLines[k]}
		e.Term, _ = b.Text(lang, TermKey(k))
		e.Text, _ = b.Text(lang, TextKey(k))
		if lang == i18n.Pseudo {
			e.Term, e.Text = i18n.In(lang).T(TermKey(k)), i18n.In(lang).T(TextKey(k))
		}
		shown := e.Term
		if shown == "" {
			shown = i18n.In(lang).T(TermKey(k)) // the fallback's
		}
		if filter != "" && !fold.Match(filter, shown+" "+e.Text+" "+i18n.In(reader).T(TermKey(k))) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// TermIn is the glossary term a label names in lang ("" when none): the label holds the
// term, or one of the parts it gives between commas and brackets ("Buen Vivir" of "Sumak
// Kawsay (Buen Vivir)"), as whole words of five letters or more.
func TermIn(label, lang string) string {
	l := strings.ToLower(label)
	for _, k := range Terms {
		term := strings.ToLower(i18n.In(lang).T(TermKey(k)))
		parts := append([]string{term}, strings.FieldsFunc(term, func(r rune) bool { return r == ',' || r == '(' || r == ')' })...)
		for _, part := range parts {
			part = strings.TrimSpace(part)
			if len([]rune(part)) >= 5 && containsWord(l, part) {
				return k
			}
		}
	}
	return ""
}

// containsWord reports whether s holds w as whole words.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before := start == 0 || !isLetter(s[start-1])
		after := end == len(s) || !isLetter(s[end])
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }
