package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/app"
	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// partyGenders are the choices of the party form's grammar: from the name, or given, with
// the plural ("mp": masculine plural).
var partyGenders = []string{"auto", "m", "f", "mp", "fp"}

// row is one line of a list with an action button at its end.
func row(text string, action *Button) fyne.CanvasObject {
	l := wrapped(text)
	if action == nil {
		return l
	}
	return container.NewBorder(nil, nil, nil, action, l)
}

// removeButton removes what (a row's text) when the user confirms: kind ("party", "asset",
// "support", "indicator") says what the removal does (confirm.remove.KIND.text).
func (e *pactEditor) removeButton(kind, what string, f func(tx *model.Tx) error) *Button {
	b := newButtonWithIcon("", theme.DeleteIcon(), func() {
		confirmAction(e.sh.Window, i18n.T("confirm.remove."+kind+".title"), i18n.T("confirm.remove."+kind+".text", map[string]any{"What": what}),
			i18n.T("confirm.remove_button"), true, func() { e.update(f) })
	})
	if e.d.Editable() != nil {
		b.Disable()
	}
	return b
}

func (e *pactEditor) disableIfFrozen(objs ...fyne.Disableable) {
	if e.d.Editable() != nil {
		for _, o := range objs {
			o.Disable()
		}
	}
}

func (e *pactEditor) overviewTab() fyne.CanvasObject {
	p := e.d.Pact
	e.base = pacts.DetailsOf(p)
	e.title, e.summary, e.category, e.start = newEntry(), multiLine(3), newEntry(), newDateEntry("pact.ui.field.start")
	e.duration, e.extension, e.reportEvery = newIntEntry("pact.ui.field.duration"), newIntEntry("pact.ui.field.extension"), newIntEntry("pact.ui.field.report_every")
	e.officer, e.notes = newEntry(), multiLine(3)
	e.kind = newSelect(translated("pact.kind.", pacts.Kinds), nil)
	e.lang = newSelect(langNames(), nil)
	e.immaterial = newCheck(i18n.T("pact.ui.immaterial"), nil)
	e.fillOverview(e.base)
	save := widget.NewButtonWithIcon(i18n.T("action.save"), theme.DocumentSaveIcon(), func() { e.saveOverview() })
	e.disableIfFrozen(e.title, e.summary, e.category, e.start, e.duration, e.extension, e.reportEvery, e.officer, e.notes, e.kind, e.lang, e.immaterial, save)
	end := pacts.EndDate(p, e.d.WasExtended())
	form := e.inlineForm("overview",
		newField(i18n.T("pact.ui.field.title"), e.title, "pact.ui.field.title", "pact.error.title_required"),
		newField(i18n.T("pact.ui.field.kind"), e.kind, "pact.error.kind_unknown"),
		newField(i18n.T("pact.ui.field.lang"), e.lang, "pact.error.lang_unknown"),
		newField(i18n.T("pact.ui.field.summary"), e.summary),
		newField(i18n.T("pact.ui.field.category"), e.category),
		newField(i18n.T("pact.ui.field.start"), e.start, "pact.ui.field.start"),
		newField(i18n.T("pact.ui.field.duration"), e.duration, "pact.ui.field.duration"),
		newField(i18n.T("pact.ui.field.extension"), e.extension, "pact.ui.field.extension"),
		newField(i18n.T("pact.ui.field.report_every"), e.reportEvery, "pact.ui.field.report_every"),
		newField(i18n.T("pact.ui.field.officer"), e.officer),
		newField("", e.immaterial),
		newField(i18n.T("pact.ui.field.notes"), e.notes),
	)
	var due []string
	dl, _ := pacts.LoadDeadlines(e.db())
	last := ""
	if n := len(e.d.Reports); n > 0 {
		last = e.d.Reports[n-1].FiledOn
	}
	for _, d := range pacts.DueDates(p, e.d.WasExtended(), last, dl, e.page.today()) {
		line := i18n.T("pact.due."+d.Kind) + ": " + formatDay(d.Date)
		if d.Overdue {
			line += " — " + i18n.T("pact.ui.overdue")
		}
		due = append(due, line)
	}
	info := container.NewVBox(keyValue(i18n.T("pact.ui.field.end"), formatDay(end)), wrapped(strings.Join(due, "\n")))
	return container.NewVScroll(container.NewVBox(form, container.NewHBox(save), widget.NewSeparator(), info))
}

