package ui

import (
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/translations"
)

// makeEditor builds the editor of the selected key: its English text, the translation
// (and its form for one where the language has it), a line that says what is wrong as it
// is typed, Save and "use the shipped text".
func (p *translationsPage) makeEditor() {
	p.key = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.english = wrappedLabel("")
	p.shipped = hintLabel("")
	p.other = multiLine(3)
	p.one = multiLine(2)
	p.problem = wrappedLabel("")
	p.problem.Importance = widget.DangerImportance
	p.other.OnChanged = func(string) { p.check() }
	p.one.OnChanged = func(string) { p.check() }
	p.save = newButtonWithIcon("", theme.DocumentSaveIcon(), func() { p.SaveTyped() })
	p.save.Importance = widget.HighImportance
	p.accept = newButtonWithIcon("", theme.ContentUndoIcon(), p.acceptShipped)
	p.otherLabel = widget.NewLabel("")
	p.oneLabel = widget.NewLabel("")
	p.oneRow = container.NewBorder(nil, nil, p.oneLabel, nil, p.one)
	form := container.NewVBox(
		p.key, p.english, p.shipped,
		container.NewBorder(nil, nil, p.otherLabel, nil, p.other),
		p.oneRow, p.problem,
		container.NewHBox(p.save, p.accept),
	)
	p.editor = container.NewVScroll(form)
	p.fillEditor(nil, false)
}

// fillEditor shows e in the editor (nil: none chosen yet). keepTyping leaves what was
// typed in the fields (the stored state changed underneath: a save, a sync).
func (p *translationsPage) fillEditor(e *i18n.Entry, keepTyping bool) {
	p.sel = e
	if e == nil {
		p.key.SetText(i18n.T("translate.ui.choose"))
		p.english.SetText("")
		setLine(p.shipped, "")
		p.other.Disable()
		p.oneRow.Hide()
		setLine(p.problem, "")
		p.save.Disable()
		p.accept.Disable()
		return
	}
	lang := p.code()
	p.base = translations.Stored(p.sh.WS.Store.DB(), lang, e.Key)
	p.key.SetText(e.Key)
	english := e.English
	if e.EnglishOne != "" {
		english = i18n.T("translate.ui.english_forms", map[string]any{"One": e.EnglishOne, "Other": e.English})
	}
	p.english.SetText(english)
	switch {
	case e.Edited && e.Shipped != "" && e.Shipped != e.Text:
		setLine(p.shipped, i18n.T("translate.ui.shipped_differs", map[string]any{"Text": e.Shipped}))
	case e.Status == i18n.StatusStale:
		setLine(p.shipped, i18n.T("translate.ui.stale_hint"))
	case e.Status == i18n.StatusMissing && lang != i18n.Source:
		setLine(p.shipped, i18n.T("translate.ui.missing_hint", map[string]any{"Fallback": i18n.FallbackName(lang)}))
	default:
		setLine(p.shipped, "")
	}
	hasOne := e.EnglishOne != "" && slices.Contains(i18n.PluralForms(lang), "one")
	p.other.Enable()
	if hasOne {
		p.oneRow.Show()
	} else {
		p.oneRow.Hide()
	}
	if !keepTyping {
		p.moving = true
		p.other.SetText(e.Text)
		p.one.SetText(e.One)
		p.moving = false
	}
	p.shown = [2]string{e.One, e.Text}
	if e.Edited {
		p.accept.Enable()
	} else {
		p.accept.Disable()
	}
	p.check()
}

// forms are the plural forms typed.
func (p *translationsPage) forms() map[string]string {
	f := map[string]string{"other": p.other.Text}
	if p.oneRow.Visible() {
		f["one"] = p.one.Text
	}
	return f
}

// check says what is wrong with the typing as it is typed; Save waits for it to be right.
func (p *translationsPage) check() {
	if p.moving || p.sel == nil {
		return
	}
	if !p.unsaved() {
		setLine(p.problem, "")
		// A stale translation may be saved as it is: the translator checked it against
		// the English of today.
		if p.sel.Status == i18n.StatusStale {
			p.save.Enable()
		} else {
			p.save.Disable()
		}
		return
	}
	if prob := i18n.Default().CheckMessage(p.code(), p.sel.Key, p.forms()); prob != nil {
		setLine(p.problem, sentence(prob.In(i18n.Current())))
		p.save.Disable()
		return
	}
	setLine(p.problem, "")
	p.save.Enable()
}

// unsaved reports whether the editor holds typing not saved.
func (p *translationsPage) unsaved() bool {
	if p.sel == nil {
		return false
	}
	one := ""
	if p.oneRow.Visible() {
		one = p.one.Text
	}
	return p.other.Text != p.shown[1] || (p.oneRow.Visible() && one != p.shown[0])
}

// UnsavedText implements Unsaved.
func (p *translationsPage) UnsavedText() string {
	if !p.unsaved() {
		return ""
	}
	return i18n.T("translate.ui.unsaved", map[string]any{"Key": p.sel.Key})
}

