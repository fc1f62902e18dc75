package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
)

func init() {
	RegisterScreen(Screen{ID: "settings", Order: 90, TitleKey: "nav.settings", Icon: theme.SettingsIcon, Make: newSettings})
}

// settingsPage edits the workspace and device settings.
type settingsPage struct {
	sh           *Shell
	municipality *Entry
	legalBasis   *Entry
	language     *Select
	deviceName   *Entry
	status       *widget.Label
	form         *widget.Form
	outer        fyne.CanvasObject
	// base is what the form was filled with; a field the user has typed in keeps the value
	// they began from (Reload). Before the first fill, base and the empty form are both
	// zero: nothing counts as typed.
	base app.Settings
}

// settingsLanguages are the languages Settings offers: the shipped ones, and the
// pseudo-locale when PACTA_DEBUG is set (i18n.PseudoEnabled), for testing the layout.
func settingsLanguages() []i18n.Language {
	if !i18n.PseudoEnabled() {
		return i18n.Languages
	}
	return append(append([]i18n.Language{}, i18n.Languages...), i18n.Language{Code: i18n.Pseudo, Name: "Pseudo (" + i18n.Pseudo + ")"})
}

func languageOptions() []string {
	out := []string{i18n.T("settings.language.system")}
	for _, l := range settingsLanguages() {
		out = append(out, languageLabel(l))
	}
	return out
}

// languageLabel is a language as the lists offer it: its own name, and, for a language
// not complete, how much of it is translated and what shows elsewhere (never a guess).
func languageLabel(l i18n.Language) string {
	if l.Code == i18n.Pseudo {
		return l.Name
	}
	if c, ok := i18n.Default().Check().Coverage[l.Code]; ok && c < 0.995 {
		return i18n.T("settings.language.partial", map[string]any{"Name": l.Name, "Percent": fmt.Sprintf("%.0f", 100*c),
			"Fallback": i18n.FallbackName(l.Code)})
	}
	return l.Name
}

func languageFromOption(opt string) string {
	for _, l := range settingsLanguages() {
		if languageLabel(l) == opt {
			return l.Code
		}
	}
	return ""
}

func newSettings(sh *Shell) Page {
	p := &settingsPage{sh: sh}
	p.municipality = newEntry()
	p.municipality.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(i18n.T("settings.error.municipality_required"))
		}
		return nil
	}
	p.legalBasis = multiLine(6)
	p.language = newSelect(languageOptions(), nil)
	p.deviceName = newEntry()
	p.deviceName.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(i18n.T("settings.error.device_required"))
		}
		return nil
	}
	p.status = widget.NewLabel("")
	p.form = &widget.Form{
		Items: []*widget.FormItem{
			{Text: i18n.T("settings.municipality"), Widget: p.municipality, HintText: i18n.T("settings.municipality.hint")},
			{Text: i18n.T("settings.legal_basis"), Widget: p.legalBasis, HintText: i18n.T("settings.legal_basis.hint")},
			{Text: i18n.T("settings.language"), Widget: p.language, HintText: i18n.T("settings.language.hint")},
			{Text: i18n.T("settings.device_name"), Widget: p.deviceName, HintText: i18n.T("settings.device_name.hint")},
		},
		SubmitText: i18n.T("action.save"),
		OnSubmit:   p.save,
	}
	p.Reload()
	p.outer = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(i18n.T("settings.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.form, p.status,
		widget.NewSeparator(),
		keyValue(i18n.T("settings.data_location"), sh.WS.Home),
	))
	return p
}

func (p *settingsPage) Content() fyne.CanvasObject { return p.outer }

// Save saves the settings as typed (Ctrl+S, Saver).
func (p *settingsPage) Save() { p.save() }

// Reload shows the stored values (after a save, a sync, an import). What the user has
// typed and not saved stays: a sync must not take their typing away.
func (p *settingsPage) Reload() {
	s, err := p.sh.WS.Settings(p.sh.Ctx)
	if err != nil {
		p.status.SetText(errorText(err))
		return
	}
	var shown app.Settings
	shown, p.base = rebase(p.base, p.typed(), s)
	p.municipality.SetText(shown.Municipality)
	p.legalBasis.SetText(shown.LegalBasis)
	p.deviceName.SetText(shown.DeviceName)
	p.language.SetSelected(languageOptionOf(shown.Language))
}

// languageOptionOf is the option of languageOptions that stands for code ("" is the
// system's language).
func languageOptionOf(code string) string {
	for _, l := range settingsLanguages() {
		if l.Code == code {
			return languageLabel(l)
		}
	}
	return i18n.T("settings.language.system")
}

// typed reads the form.
func (p *settingsPage) typed() app.Settings {
	return app.Settings{
		Municipality: p.municipality.Text,
		LegalBasis:   p.legalBasis.Text,
		Language:     languageFromOption(p.language.Selected),
		DeviceName:   p.deviceName.Text,
	}
}

func (p *settingsPage) save() { p.SaveTyped() }

// UnsavedText says that the settings hold typing not saved, "" when they do not (Unsaved).
func (p *settingsPage) UnsavedText() string {
	if p.typed() == p.base {
		return ""
	}
	return i18n.T("settings.unsaved")
}

// DiscardTyped shows the settings as stored.
func (p *settingsPage) DiscardTyped() {
	p.base = p.typed() // nothing counts as typed: Reload shows the stored values
	p.Reload()
	p.status.SetText("")
}

// SaveTyped saves the settings as typed and reports whether it did; a refusal is said
// under the form, and the typing stays.
func (p *settingsPage) SaveTyped() bool {
	// Only what the user changed since the form was filled in is written: a value a sync
	// or another process brought meanwhile, and the form has not shown yet, stays.
	s := p.typed()
	if err := p.sh.WS.EditSettings(p.sh.Ctx, p.base, s); err != nil {
		p.status.SetText(p.sh.reportError(err))
		return false
	}
	p.base = s
	p.Reload() // what the save kept of the stored values, in place of the form's old copy
	// A language switch rebuilds this page; otherwise confirm here.
	p.status.SetText(i18n.T("settings.saved"))
	p.sh.updateTitle()
	return true
}