// fillOverview puts x into the overview form.
func (e *pactEditor) fillOverview(x pacts.Details) {
	e.title.SetText(x.Title)
	e.summary.SetText(x.Summary)
	e.category.SetText(x.Category)
	e.start.SetText(x.StartDate)
	e.duration.SetText(fmt.Sprint(x.DurationMonths))
	e.extension.SetText(fmt.Sprint(x.ExtensionMonths))
	e.reportEvery.SetText(fmt.Sprint(x.ReportMonths))
	e.officer.SetText(x.Officer)
	e.notes.SetText(x.Notes)
	e.kind.SetSelectedIndex(indexOf(pacts.Kinds, x.Kind))
	e.lang.SetSelected(langName(x.Lang))
	e.immaterial.SetChecked(x.Immaterial)
}

// details reads the overview form. A number or a date that does not read keeps the value
// the form began from (overviewValues: saving it is refused, typed keeps its text).
func (e *pactEditor) details() pacts.Details {
	x := e.base
	x.Title, x.Summary, x.Category = e.title.Text, e.summary.Text, e.category.Text
	if day, ok := e.start.Date(); ok {
		x.StartDate = day
	}
	months := func(en *Entry, was int64) int64 {
		if n, ok := en.Int(); ok {
			return int64(n)
		}
		return was
	}
	x.DurationMonths, x.ExtensionMonths, x.ReportMonths = months(e.duration, x.DurationMonths), months(e.extension, x.ExtensionMonths), months(e.reportEvery, x.ReportMonths)
	x.Officer, x.Notes, x.Immaterial = e.officer.Text, e.notes.Text, e.immaterial.Checked
	x.Kind = keyAt(pacts.Kinds, e.kind.SelectedIndex())
	x.Lang = langCode(e.lang.Selected)
	return x
}

// overviewValues are the overview's fields that must read as a number or a date, by
// editorEntries key.
func (e *pactEditor) overviewValues() map[string]*Entry {
	return map[string]*Entry{"overview/start": e.start, "overview/duration": e.duration, "overview/extension": e.extension,
		"overview/report_every": e.reportEvery}
}

// checkOverview is nil when every number and date of the overview reads, else the error
// that names the fields that do not: nothing is saved then.
func (e *pactEditor) checkOverview() error {
	return checkFields(e.start, e.duration, e.extension, e.reportEvery)
}

func (e *pactEditor) saveOverview() bool {
	if e.failForm("overview", e.checkOverview()) {
		return false
	}
	base, x := e.base, e.details()
	return e.updateForm("overview", func(tx *model.Tx) error { return pacts.EditDetails(tx, e.id, base, x) })
}

