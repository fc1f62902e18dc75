package ui

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
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
	// the municipality's profile (pacts.ProfileSettings): an entry per setting but the
	// second signature's, a drop-down, and the values the entries were filled with
	profile     map[string]*Entry
	art1341     *Select
	regulation  *Select // what the municipal rules are called (pacts.Regulations)
	profileBase map[string]string
	logo        *widget.Label
	saving      bool // SaveTyped runs (UnsavedText)
}

// art1341Values are the second signature's choices, in the drop-down's order.
var art1341Values = []string{"", "on", "off"}

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
	// The workspace's own translations count: a Kichwa translated here is shown as such.
	if c := i18n.Default().Coverage(l.Code); c < 0.995 {
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
	p.profile, p.profileBase = map[string]*Entry{}, map[string]string{}
	var profileItems []*widget.FormItem
	for _, name := range pacts.ProfileSettings() {
		label, hint := profileLabel(name)
		if name == pacts.SettingArt1341 {
			p.art1341 = newSelect(translated("settings.profile.art1341.", []string{"auto", "on", "off"}), nil)
			p.art1341.SetSelectedIndex(0)
			profileItems = append(profileItems, &widget.FormItem{Text: label, Widget: p.art1341, HintText: hint})
			continue
		}
		if name == pacts.SettingRegulation {
			p.regulation = newSelect(translated("pact.regulation.", pacts.Regulations), nil)
			p.regulation.SetSelectedIndex(0)
			profileItems = append(profileItems, &widget.FormItem{Text: label, Widget: p.regulation, HintText: hint})
			continue
		}
		e := newEntry()
		if strings.HasPrefix(name, pacts.SettingLegalBasisIn+".") || name == pacts.SettingOfficerPowers {
			e = multiLine(3)
		}
		p.profile[name] = e
		profileItems = append(profileItems, &widget.FormItem{Text: label, Widget: e, HintText: hint})
	}
	p.logo = widget.NewLabel("")
	chooseLogo := newButtonWithIcon(i18n.T("settings.profile.logo.choose"), theme.FileImageIcon(), p.chooseLogo)
	profileItems = append(profileItems, &widget.FormItem{Text: i18n.T("settings.profile.logo"), Widget: container.NewBorder(nil, nil, nil, chooseLogo, p.logo),
		HintText: i18n.T("settings.profile.logo.hint")})
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
	// The profile's fields go before the language: they are the workspace's too.
	p.form.Items = append(p.form.Items[:2], append(append([]*widget.FormItem{widget.NewFormItem("", widget.NewLabelWithStyle(i18n.T("settings.profile"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))}, profileItems...), p.form.Items[2:]...)...)
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
	ws, err := pacts.LoadWorkspace(p.sh.WS.Store.DB())
	if err != nil {
		p.status.SetText(errorText(err))
		return
	}
	typed, fresh := p.typedProfile(), ws.Profile.Values()
	for name, v := range fresh {
		if typed[name] != p.profileBase[name] {
			continue // typed in and not saved: it stays, and so does what it began from
		}
		p.profileBase[name] = v
		if e, ok := p.profile[name]; ok {
			e.SetText(v)
		} else if name == pacts.SettingArt1341 {
			p.art1341.SetSelectedIndex(max(indexOf(art1341Values, v), 0))
		} else if name == pacts.SettingRegulation {
			p.regulation.SetSelectedIndex(max(indexOf(pacts.Regulations, v), 0)) // unset: a regulation
		}
	}
	if ws.Profile.Logo == "" {
		p.logo.SetText(i18n.T("settings.profile.logo.none"))
	} else {
		p.logo.SetText("SHA-256 " + ws.Profile.Logo[:12])
	}
}

// profileLabel is the label and hint of a profile setting.
func profileLabel(name string) (string, string) {
	for _, b := range []string{pacts.SettingName, pacts.SettingArticle, pacts.SettingLegalBasisIn} {
		if l, ok := strings.CutPrefix(name, b+"."); ok {
			key := strings.TrimPrefix(strings.TrimPrefix(b, "municipality."), "settings.")
			return i18n.T("settings.profile."+key, map[string]any{"Lang": langName(l)}), i18n.T("settings.profile." + key + ".hint")
		}
	}
	key := strings.TrimPrefix(name, "municipality.")
	key = strings.TrimPrefix(key, "signature.")
	return i18n.T("settings.profile." + key), i18n.T("settings.profile." + key + ".hint")
}

// typedProfile reads the profile's fields.
func (p *settingsPage) typedProfile() map[string]string {
	out := map[string]string{}
	for name, e := range p.profile {
		out[name] = e.Text
	}
	if p.art1341 != nil {
		out[pacts.SettingArt1341] = keyAt(art1341Values, p.art1341.SelectedIndex())
	}
	if p.regulation != nil {
		v := keyAt(pacts.Regulations, p.regulation.SelectedIndex())
		if v == pacts.Regulations[0] && p.profileBase[pacts.SettingRegulation] == "" {
			v = "" // unset means a regulation: choosing it is no change
		}
		out[pacts.SettingRegulation] = v
	}
	return out
}

// profileTyped reports whether a field of the profile holds typing not saved.
func (p *settingsPage) profileTyped() bool {
	for name, v := range p.typedProfile() {
		if v != p.profileBase[name] {
			return true
		}
	}
	return false
}

// chooseLogo asks for an image and keeps it as the municipality's logo at once.
func (p *settingsPage) chooseLogo() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, pacts.MaxLogo+1))
		if err == nil {
			err = p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { _, err := pacts.SetLogo(tx, b); return err })
		}
		if err != nil {
			p.status.SetText(p.sh.reportError(err))
			return
		}
		p.Reload()
		p.status.SetText(i18n.T("settings.saved"))
	}, p.sh.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg"}))
	d.Show()
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
	// While a save runs, nothing counts as typed: a language it switches rebuilds this page.
	if p.saving || (p.typed() == p.base && !p.profileTyped()) {
		return ""
	}
	return i18n.T("settings.unsaved")
}

// DiscardTyped shows the settings as stored.
func (p *settingsPage) DiscardTyped() {
	p.base = p.typed() // nothing counts as typed: Reload shows the stored values
	p.profileBase = p.typedProfile()
	p.Reload()
	p.status.SetText("")
}

// SaveTyped saves the settings as typed and reports whether it did; a refusal is said
// under the form, and the typing stays.
func (p *settingsPage) SaveTyped() bool {
	// Only what the user changed since the form was filled in is written: a value a sync
	// or another process brought meanwhile, and the form has not shown yet, stays.
	s := p.typed()
	p.saving = true
	defer func() { p.saving = false }()
	if err := p.sh.WS.EditSettings(p.sh.Ctx, p.base, s); err != nil {
		p.status.SetText(p.sh.reportError(err))
		return false
	}
	p.base = s
	base, typed := p.profileBase, p.typedProfile()
	if err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return pacts.EditProfile(tx, base, typed) }); err != nil {
		p.status.SetText(p.sh.reportError(err))
		return false
	}
	p.profileBase = typed
	p.Reload() // what the save kept of the stored values, in place of the form's old copy
	// A language switch rebuilds this page; otherwise confirm here.
	p.status.SetText(i18n.T("settings.saved"))
	p.sh.updateTitle()
	return true
}
