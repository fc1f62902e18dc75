package ui

import (
	_ "embed"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"pacta/i18n"
)

// Fyne ships no Italian strings for its own widgets (file dialog, Cancel, OK…); this
// bundle supplies them so that an Italian user sees no English.
//
//go:embed fyne.it.json
var fyneItalian []byte

// fyneLanguages are the languages Fyne has widget strings for, among ours.
var fyneLanguages = map[string]bool{"en": true, "es": true, "it": true}

var italianOnce sync.Once

// addFyneItalian registers the Italian widget strings; it must run after the Fyne app
// exists, since Fyne re-reads the locale when translations are added.
func addFyneItalian() {
	italianOnce.Do(func() {
		if err := lang.AddTranslationsForLocale(fyneItalian, fyne.Locale("it")); err != nil {
			fyne.LogError("load Italian widget strings", err)
		}
	})
}

// applyFyneLanguage makes Fyne's own widget strings follow Pacta's language. Fyne reads
// the locale list from the environment whenever translations are added, so we set
// LANGUAGE to our fallback chain (Kichwa → Spanish → English) restricted to the languages
// Fyne knows, and nudge it by adding an empty bundle.
func applyFyneLanguage(code string) {
	addFyneItalian()
	var chain []string
	for _, l := range i18n.Chain(code) {
		if fyneLanguages[l] {
			chain = append(chain, l)
		}
	}
	os.Setenv("LANGUAGE", strings.Join(chain, ":"))
	if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(chain[0])); err != nil {
		fyne.LogError("switch widget language", err)
	}
}
