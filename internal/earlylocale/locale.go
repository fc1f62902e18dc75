// Package locale runs before Fyne's lang package reads the locale. Go initialises packages
// in import-path order (Go 1.21 and later), and this path sorts before "fyne.io", while
// importing only packages that Fyne's lang package imports too; so this init always runs
// first. It sets LANGUAGE, which the locale library consults before LANG, to the languages
// of the environment that Pacta or Fyne can show, or to English: an unknown locale such
// as LANG=xx_YY then starts Pacta in English without Fyne logging a parse error.
package locale

import (
	"os"
	"strings"
)

// known are the languages Pacta or Fyne's own widgets can show.
var known = map[string]bool{
	"en": true, "es": true, "it": true, "qu": true,
	"cs": true, "de": true, "el": true, "fr": true, "ja": true, "pl": true, "pt": true,
	"ru": true, "sv": true, "ta": true, "uk": true, "zh": true,
}

func init() { Sanitize() }

// Sanitize rewrites LANGUAGE as described in the package comment. It leaves C and POSIX
// locales alone (the locale library treats them as "no preference", without error).
func Sanitize() {
	var first string
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if first = os.Getenv(v); first != "" {
			break
		}
	}
	if first == "C" || first == "POSIX" {
		return
	}
	source := os.Getenv("LANGUAGE")
	if source == "" {
		source = first
	}
	if source == "" {
		return
	}
	var keep []string
	for _, part := range strings.Split(source, ":") {
		code := strings.ToLower(part)
		if i := strings.IndexAny(code, "_-.@"); i >= 0 {
			code = code[:i]
		}
		if known[code] {
			keep = append(keep, code)
		}
	}
	if len(keep) == 0 {
		keep = []string{"en"}
	}
	os.Setenv("LANGUAGE", strings.Join(keep, ":"))
}
