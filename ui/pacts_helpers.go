package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
)

type modelTx = model.Tx

// translated names every key of a list in the current language.
func translated(prefix string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = i18n.T(prefix + k)
	}
	return out
}

// keyAt is the key at a select's index, "" when nothing is selected.
func keyAt(keys []string, i int) string {
	if i < 0 || i >= len(keys) {
		return ""
	}
	return keys[i]
}

func indexOf(keys []string, k string) int {
	for i, x := range keys {
		if x == k {
			return i
		}
	}
	return -1
}

// langNames are the languages as a drop-down offers them: a language not complete says how
// much of it is translated and what shows elsewhere (languageLabel), never hiding a guess.
func langNames() []string {
	out := make([]string, len(i18n.Languages))
	for i, l := range i18n.Languages {
		out[i] = languageLabel(l)
	}
	return out
}

// langOption is code's choice in langNames.
func langOption(code string) string {
	for _, l := range i18n.Languages {
		if l.Code == code {
			return languageLabel(l)
		}
	}
	return languageLabel(i18n.Languages[0])
}

func langName(code string) string {
	for _, l := range i18n.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return i18n.Languages[0].Name
}

// langCode is the code of a language by its name or its choice in langNames.
func langCode(name string) string {
	for _, l := range i18n.Languages {
		if l.Name == name || languageLabel(l) == name {
			return l.Code
		}
	}
	return ""
}

// intEntry is a whole-number field (newIntEntry) that shows n.
func intEntry(labelKey string, n int) *Entry {
	e := newIntEntry(labelKey)
	e.SetText(strconv.Itoa(n))
	return e
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// wrapped is a label that wraps its text.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
