package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

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
