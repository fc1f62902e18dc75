package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
)

func init() {
	RegisterDashboardCard(DashboardCard{Order: -10, Make: sampleCard})
}

// sampleCard greets a first start: the window opens on sample data, and this card leads
// to the real thing (a new workspace, or joining the one colleagues share). It disappears
// once the sample has been set aside.
func sampleCard(sh *Shell) fyne.CanvasObject {
	if !sh.WS.IsSample(sh.Ctx) {
		return nil
	}
	text := wrapped(i18n.T("start.sample.text"))
	start := newButtonWithIcon(i18n.T("start.new"), theme.ContentAddIcon(), func() { sh.askStartOver() })
	start.Importance = widget.HighImportance
	join := newButtonWithIcon(i18n.T("start.join"), theme.ViewRefreshIcon(), func() { sh.Show("sync") })
	// What each part of Pacta is, in two sentences, with the glossary for the rest.
	what := container.NewVBox()
	for _, k := range []string{"pact", "registry", "council", "call"} {
		what.Add(widget.NewLabelWithStyle(i18n.T("glossary."+k+".term"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		what.Add(wrapped(i18n.T("glossary." + k + ".text")))
	}
	glossary := newButtonWithIcon(i18n.T("help.glossary"), theme.SearchIcon(), sh.ShowGlossary)
	return Card(i18n.T("welcome.title"), container.NewVBox(text, container.NewGridWrap(start.MinSize().Max(join.MinSize()), start, join), widget.NewSeparator(),
		what, container.NewHBox(glossary)))
}

// askStartOver asks for the municipality's name, then sets the sample aside and starts an
// empty workspace in its place.
func (sh *Shell) askStartOver() *formDialog {
	name := newEntry()
	name.SetPlaceHolder(i18n.T("start.new.placeholder"))
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(i18n.T("settings.error.municipality_required"))
		}
		return nil
	}
	f := newField(i18n.T("settings.municipality"), name, "municipality")
	f.hint = i18n.T("settings.municipality.hint")
	lang := newSelect(languageOptions(), nil)
	lang.SetSelected(languageOptionOf(sh.WS.Config.Language))
	l := newField(i18n.T("settings.language"), lang, "language")
	// The dialog says what starting over does; a refusal keeps it open with the name typed.
	d := newFormDialog(sh, i18n.T("start.new.title"), i18n.T("start.new.button"), i18n.T("start.new.intro"), []*formField{f, l},
		func() error { return sh.startOver(name.Text, languageFromOption(lang.Selected)) })
	d.Show(fyne.NewSize(560, 0))
	return d
}

// startOver does the work of askStartOver and rebuilds every screen on the new workspace.
// The caller shows the error.
func (sh *Shell) startOver(municipality, lang string) error {
	sy := syncerFor(sh)
	sy.hold()
	aside, err := sh.WS.StartOver(sh.Ctx, municipality)
	sy.release()
	if err != nil {
		return err
	}
	if base, err := sh.WS.Settings(sh.Ctx); err == nil && base.Language != lang {
		s := base
		s.Language = lang
		if err := sh.WS.EditSettings(sh.Ctx, base, s); err != nil {
			return err
		}
	}
	sh.relabel()
	sh.ShowInfo("start.new.title", i18n.T("start.new.done", map[string]any{"File": aside}))
	return nil
}
