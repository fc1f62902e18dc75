package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// sectionKeys are the premises and the pact's sections, in order.
func (e *pactEditor) sectionKeys() []string {
	keys := []string{pacts.PremisesKey}
	for _, s := range e.d.Sections {
		if s.Key != pacts.PremisesKey {
			keys = append(keys, s.Key)
		}
	}
	return keys
}

// sectionTitle is the list's line for the i-th of keys: its number and title.
func (e *pactEditor) sectionTitle(keys []string, i int) string {
	s, _ := e.d.Section(keys[i])
	title := i18n.T("pact.pdf.premises")
	if i > 0 {
		title = fmt.Sprintf("%d. %s", i, pacts.SectionHeading(i18n.Current(), pacts.AgreementText{Key: s.Key, Title: s.Title}))
	}
	if s.Translate != "" {
		// kept from the pact's former language (pacts.SetLang): to translate
		title += " — " + i18n.T("pact.ui.to_translate", map[string]any{"Language": langName(s.Translate)})
	}
	return title
}

func (e *pactEditor) sectionsTab() fyne.CanvasObject {
	keys := e.sectionKeys()
	if indexOf(keys, e.sectionKey) < 0 {
		e.sectionKey = pacts.PremisesKey
	}
	list := widget.NewList(func() int { return len(keys) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text := e.sectionTitle(keys, i)
			if _, ok := e.drafts[keys[i]]; ok {
				text = "• " + text // typed in, not saved
			}
			l.SetText(text)
			l.Wrapping = fyne.TextWrapWord // long titles are not cut short (wrappedRows)
		})
	e.sectionText = multiLine(12)
	e.preview = wrapped("")
	e.sectionText.OnChanged = func(string) { e.updatePreview() }
	save := newButtonWithIcon(i18n.T("pact.ui.save_section"), theme.DocumentSaveIcon(), func() { e.saveSection() })
	// Fields go in where the cursor is, from a menu: nobody types {{.Proponent}} by hand.
	e.insertField = newSelect(fieldChoices(), func(string) {})
	e.insertField.PlaceHolder = i18n.T("pact.ui.insert_field")
	e.insertField.OnChanged = func(string) {
		if i := e.insertField.SelectedIndex(); i >= 0 {
			e.insertAtCursor(fieldToken(i))
			e.insertField.ClearSelected()
		}
	}
	add := newButtonWithIcon(i18n.T("pact.ui.add_section"), theme.ContentAddIcon(), func() { e.askAddSection() })
	remove := newButtonWithIcon(i18n.T("pact.ui.remove_section"), theme.DeleteIcon(), func() {
		key := e.sectionKey
		if key == pacts.PremisesKey {
			return
		}
		confirmAction(e.sh.Window, i18n.T("confirm.remove.section.title"), i18n.T("confirm.remove.section.text", map[string]any{"What": e.sectionTitle(keys, indexOf(keys, key))}),
			i18n.T("confirm.remove_button"), true, func() { e.update(func(tx *model.Tx) error { return pacts.RemoveSection(tx, e.id, key) }) })
	})
	e.disableIfFrozen(e.sectionText, save, e.insertField, add, remove)
	fields := wrapped(i18n.T("pact.ui.fields_hint", map[string]any{"Fields": "[" + strings.Join(pacts.FieldNames(), "], [") + "]"}))
	fields.Importance = widget.LowImportance
	right := container.NewVBox(e.sectionText, container.NewHBox(save, e.insertField), fields, widget.NewSeparator(),
		widget.NewLabelWithStyle(i18n.T("pact.ui.preview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.preview)
	left := container.NewBorder(nil, container.NewHBox(add, remove), nil, nil,
		wrappedRows(list, func() int { return len(keys) }, func(i int) string { return "• " + e.sectionTitle(keys, i) }))
	split := container.NewHSplit(left, container.NewVScroll(right))
	split.Offset = 0.3
	list.Select(indexOf(keys, e.sectionKey))
	list.OnSelected = func(i widget.ListItemID) { e.showSection(keys[i]) }
	e.sectionList = list
	e.loadSection(e.sectionKey)
	return split
}

// fieldChoices are the fields the menu offers, named in the user's language.
func fieldChoices() []string {
	names := pacts.FieldNames()
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = i18n.T("pact.field." + strings.ToLower(n))
	}
	return out
}

// fieldToken is what the i-th field of the menu writes into a text.
func fieldToken(i int) string { return "[" + pacts.FieldNames()[i] + "]" }

// insertAtCursor types s where the cursor of the section's text is.
func (e *pactEditor) insertAtCursor(s string) {
	t := e.sectionText
	lines := strings.Split(t.Text, "\n")
	row := min(t.CursorRow, len(lines)-1)
	col := min(t.CursorColumn, len([]rune(lines[row])))
	r := []rune(lines[row])
	lines[row] = string(r[:col]) + s + string(r[col:])
	t.SetText(strings.Join(lines, "\n"))
	t.CursorRow, t.CursorColumn = row, col+len([]rune(s))
	t.Refresh()
}

// askAddSection asks for a section of the pact's own: its key, title and text.
func (e *pactEditor) askAddSection() *formDialog {
	key, title, text := newEntry(), newEntry(), multiLine(6)
	key.SetPlaceHolder(i18n.T("pact.ui.field.section_key.placeholder"))
	fields := []*formField{
		newField(i18n.T("pact.ui.field.section_key"), key, "pact.error.section_key", "pact.error.section_twice"),
		newField(i18n.T("pact.ui.field.section_title"), title, "pact.error.section_title_required"),
		newField(i18n.T("pact.ui.field.section_text"), text, "pact.error.section_text_required", "pact.error.template"),
	}
	fields[0].hint = i18n.T("pact.ui.field.section_key.hint")
	d := newFormDialog(e.sh, i18n.T("pact.ui.add_section"), i18n.T("pact.ui.add_section"), i18n.T("pact.ui.add_section.intro"), fields, func() error {
		n := pacts.NewSection{Key: strings.TrimSpace(key.Text), Title: title.Text, Text: text.Text, After: e.sectionKey}
		if n.After == pacts.PremisesKey {
			n.After = ""
		}
		err := e.write(func(tx *model.Tx) error { _, err := pacts.AddSection(tx, e.id, n); return err })
		if err == nil {
			e.sectionKey = n.Key
			e.reload()
		}
		return err
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// showSection moves the editor to the section key, keeping what was typed in the one it
// leaves as a draft.
func (e *pactEditor) showSection(key string) {
	e.keepDraft()
	e.loadSection(key)
	e.sectionList.Refresh()
}

// keepDraft keeps the text typed in the section on display, or forgets its draft when
// the text is back to what was shown.
func (e *pactEditor) keepDraft() {
	if e.sectionText == nil {
		return
	}
	if e.sectionText.Text != e.sectionShown {
		e.drafts[e.sectionKey] = sectionDraft{base: e.sectionBase, text: e.sectionText.Text}
	} else {
		delete(e.drafts, e.sectionKey)
	}
}

// loadSection shows the section key: its draft when it has one, else its stored text.
func (e *pactEditor) loadSection(key string) {
	e.sectionKey = key
	s, _ := e.d.Section(key)
	text := s.Text
	e.sectionBase = s.Text
	if key == pacts.PremisesKey && strings.TrimSpace(text) == "" {
		// The workspace's premises until the pact has its own.
		text, _ = pacts.TemplateText(e.db(), e.d.Pact.Lang, pacts.PremisesKey)
	}
	text = pacts.Tokens(text) // shown as plain text with [Title]-style fields
	e.sectionShown = text
	if d, ok := e.drafts[key]; ok {
		e.sectionBase, text = d.base, d.text
	}
	e.sectionText.SetText(text)
	e.updatePreview()
}

// updatePreview fills the section's fields as the agreement will print them.
func (e *pactEditor) updatePreview() {
	out, err := pacts.Render(e.sectionKey, e.sectionText.Text, e.d.Fields(e.d.Pact.Lang, e.ws))
	if err != nil {
		e.preview.Importance = widget.DangerImportance
		e.preview.SetText(errorText(err))
		return
	}
	e.preview.Importance = widget.MediumImportance
	e.preview.SetText(out)
}

func (e *pactEditor) saveSection() bool {
	key, base, text := e.sectionKey, e.sectionBase, e.sectionText.Text
	return e.updateForm("section", func(tx *model.Tx) error { return pacts.EditSection(tx, e.id, key, base, text) })
}
