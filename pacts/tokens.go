// Section texts as people edit them: plain text with named fields as [Title]-style tokens
// and optional parts as [if Assets]…[end] blocks. The template language stays inside: a
// text is stored as a Go template, shown with tokens (Tokens) and stored back (Template).

package pacts

import (
	"regexp"
	"strings"
)

// nounHelpers are the grammar helpers written as [the Municipality], [to Proponents]….
var nounHelpers = []string{"the", "to", "of", "by", "seat"}

var (
	// templateAction is one {{…}} of a stored text.
	templateAction = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)
	// tokenPattern is one […] of a text as shown.
	tokenPattern = regexp.MustCompile(`\[([^\[\]\n]+)\]`)
	quoted       = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// isField reports whether name is a field a text may use.
func isField(name string) bool { return oneOf(name, FieldNames()) }

// Tokens is a stored text as an editor shows it: {{.Title}} as [Title], {{to .Municipality}}
// as [to Municipality], {{agree .Proponents "rappresentato"}} as [agree Proponents
// rappresentato], {{verb .Proponents "ha" "hanno"}} as [verb Proponents ha | hanno],
// {{section "roles"}} as [section roles], {{if .Assets}}…{{else}}…{{end}} as
// [if Assets]…[else]…[end]. Anything else stays as written.
func Tokens(text string) string {
	return templateAction.ReplaceAllStringFunc(text, func(a string) string {
		inner := strings.TrimSpace(templateAction.FindStringSubmatch(a)[1])
		if t, ok := actionToken(inner); ok {
			return "[" + t + "]"
		}
		return a
	})
}

func actionToken(inner string) (string, bool) {
	switch inner {
	case "else", "end":
		return inner, true
	}
	if f, ok := strings.CutPrefix(inner, "."); ok && isField(f) {
		return f, true
	}
	if f, ok := strings.CutPrefix(inner, "if ."); ok && isField(f) {
		return "if " + f, true
	}
	name, rest, _ := strings.Cut(inner, " ")
	rest = strings.TrimSpace(rest)
	switch name {
	case "section":
		if m := quoted.FindStringSubmatch(rest); m != nil && m[0] == rest && keyPattern.MatchString(m[1]) {
			return "section " + m[1], true
		}
	case "agree", "verb":
		field, args, _ := strings.Cut(rest, " ")
		f, ok := strings.CutPrefix(field, ".")
		if !ok || !isField(f) {
			return "", false
		}
		var words []string
		left := strings.TrimSpace(quoted.ReplaceAllStringFunc(args, func(q string) string {
			words = append(words, quoted.FindStringSubmatch(q)[1])
			return ""
		}))
		for _, w := range words {
			if strings.ContainsAny(w, "[]|\\") {
				return "", false
			}
		}
		if left != "" || (name == "agree" && len(words) != 1) || (name == "verb" && len(words) != 2) {
			return "", false
		}
		return name + " " + f + " " + strings.Join(words, " | "), true
	default:
		if oneOf(name, nounHelpers) {
			if f, ok := strings.CutPrefix(rest, "."); ok && isField(f) {
				return name + " " + f, true
			}
		}
	}
	return "", false
}

// Template is a text as an editor shows it, stored back: every token Tokens writes becomes
// its template action again; any other […] ("Neu[nòi]", "[omissis]") stays text, and any
// {{…}} typed as such stays as typed.
func Template(text string) string {
	return tokenPattern.ReplaceAllStringFunc(text, func(t string) string {
		inner := strings.TrimSpace(tokenPattern.FindStringSubmatch(t)[1])
		if a, ok := tokenAction(inner); ok {
			return "{{" + a + "}}"
		}
		return t
	})
}

func tokenAction(inner string) (string, bool) {
	switch inner {
	case "else", "end":
		return inner, true
	}
	if isField(inner) {
		return "." + inner, true
	}
	name, rest, _ := strings.Cut(inner, " ")
	rest = strings.TrimSpace(rest)
	switch name {
	case "if":
		if isField(rest) {
			return "if ." + rest, true
		}
	case "section":
		if keyPattern.MatchString(rest) {
			return `section "` + rest + `"`, true
		}
	case "agree":
		f, word, ok := strings.Cut(rest, " ")
		if ok && isField(f) && strings.TrimSpace(word) != "" {
			return "agree ." + f + " " + quote(strings.TrimSpace(word)), true
		}
	case "verb":
		f, words, ok := strings.Cut(rest, " ")
		one, other, two := strings.Cut(words, "|")
		if ok && two && isField(f) {
			return "verb ." + f + " " + quote(strings.TrimSpace(one)) + " " + quote(strings.TrimSpace(other)), true
		}
	default:
		if oneOf(name, nounHelpers) && isField(rest) {
			return name + " ." + rest, true
		}
	}
	return "", false
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// fieldLike is a token that names a field: a capitalised word in brackets.
var fieldLike = regexp.MustCompile(`\[\s*([A-Z][A-Za-z]*)\s*\]`)

// unknownTokens are the [Word] tokens of a text that name no field ("[Propnent]"): a typing
// error that would print as it is.
func unknownTokens(text string) []string {
	var out []string
	for _, m := range fieldLike.FindAllStringSubmatch(text, -1) {
		if !isField(m[1]) {
			out = append(out, m[0])
		}
	}
	return out
}
