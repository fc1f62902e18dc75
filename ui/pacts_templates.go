package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// templateEditor edits the workspace's own text of the premises and sections, per language.
type templateEditor struct {
	sh     *Shell
	lang   *Select
	key    *Select
	text   *Entry
	keys   []string // the premises and every section of the workspace's lists
	status *widget.Label
	base   model.PactTemplate // the stored row the text was loaded from (pacts.EditTemplate)
	// shown is the text load put in the editor, and chosen the language and text it is of
	// (indexes): a choice that would replace typing not saved asks first (choose)
	shown          string
	chosen         [2]int
	asking, moving bool
}

// templateKeys are the premises and the sections of the workspace's lists, with their
// titles in the user's language.
func templateKeys(db model.Querier) (keys, titles []string) {
	ws, err := pacts.WorkspaceKeys(db)
	if err != nil {
		ws = pacts.SectionKeys
	}
	keys = append([]string{pacts.PremisesKey}, ws...)
	titles = []string{i18n.T("pact.pdf.premises")}
	for _, k := range ws {
		titles = append(titles, pacts.SectionTitle(db, i18n.Current(), k))
	}
	return keys, titles
}

func newTemplateEditor(sh *Shell) *templateEditor {
	t := &templateEditor{sh: sh, text: multiLine(14), status: wrapped("")}
	var titles []string
	t.keys, titles = templateKeys(sh.WS.Store.DB())
	t.lang = newSelect(langNames()[:3], func(string) { t.choose() })
	t.key = newSelect(titles, func(string) { t.choose() })
	t.lang.SetSelected(langOption(sh.WS.Language()))
	if t.lang.SelectedIndex() < 0 {
		t.lang.SetSelectedIndex(0)
	}
	t.key.SetSelectedIndex(0)
	return t
}

func (t *templateEditor) current() (lang, key string) {
	return langCode(t.lang.Selected), keyAt(t.keys, t.key.SelectedIndex())
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
	text = pacts.Tokens(text) // plain text with [Title]-style fields
	t.text.SetText(text)
	t.shown, t.chosen = text, [2]int{t.lang.SelectedIndex(), t.key.SelectedIndex()}
	t.status.SetText("")
}

// unsaved reports whether the text was typed in and not saved.
func (t *templateEditor) unsaved() bool { return t.text.Text != t.shown }

// choose loads the text the language and text drop-downs now choose; when the one shown
// holds typing not saved, it asks first, and Cancel puts the choice back.
func (t *templateEditor) choose() {
	if t.moving || t.text == nil || t.key == nil {
		return
	}
	if !t.unsaved() {
		t.load()
		return
	}
	if t.asking {
		return
	}
	to := [2]int{t.lang.SelectedIndex(), t.key.SelectedIndex()}
	t.selectIndexes(t.chosen) // until the user answers
	t.asking = true
	d := askUnsaved(t.sh.Window, i18n.T("pact.ui.template_unsaved"), func() bool { return t.save(t.text.Text) }, func() {}, func() {
		t.selectIndexes(to)
		t.load()
	})
	d.SetOnClosed(func() { t.asking = false })
}

// selectIndexes sets the drop-downs without loading.
func (t *templateEditor) selectIndexes(ix [2]int) {
	t.moving = true
	defer func() { t.moving = false }()
	t.lang.SetSelectedIndex(ix[0])
	t.key.SetSelectedIndex(ix[1])
}

// close closes the editor's dialog, asking first about typing not saved.
func (t *templateEditor) close(d dialog.Dialog) {
	if t.unsaved() {
		askUnsaved(t.sh.Window, i18n.T("pact.ui.template_unsaved"), func() bool { return t.save(t.text.Text) }, func() {}, d.Hide)
		return
	}
	d.Hide()
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
	t.status.Importance = widget.MediumImportance
	t.status.SetText(i18n.T("pact.ui.template_saved"))
	return true
}

func (t *templateEditor) content() fyne.CanvasObject {
	save := newButton(i18n.T("action.save"), func() { t.save(t.text.Text) })
	reset := newButton(i18n.T("pact.ui.template_reset"), func() {
		confirmAction(t.sh.Window, i18n.T("confirm.reset_template.title"), i18n.T("confirm.reset_template.text"),
			i18n.T("pact.ui.template_reset"), true, func() { t.save("") })
	})
	hint := wrapped(i18n.T("pact.ui.template_hint"))
	hint.Importance = widget.LowImportance
	lists := newButtonWithIcon(i18n.T("pact.ui.clauses"), theme.ListIcon(), func() { showClauses(t.sh) })
	return container.NewBorder(container.NewVBox(container.NewGridWithColumns(2, t.lang, t.key), hint),
		container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(save, reset), lists), t.status), nil, nil, container.NewVScroll(t.text))
}

func (p *pactsPage) showTemplates() {
	t := newTemplateEditor(p.sh)
	d := dialog.NewCustomWithoutButtons(i18n.T("pact.ui.templates"), t.content(), p.sh.Window)
	d.SetButtons([]fyne.CanvasObject{newButton(i18n.T("action.close"), func() { t.close(d) })})
	d.Resize(fyne.NewSize(820, 620))
	// Enter is the text's; Ctrl+S saves it, Escape closes as Close does.
	showDialog(p.sh.Window, d, dialogKeys{save: func() { t.save(t.text.Text) }, cancel: func() { t.close(d) },
		typed: func() string {
			if t.unsaved() {
				return i18n.T("pact.ui.template_unsaved")
			}
			return ""
		}, keep: func() bool {
			if !t.save(t.text.Text) {
				return false
			}
			d.Hide()
			return true
		}})
}
