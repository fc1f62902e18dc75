package ui

import (
	_ "embed"
	"encoding/json"
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

// fyneEnglish is Fyne's own English widget strings (its lang/translations/base.en.json),
// from which the pseudo-locale's are made.
//
//go:embed fyne.en.json
var fyneEnglish []byte

// fynePseudoLocale is the locale Fyne's widget strings take in the pseudo-locale: Fyne
// needs a real language tag, and en-XA is the customary one for accented English.
const fynePseudoLocale = "en-XA"

var pseudoOnce sync.Once

// addFynePseudo registers Fyne's widget strings in the pseudo-locale, made from English.
func addFynePseudo() {
	pseudoOnce.Do(func() {
		var src map[string]any
		if err := json.Unmarshal(fyneEnglish, &src); err != nil {
			fyne.LogError("read Fyne's English widget strings", err)
			return
		}
		out := map[string]any{}
		for k, v := range src {
			switch x := v.(type) {
			case string:
				out[k] = i18n.PseudoText(x)
			case map[string]any:
				forms := map[string]string{}
				for form, text := range x {
					if s, ok := text.(string); ok {
						forms[form] = i18n.PseudoText(s)
					}
				}
				out[k] = forms
			}
		}
		b, _ := json.Marshal(out)
		if err := lang.AddTranslationsForLocale(b, fyne.Locale(fynePseudoLocale)); err != nil {
			fyne.LogError("load pseudo-locale widget strings", err)
		}
	})
}

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
	if code == i18n.Pseudo {
		addFynePseudo()
		os.Setenv("LANGUAGE", fynePseudoLocale)
		if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(fynePseudoLocale)); err != nil {
			fyne.LogError("switch widget language", err)
		}
		return
	}
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
