package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

// glossaryTerms are the words the glossary explains, in the order it shows them: keys
// glossary.TERM.term and glossary.TERM.text (help.en.json).
var glossaryTerms = []string{"pact", "pact_kinds", "commons", "registry", "availability", "council", "parity",
	"officers", "sortition", "quorum", "call", "criterion", "gate", "social_value", "frozen", "workspace",
	"shared_folder", "fingerprint", "conflict", "enrol"}

// helpText is what the Help of a screen says: a few sentences (help.screen.ID), or, for a
// screen that has none yet, a pointer to the glossary.
func helpText(screenID string) string {
	key := "help.screen." + screenID
	if i18n.Default().Has(key) {
		return i18n.T(key)
	}
	return i18n.T("help.screen.none")
}

// ShowHelp shows the Help of the screen on display, with the keyboard's keys and the
// glossary one click away.
func (sh *Shell) ShowHelp() {
	id, title := sh.CurrentID(), ""
	for _, s := range screens {
		if s.ID == id {
			title = i18n.T(s.TitleKey)
		}
	}
	var d dialog.Dialog
	glossary := newButtonWithIcon(i18n.T("help.glossary"), theme.SearchIcon(), func() {
		d.Hide()
		sh.ShowGlossary()
	})
	body := container.NewVBox(wrapped(helpText(id)), widget.NewSeparator(), wrapped(i18n.T("help.keys")),
		container.NewHBox(glossary))
	d = dialog.NewCustom(i18n.T("help.title", map[string]any{"Screen": title}), i18n.T("action.close"), body, sh.Window)
	d.Resize(fyne.NewSize(620, 0))
	showDialog(sh.Window, d, dialogKeys{ok: d.Hide})
}

// glossaryEntries are the glossary's terms and their explanations in the language in use,
// those whose term contains filter (case folded) first… only, when filter is not empty.
func glossaryEntries(filter string) [][2]string {
	filter = strings.ToLower(strings.TrimSpace(filter))
	var out [][2]string
	for _, k := range glossaryTerms {
		term, text := i18n.T("glossary."+k+".term"), i18n.T("glossary."+k+".text")
		if filter != "" && !strings.Contains(strings.ToLower(term+" "+text), filter) {
			continue
		}
		out = append(out, [2]string{term, text})
	}
	return out
}

// ShowGlossary shows every term the window uses with a sentence or two each, and a search
// box that narrows them.
func (sh *Shell) ShowGlossary() {
	list := container.NewVBox()
	fill := func(filter string) {
		list.Objects = nil
		for _, e := range glossaryEntries(filter) {
			list.Add(widget.NewLabelWithStyle(e[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			list.Add(wrapped(e[1]))
		}
		list.Refresh()
	}
	fill("")
	search := newEntry()
	search.SetPlaceHolder(i18n.T("action.search"))
	search.OnChanged = fill
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(600, 420))
	d := dialog.NewCustom(i18n.T("help.glossary.title"), i18n.T("action.close"), container.NewBorder(search, nil, nil, nil, scroll), sh.Window)
	d.Resize(fyne.NewSize(680, 560))
	showDialog(sh.Window, d, dialogKeys{ok: d.Hide})
	sh.Window.Canvas().Focus(search)
}