func (e *pactEditor) partiesTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, x := range e.d.Parties {
		x := x
		parts := []string{i18n.T("pact.role."+x.Role) + ": " + x.Name}
		if x.Type != "" {
			parts[0] += " (" + i18n.T("pact.party_type."+x.Type) + ")"
		}
		if x.Representative != "" {
			parts = append(parts, i18n.T("pact.ui.represented_by", map[string]any{"Name": x.Representative}))
		}
		if x.FiscalCode != "" {
			parts = append(parts, x.FiscalCode)
		}
		rows = append(rows, row(strings.Join(parts, " · "), e.removeButton("party", x.Name, func(tx *model.Tx) error { return pacts.RemoveParty(tx, e.id, x.ID) })))
	}
	e.partyName, e.partyRep, e.partyRepRole, e.partyFiscal, e.partyAddress = newEntry(), newEntry(), newEntry(), newEntry(), newEntry()
	e.partyRole = newSelect(translated("pact.role.", pacts.Roles), nil)
	e.partyRole.SetSelectedIndex(1)
	e.partyType = newSelect(translated("pact.party_type.", pacts.PartyTypes), nil)
	// What the texts' words agree with ("rappresentata", "hanno presentato"): as the name
	// says, or given; a group named in the plural is plural.
	e.partyGender = newSelect(translated("pact.ui.gender.", partyGenders), nil)
	e.partyGender.SetSelectedIndex(0)
	add := widget.NewButtonWithIcon(i18n.T("pact.ui.add_party"), theme.ContentAddIcon(), func() { e.addParty() })
	e.disableIfFrozen(e.partyName, e.partyRep, e.partyRepRole, e.partyFiscal, e.partyAddress, e.partyRole, e.partyType, e.partyGender, add)
	form := e.inlineForm("party",
		newField(i18n.T("pact.ui.field.name"), e.partyName, "pact.error.party_name_required", "pact.error.party_exists"),
		newField(i18n.T("pact.ui.field.role"), e.partyRole, "pact.error.party_role_unknown"),
		newField(i18n.T("pact.ui.field.party_type"), e.partyType, "pact.error.party_type_unknown"),
		newField(i18n.T("pact.ui.field.gender"), e.partyGender, "pact.error.party_gender"),
		newField(i18n.T("pact.ui.field.representative"), e.partyRep),
		newField(i18n.T("pact.ui.field.rep_role"), e.partyRepRole),
		newField(i18n.T("pact.ui.field.fiscal_code"), e.partyFiscal),
		newField(i18n.T("pact.ui.field.address"), e.partyAddress),
	)
	return container.NewVScroll(container.NewVBox(container.NewVBox(rows...), widget.NewSeparator(), form, container.NewHBox(add)))
}

func (e *pactEditor) addParty() bool {
	typ := keyAt(pacts.PartyTypes, e.partyType.SelectedIndex())
	gender := keyAt(partyGenders, e.partyGender.SelectedIndex())
	x := model.PactParty{Name: e.partyName.Text, Role: keyAt(pacts.Roles, e.partyRole.SelectedIndex()), Type: typ,
		Representative: e.partyRep.Text, RepRole: e.partyRepRole.Text, FiscalCode: e.partyFiscal.Text, Address: e.partyAddress.Text,
		SocialEconomy: pacts.SocialEconomyTypes[typ], Plural: gender == "mp" || gender == "fp"}
	x.Gender = strings.TrimSuffix(strings.TrimPrefix(gender, "auto"), "p")
	return e.updateForm("party", func(tx *model.Tx) error { _, err := pacts.PutParty(tx, e.id, x); return err })
}

func (e *pactEditor) assetsTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, a := range e.d.Assets {
		a := a
		text := a.Ref + " — " + a.Name
		if a.Address != "" {
			text += ", " + a.Address
		}
		if a.Lat != nil && a.Lon != nil {
			text += fmt.Sprintf(" (%.5f, %.5f)", *a.Lat, *a.Lon)
		}
		rows = append(rows, row(text, e.removeButton("asset", a.Ref+" — "+a.Name, func(tx *model.Tx) error { return pacts.UnlinkAsset(tx, e.id, a.ID) })))
	}
	if len(rows) == 0 {
		key := "pact.ui.no_assets"
		if e.d.Pact.Immaterial {
			key = "pact.pdf.immaterial"
		}
		rows = append(rows, wrapped(i18n.T(key)))
	}
	// A picker finds the commons by name, address or district; a reference typed in its
	// search box is linked as it is.
	e.assetPicker = newAssetPicker(e.db)
	e.assetPicker.OnChosen = func(a assets.AssetListItem) { e.assetRef.SetText(a.Ref) }
	e.assetRef = e.assetPicker.search
	link := widget.NewButtonWithIcon(i18n.T("pact.ui.link_asset"), theme.ContentAddIcon(), func() { e.linkAsset() })
	e.disableIfFrozen(e.assetRef, link)
	return container.NewVScroll(container.NewVBox(container.NewVBox(rows...), widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewVBox(link), e.inlineForm("asset",
			newField(i18n.T("pact.ui.field.commons"), e.assetPicker.Content(), "pact.error.asset_not_found")))))
}