// Save implements Saver (Ctrl+S).
func (p *translationsPage) Save() { p.SaveTyped() }

// SaveTyped implements Unsaved: the typing becomes the workspace's translation, in use at
// once and sent to the other laptops at the next sync.
func (p *translationsPage) SaveTyped() bool {
	if p.sel == nil || (!p.unsaved() && p.sel.Status != i18n.StatusStale) {
		return true
	}
	if prob := i18n.Default().CheckMessage(p.code(), p.sel.Key, p.forms()); prob != nil {
		setLine(p.problem, sentence(prob.In(i18n.Current())))
		return false
	}
	base, forms := p.base, p.forms()
	err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return translations.Edit(tx, base, forms) })
	if err != nil {
		setLine(p.problem, p.sh.reportError(err))
		return false
	}
	p.shown = [2]string{forms["one"], forms["other"]}
	p.applied()
	return true
}

// DiscardTyped implements Unsaved.
func (p *translationsPage) DiscardTyped() {
	if p.sel != nil {
		e := *p.sel
		p.fillEditor(&e, false)
	}
}

// acceptShipped removes the workspace's translation of the key: the shipped text is used
// again, on every laptop once synced.
func (p *translationsPage) acceptShipped() {
	if p.sel == nil {
		return
	}
	lang, key := p.code(), p.sel.Key
	confirmAction(p.sh.Window, i18n.T("translate.ui.accept"), i18n.T("translate.ui.accept_confirm", map[string]any{"Key": key}),
		i18n.T("translate.ui.accept"), false, func() {
			err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return translations.Accept(tx, lang, key) })
			if err != nil {
				setLine(p.problem, p.sh.reportError(err))
				return
			}
			p.shown = [2]string{}
			p.applied()
			if p.sel != nil {
				e := *p.sel
				p.fillEditor(&e, false)
			}
		})
}

// applied puts the workspace's translations in use (the window relabels itself; this page
// keeps its state, Relabel) and reads the list again.
func (p *translationsPage) applied() {
	if err := translations.Apply(p.sh.WS.Store.DB()); err != nil {
		p.sh.ShowError(err)
	}
	p.Reload()
}

// togglePreview shows every screen in the pseudo-locale (accented, longer English: a text
// that shows without accents does not pass through the bundles; one cut short will be cut
// in a longer language), or ends the preview. The workspace's language is not changed.
func (p *translationsPage) togglePreview() {
	if i18n.Current() == i18n.Pseudo {
		p.sh.endPreview()
		return
	}
	p.sh.startPreview()
}

// chooseExport writes the chosen language's bundle (every area and the workspace's own
// translations) to a file, for Weblate or a translator.
func (p *translationsPage) chooseExport() {
	lang := p.code()
	p.sh.saveFileAs(lang+".json", func(w io.Writer) error {
		data, err := i18n.Default().Export(lang)
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}, func(name string) {
		p.sh.ShowInfo("translate.ui.export", i18n.T("translate.ui.exported", map[string]any{"File": name, "Language": langName(lang)}))
	})
}

// chooseImport reads a translated bundle, shows what it changes and, when confirmed,
// writes it as the workspace's translations; a bad file is refused whole, with its lines.
func (p *translationsPage) chooseImport() {
	p.sh.openFileOf([]string{".json"}, p.importBundle)
}

// importBundle shows what the bundle named name changes for the chosen language, and
// imports it when confirmed.
func (p *translationsPage) importBundle(name string, data []byte) {
	lang := p.code()
	_, changes, err := i18n.Default().ReadImport(name, data, lang)
	if err != nil {
		// Each problem with its file, line and key, said in the reader's language.
		why := err.Error()
		if l, ok := err.(interface{ Localized(string) string }); ok {
			why = l.Localized(i18n.Current())
		}
		text := wrappedLabel(i18n.T("translate.ui.import_refused", map[string]any{"File": name}) + "\n\n" + why)
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(560, 240))
		showMessage(p.sh.Window, i18n.T("translate.ui.import"), scroll, theme.ErrorIcon())
		return
	}
	if len(changes) == 0 {
		p.sh.ShowInfo("translate.ui.import", i18n.T("translate.ui.import_nothing", map[string]any{"File": name}))
		return
	}
	var lines []string
	for _, c := range changes {
		l := c.Key + ": " + c.New
		if c.Stale {
			l += " (" + i18n.T("translate.status.stale") + ")"
		}
		lines = append(lines, l)
	}
	list := wrappedLabel(strings.Join(lines, "\n"))
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, 260))
	intro := wrappedLabel(i18n.N("translate.ui.import_changes", len(changes), map[string]any{"File": name, "Language": langName(lang)}))
	showChoice(p.sh.Window, i18n.T("translate.ui.import"), i18n.T("translate.ui.import"), container.NewBorder(intro, nil, nil, nil, scroll), func(ok bool) {
		if !ok {
			return
		}
		err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *model.Tx) error { return translations.Import(tx, lang, changes) })
		if err != nil {
			p.sh.ShowError(err)
			return
		}
		p.applied()
	})
}
