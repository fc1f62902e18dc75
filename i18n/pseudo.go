package i18n

import (
	"os"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pseudo is the pseudo-locale: English with every letter accented and about 30% more
// length, generated from the English bundle when a message is looked up (there is no file
// to maintain). A string that shows on screen without accents did not pass through this
// package; a label the padding cuts short will be cut in a longer language too. It is
// chosen with PACTA_LANG=xx-pseudo, or in Settings when PACTA_DEBUG is set; it is not in
// Languages, so bundle checks and the language menus ignore it otherwise.
const Pseudo = "xx-pseudo"

// PseudoEnabled reports whether the pseudo-locale is offered in Settings: PACTA_DEBUG is
// set, or PACTA_LANG asks for it.
func PseudoEnabled() bool {
	return os.Getenv("PACTA_DEBUG") != "" || Normalize(os.Getenv("PACTA_LANG")) == Pseudo
}

// pseudoLetters maps each ASCII letter to an accented look-alike, chosen among those that
// Spanish and Italian data do not use (å, not á or à), so that a text holding one of them
// passed through this package.
var pseudoLetters = map[rune]rune{
	'a': 'å', 'b': 'ƀ', 'c': 'č', 'd': 'ð', 'e': 'ë', 'f': 'ƒ', 'g': 'ĝ', 'h': 'ĥ', 'i': 'ï', 'j': 'ĵ', 'k': 'ķ', 'l': 'ļ', 'm': 'ɱ',
	'n': 'ň', 'o': 'ø', 'p': 'þ', 'q': 'ǫ', 'r': 'ŕ', 's': 'š', 't': 'ţ', 'u': 'ů', 'v': 'ṽ', 'w': 'ŵ', 'x': 'ẋ', 'y': 'ý', 'z': 'ž',
	'A': 'Å', 'B': 'Ɓ', 'C': 'Č', 'D': 'Ð', 'E': 'Ë', 'F': 'Ƒ', 'G': 'Ĝ', 'H': 'Ĥ', 'I': 'Ï', 'J': 'Ĵ', 'K': 'Ķ', 'L': 'Ļ', 'M': 'Ṁ',
	'N': 'Ň', 'O': 'Ø', 'P': 'Þ', 'Q': 'Ǫ', 'R': 'Ŕ', 'S': 'Š', 'T': 'Ţ', 'U': 'Ů', 'V': 'Ṽ', 'W': 'Ŵ', 'X': 'Ẋ', 'Y': 'Ý', 'Z': 'Ž',
}

var pseudoMarks = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range pseudoLetters {
		m[r] = true
	}
	return m
}()

// PseudoPad is the character that lengthens pseudo-locale texts.
const PseudoPad = '·'

// IsPseudo reports whether s holds text made by the pseudo-locale: a letter it accented.
func IsPseudo(s string) bool {
	for _, r := range s {
		if pseudoMarks[r] {
			return true
		}
	}
	return false
}

var pseudoCache sync.Map // source text → pseudo text

// PseudoText turns an English message into its pseudo-locale form: letters accented, the
// {{.Placeholders}} (and anything else between {{ and }}) as they are, and padding that
// makes it about 30% longer. An empty text stays empty.
func PseudoText(src string) string {
	if src == "" {
		return ""
	}
	if v, ok := pseudoCache.Load(src); ok {
		return v.(string)
	}
	var sb strings.Builder
	letters := 0
	rest := src
	for rest != "" {
		if strings.HasPrefix(rest, "{{") {
			end := strings.Index(rest, "}}")
			if end < 0 {
				sb.WriteString(rest)
				break
			}
			sb.WriteString(rest[:end+2])
			rest = rest[end+2:]
			continue
		}
		r, n := utf8.DecodeRuneInString(rest)
		rest = rest[n:]
		if a, ok := pseudoLetters[r]; ok {
			letters++
			r = a
		}
		sb.WriteRune(r)
	}
	out := sb.String()
	if pad := (letters*3 + 9) / 10; pad > 0 {
		// Before a trailing line break or colon, so that labels and lists keep their shape.
		body, tail := out, ""
		for _, t := range []string{"\n", ":", ": "} {
			if strings.HasSuffix(body, t) && len(t) > len(tail) {
				tail = t
			}
		}
		body = strings.TrimSuffix(body, tail)
		out = body + " " + strings.Repeat(string(PseudoPad), pad) + tail
	}
	pseudoCache.Store(src, out)
	return out
}