// linkAsset links the commons chosen in the picker, or the one whose reference (or id)
// is typed in its search box.
func (e *pactEditor) linkAsset() bool {
	ref := strings.TrimSpace(e.assetRef.Text)
	if c := e.assetPicker.Chosen(); c.ID != "" && ref == c.Ref {
		ref = c.ID // two laptops may have given the same reference: the one chosen is meant
	}
	return e.updateForm("asset", func(tx *model.Tx) error { return pacts.LinkAsset(tx, e.id, ref) })
}

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
	if i == 0 {
		return i18n.T("pact.pdf.premises")
	}
	s, _ := e.d.Section(keys[i])
	return fmt.Sprintf("%d. %s", i, pacts.SectionHeading(i18n.Current(), pacts.AgreementText{Key: s.Key, Title: s.Title}))
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

func (e *pactEditor) supportTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, s := range e.d.Support {
		s := s
		text := i18n.T("pact.support." + s.Kind)
		if s.Details != "" {
			text += ": " + s.Details
		}
		if s.Value != 0 {
			text += " (" + ftoa(s.Value) + ")"
		}
		rows = append(rows, row(text, e.removeButton("support", text, func(tx *model.Tx) error { return pacts.RemoveSupport(tx, e.id, s.ID) })))
	}
	e.supportKind = newSelect(translated("pact.support.", pacts.SupportKinds), nil)
	e.supportKind.SetSelectedIndex(0)
	e.supportDetails, e.supportValue = newEntry(), newDecimalEntry("pact.pdf.col_value")
	add := widget.NewButtonWithIcon(i18n.T("pact.ui.add_support"), theme.ContentAddIcon(), func() {
		value, ok := e.supportValue.Float()
		if !ok {
			e.failForm("support", checkFields(e.supportValue))
			return
		}
		s := model.PactSupport{Kind: keyAt(pacts.SupportKinds, e.supportKind.SelectedIndex()), Details: e.supportDetails.Text, Value: value}
		e.updateForm("support", func(tx *model.Tx) error { return pacts.AddSupport(tx, e.id, s) })
	})
	e.disableIfFrozen(e.supportKind, e.supportDetails, e.supportValue, add)
	e.adders["support"] = add.OnTapped
	form := e.inlineForm("support", newField(i18n.T("pact.pdf.col_support"), e.supportKind, "pact.error.support_unknown"),
		newField(i18n.T("pact.pdf.col_details"), e.supportDetails), newField(i18n.T("pact.pdf.col_value"), e.supportValue, "pact.pdf.col_value", "pact.error.support_negative"))
	return container.NewVScroll(container.NewVBox(container.NewVBox(rows...), widget.NewSeparator(), form, container.NewHBox(add)))
}

