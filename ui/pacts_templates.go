package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// templateEditor edits the workspace's own text of the premises and sections, per language.
type templateEditor struct {
	sh     *Shell
	lang   *widget.Select
	key    *widget.Select
	text   *widget.Entry
	status *widget.Label
	base   model.PactTemplate // the stored row the text was loaded from (pacts.EditTemplate)
}

func templateTitles() []string {
	out := []string{i18n.T("pact.pdf.premises")}
	return append(out, translated("pact.section.", pacts.SectionKeys)...)
}

func newTemplateEditor(sh *Shell) *templateEditor {
	t := &templateEditor{sh: sh, text: multiLine(14), status: wrapped("")}
	t.lang = widget.NewSelect(langNames()[:3], func(string) { t.load() })
	t.key = widget.NewSelect(templateTitles(), func(string) { t.load() })
	t.lang.SetSelected(langName(sh.WS.Language()))
	if t.lang.SelectedIndex() < 0 {
		t.lang.SetSelectedIndex(0)
	}
	t.key.SetSelectedIndex(0)
	return t
}

func (t *templateEditor) current() (lang, key string) {
	return langCode(t.lang.Selected), keyAt(pacts.TemplateKeys, t.key.SelectedIndex())
}

func (t *templateEditor) load() {
	if t.text == nil || t.key == nil {
		return
	}
	lang, key := t.current()
	if lang == "" || key == "" {
		return
	}
	text, err := pacts.TemplateText(t.sh.WS.Store.DB(), lang, key)
	if err != nil {
		t.status.SetText(errorText(err))
		return
	}
	t.base = pacts.StoredTemplate(t.sh.WS.Store.DB(), lang, key)
	t.text.SetText(text)
	t.status.SetText("")
}

// save stores the text; an empty text (or reset) goes back to the default.
func (t *templateEditor) save(text string) bool {
	base := t.base
	err := t.sh.WS.Store.Update(t.sh.Ctx, func(tx *model.Tx) error { return pacts.EditTemplate(tx, base, text) })
	if err != nil {
		t.status.Importance = widget.DangerImportance
		t.status.SetText(t.sh.reportError(err))
		return false
	}
	t.load()
	t.status.Importance = widget.SuccessImportance
	t.status.SetText(i18n.T("pact.ui.template_saved"))
	return true
}

func (t *templateEditor) content() fyne.CanvasObject {
	save := widget.NewButton(i18n.T("action.save"), func() { t.save(t.text.Text) })
	reset := widget.NewButton(i18n.T("pact.ui.template_reset"), func() { t.save("") })
	hint := wrapped(i18n.T("pact.ui.template_hint"))
	hint.Importance = widget.LowImportance
	return container.NewBorder(container.NewVBox(container.NewGridWithColumns(2, t.lang, t.key), hint),
		container.NewVBox(container.NewHBox(save, reset), t.status), nil, nil, container.NewVScroll(t.text))
}

func (p *pactsPage) showTemplates() {
	t := newTemplateEditor(p.sh)
	d := dialog.NewCustom(i18n.T("pact.ui.templates"), i18n.T("action.close"), t.content(), p.sh.Window)
	d.Resize(fyne.NewSize(820, 620))
	d.Show()
}