func (e *pactEditor) monitoringTab() fyne.CanvasObject {
	var inds []fyne.CanvasObject
	for _, x := range e.d.Indicators {
		x := x
		inds = append(inds, row(fmt.Sprintf("%s — %s %s", x.Name, ftoa(x.Target), x.Unit),
			e.removeButton("indicator", x.Name, func(tx *model.Tx) error { return pacts.RemoveIndicator(tx, e.id, x.ID) })))
	}
	e.indName, e.indUnit, e.indTarget = newEntry(), newEntry(), newDecimalEntry("pact.pdf.col_target")
	addInd := widget.NewButtonWithIcon(i18n.T("pact.ui.add_indicator"), theme.ContentAddIcon(), func() {
		target, ok := e.indTarget.Float()
		if !ok {
			e.failForm("indicator", checkFields(e.indTarget))
			return
		}
		x := model.PactIndicator{Name: e.indName.Text, Unit: e.indUnit.Text, Target: target}
		e.updateForm("indicator", func(tx *model.Tx) error { return pacts.AddIndicator(tx, e.id, x) })
	})
	e.disableIfFrozen(e.indName, e.indUnit, e.indTarget, addInd)
	e.adders["indicator"] = addInd.OnTapped
	indForm := container.NewVBox(e.inlineForm("indicator", newField(i18n.T("pact.pdf.col_indicator"), e.indName, "pact.error.indicator_name_required"),
		newField(i18n.T("pact.pdf.col_unit"), e.indUnit), newField(i18n.T("pact.pdf.col_target"), e.indTarget, "pact.pdf.col_target")), container.NewHBox(addInd))

	var reps []fyne.CanvasObject
	for _, r := range e.d.Reports {
		r := r
		print := widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), func() {
			day, _ := pacts.ParseDate(r.FiledOn)
			b, err := pacts.ReportPDF(e.db(), e.d, r.ID, "", day)
			if err == nil {
				err = e.saveAndOpen(fmt.Sprintf("%s-report-%s.pdf", e.d.Pact.Ref, strings.ReplaceAll(r.Period, "/", "-")), b)
			}
			if err != nil {
				e.fail(err)
			}
		})
		attach := widget.NewButtonWithIcon("", theme.MailAttachmentIcon(), func() { e.chooseAttachment(r.ID) })
		line := i18n.T("pact.ui.report_line", map[string]any{"Period": r.Period, "Date": formatDay(r.FiledOn), "Hours": hoursText(r.Hours)})
		if atts, err := pacts.ReportAttachments(e.db(), r.ID); err == nil && len(atts) > 0 {
			names := make([]string, len(atts))
			for i, a := range atts {
				names[i] = a.Name
			}
			line += "\n" + i18n.T("pact.ui.report_attachments", map[string]any{"Files": strings.Join(names, ", ")})
		}
		reps = append(reps, container.NewBorder(nil, nil, nil, container.NewHBox(attach, print), wrapped(line)))
	}
	if len(reps) == 0 {
		reps = append(reps, widget.NewLabel(i18n.T("pact.ui.no_reports")))
	}
	e.repPeriod, e.repHours, e.repResources, e.repText = newEntry(), newDecimalEntry("pact.report.hours"), newEntry(), multiLine(4)
	items := []*formField{
		newField(i18n.T("pact.report.period"), e.repPeriod, "pact.error.report_period_required", "pact.error.report_exists"),
		newField(i18n.T("pact.report.hours"), e.repHours, "pact.report.hours", "pact.error.report_hours_negative"),
		newField(i18n.T("pact.report.resources"), e.repResources),
		newField(i18n.T("pact.report.narrative"), e.repText),
	}
	e.repValues = map[string]*Entry{}
	for _, x := range e.d.Indicators {
		en := newDecimalEntry("").called(x.Name)
		e.repValues[x.ID] = en
		items = append(items, newField(x.Name, en, x.Name))
	}
	file := widget.NewButtonWithIcon(i18n.T("pact.ui.file_report"), theme.MailSendIcon(), func() { // a filed report stays as filed
		confirmAction(e.sh.Window, i18n.T("confirm.file_report.title"), i18n.T("confirm.file_report.text", map[string]any{"Period": e.repPeriod.Text}),
			i18n.T("pact.ui.file_report"), false, func() { e.fileReport() })
	})
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle(i18n.T("pact.report.indicators"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(inds...), indForm, widget.NewSeparator(),
		widget.NewLabelWithStyle(i18n.T("pact.ui.reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewVBox(reps...), e.inlineForm("report", items...), container.NewHBox(file)))
}

func (e *pactEditor) fileReport() bool {
	numbers := []*Entry{e.repHours}
	for _, x := range e.d.Indicators {
		if en, ok := e.repValues[x.ID]; ok {
			numbers = append(numbers, en)
		}
	}
	if e.failForm("report", checkFields(numbers...)) {
		return false
	}
	vals := map[string]float64{}
	for id, en := range e.repValues {
		if strings.TrimSpace(en.Text) != "" {
			vals[id], _ = en.Float()
		}
	}
	hours, _ := e.repHours.Float()
	r := pacts.Report{Period: e.repPeriod.Text, FiledOn: pacts.Day(e.page.today()), Hours: hours, Resources: e.repResources.Text,
		Narrative: e.repText.Text, Values: vals}
	return e.updateForm("report", func(tx *model.Tx) error { _, err := pacts.FileReport(tx, e.id, r, e.by()); return err })
}

func (e *pactEditor) historyTab() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, t := range e.d.Transitions {
		from := ""
		if t.FromStatus != "" {
			from = i18n.T("pact.status."+t.FromStatus) + " » "
		}
		line := fmt.Sprintf("%s  %s%s — %s (%s)", formatWhen(t.At), from, i18n.T("pact.status."+t.ToStatus), t.Actor, app.LaptopName(e.db(), t.Device, e.sh.WS.Identity.Device))
		if t.FromStatus == t.ToStatus {
			line = fmt.Sprintf("%s  %s — %s", formatWhen(t.At), i18n.T("pact.ui.amendment_opened", map[string]any{"Version": t.Version}), t.Actor)
		}
		if t.Reason != "" {
			line += ": " + t.Reason
		}
		rows = append(rows, wrapped(line))
	}
	rows = append(rows, widget.NewSeparator())
	for _, v := range e.d.Versions {
		rows = append(rows, wrapped(i18n.T("pact.ui.version_line", map[string]any{"Version": v.Number, "Hash": v.SHA256, "Date": formatWhen(v.FrozenAt)})))
	}
	current := map[string]bool{}
	for _, s := range e.d.SignaturesOfCurrent() {
		current[s.ID] = true
	}
	for _, s := range e.d.Signatures {
		line := i18n.T("pact.ui.signature_line", map[string]any{"Version": s.Version, "Party": s.PartyName, "Signer": s.Signer,
			"Date": formatDay(s.SignedOn), "Method": i18n.T("pact.sign_method." + s.Method)})
		if s.Corrects != "" {
			line += " — " + i18n.T("pact.pdf.corrected", map[string]any{"Actor": s.Actor, "Reason": s.Reason})
		}
		var fix *Button
		if current[s.ID] {
			s := s
			fix = newButton(i18n.T("pact.ui.correct_signature"), func() { e.askCorrectSignature(s) })
		}
		rows = append(rows, row(line, fix))
	}
	return container.NewVScroll(container.NewVBox(rows...))
}

// askCorrectSignature asks for the right values of a wrong signature record and why; the
// correction is a new record over the same signed content.
func (e *pactEditor) askCorrectSignature(s model.PactSignature) *formDialog {
	signer, date, reason := newEntry(), newDateEntry("pact.ui.field.date"), multiLine(3)
	signer.SetText(s.Signer)
	date.SetText(s.SignedOn)
	method := newSelect(translated("pact.sign_method.", pacts.SignMethods), nil)
	method.SetSelectedIndex(max(indexOf(pacts.SignMethods, s.Method), 0))
	fields := []*formField{
		newField(i18n.T("pact.ui.field.signer"), signer),
		newField(i18n.T("pact.ui.field.date"), date, "pact.error.not_a_date", "form.error.date", "pact.refuse.sign_future", "pact.refuse.sign_before_approval"),
		newField(i18n.T("pact.ui.field.method"), method, "pact.error.sign_method_unknown"),
		newField(i18n.T("pact.ui.field.reason"), reason, "pact.refuse.correct_reason", "pact.refuse.correct_nothing"),
	}
	intro := i18n.T("pact.ui.correct_signature.intro", map[string]any{"Party": s.PartyName})
	d := newFormDialog(e.sh, i18n.T("pact.ui.correct_signature"), i18n.T("pact.ui.correct_signature"), intro, fields, func() error {
		day, ok := date.Date()
		if !ok {
			day = date.Text
		}
		c := pacts.Correction{Party: s.PartyID, Signer: signer.Text, Date: day, Method: keyAt(pacts.SignMethods, method.SelectedIndex()), Reason: reason.Text}
		return e.write(func(tx *model.Tx) error { _, err := pacts.CorrectSignature(tx, e.id, c, e.by()); return err })
	})
	d.Show(fyne.NewSize(640, 0))
	return d
}

// chooseAttachment attaches a photo or scan to a monitoring report.
func (e *pactEditor) chooseAttachment(reportID string) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			e.fail(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		if _, err := pacts.AttachToReport(e.sh.Ctx, e.sh.WS.Store, e.sh.WS.Blobs, reportID, r.URI().Name(), r); e.fail(err) {
			return
		}
		e.reload()
	}, e.sh.Window)
	showDialog(e.sh.Window, d, dialogKeys{cancel: d.Dismiss})
}
