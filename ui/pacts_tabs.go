package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pacta/assets"
	"pacta/i18n"
	"pacta/internal/errs"
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
	// The dates as the pact's clock has them: moved on by a wait for documents or the
	// interruption of the answer term.
	clock := e.d.ClockOf(e.page.today())
	clock.Extended = clock.Extended || p.Status == pacts.Extended
	if clock.LastReport == "" {
		clock.LastReport = last
	}
	for _, d := range pacts.ClockDueDates(p, clock, dl, e.page.today()) {
		line := i18n.T("pact.due."+d.Kind) + ": " + formatDay(d.Date)
		if d.Overdue {
			line += " — " + i18n.T("pact.ui.overdue")
		}
		due = append(due, line)
	}
	info := container.NewVBox(keyValue(i18n.T("pact.ui.field.end"), formatDay(end)), wrapped(strings.Join(due, "\n")))
	// Save stays in view under the form, however far the form is scrolled.
	bar := container.NewVBox(widget.NewSeparator(), container.NewHBox(save))
	return container.NewBorder(nil, bar, nil, nil, container.NewVScroll(container.NewVBox(form, widget.NewSeparator(), info)))
}

// fillOverview puts x into the overview form.
func (e *pactEditor) fillOverview(x pacts.Details) {
	e.title.SetText(x.Title)
	e.summary.SetText(x.Summary)
	e.category.SetText(x.Category)
	e.start.SetText(dayInput(x.StartDate))
	e.duration.SetText(fmt.Sprint(x.DurationMonths))
	e.extension.SetText(fmt.Sprint(x.ExtensionMonths))
	e.reportEvery.SetText(fmt.Sprint(x.ReportMonths))
	e.officer.SetText(x.Officer)
	e.notes.SetText(x.Notes)
	e.kind.SetSelectedIndex(indexOf(pacts.Kinds, x.Kind))
	e.lang.SetSelected(langOption(x.Lang))
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
		edit := newButtonWithIcon(i18n.T("action.edit"), theme.DocumentCreateIcon(), func() { e.editParty(x) })
		e.disableIfFrozen(edit)
		remove := e.removeButton("party", x.Name, func(tx *model.Tx) error { return pacts.RemoveParty(tx, e.id, x.ID) })
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(edit, remove), wrapped(strings.Join(parts, " · "))))
	}
	e.partyBase = nil
	e.partyName, e.partyRep, e.partyRepRole, e.partyFiscal, e.partyAddress = newEntry(), newEntry(), newEntry(), newEntry(), newEntry()
	e.partyRole = newSelect(translated("pact.role.", pacts.Roles), nil)
	e.partyRole.SetSelectedIndex(1)
	e.partyType = newSelect(translated("pact.party_type.", pacts.PartyTypes), nil)
	// What the texts' words agree with ("rappresentata", "hanno presentato"): as the name
	// says, or given; a group named in the plural is plural.
	e.partyGender = newSelect(translated("pact.ui.gender.", partyGenders), nil)
	e.partyGender.SetSelectedIndex(0)
	add := newButtonWithIcon(i18n.T("pact.ui.add_party"), theme.ContentAddIcon(), func() { e.addParty() })
	cancel := newButtonWithIcon(i18n.T("pact.ui.edit_party_cancel"), theme.CancelIcon(), func() { e.clearPartyForm() })
	cancel.Hide()
	e.partyAdd, e.partyCancel = add, cancel
	e.disableIfFrozen(e.partyName, e.partyRep, e.partyRepRole, e.partyFiscal, e.partyAddress, e.partyRole, e.partyType, e.partyGender, add)
	// The parties of other pacts are offered as the name is typed: choosing one fills in
	// what the workspace knows of it.
	var known []model.PactParty
	names := newSuggestions(e.partyName, func(text string) ([]string, error) {
		var err error
		if known, err = pacts.KnownParties(e.db(), text, pickerRows); err != nil {
			return nil, err
		}
		lines := make([]string, len(known))
		for i, x := range known {
			lines[i] = partyLine(x)
		}
		return lines, nil
	})
	names.OnChosen = func(i int) { e.fillParty(known[i]) }
	e.partyKnown = names
	form := e.inlineForm("party",
		newField(i18n.T("pact.ui.field.name"), names.Content(), "pact.error.party_name_required", "pact.error.party_exists"),
		newField(i18n.T("pact.ui.field.role"), e.partyRole, "pact.error.party_role_unknown"),
		newField(i18n.T("pact.ui.field.party_type"), e.partyType, "pact.error.party_type_unknown"),
		newField(i18n.T("pact.ui.field.gender"), e.partyGender, "pact.error.party_gender"),
		newField(i18n.T("pact.ui.field.representative"), e.partyRep),
		newField(i18n.T("pact.ui.field.rep_role"), e.partyRepRole),
		newField(i18n.T("pact.ui.field.fiscal_code"), e.partyFiscal),
		newField(i18n.T("pact.ui.field.address"), e.partyAddress),
	)
	return container.NewVScroll(container.NewVBox(container.NewVBox(rows...), widget.NewSeparator(), form, container.NewHBox(add, cancel)))
}

// editParty fills the party form with x to change it (its button then saves the changes).
func (e *pactEditor) editParty(x model.PactParty) {
	e.fillParty(x)
	if i := indexOf(pacts.Roles, x.Role); i >= 0 {
		e.partyRole.SetSelectedIndex(i)
	}
	e.partyKnown.dismiss() // the name was filled in, not typed: nothing to suggest
	e.partyBase = &x
	e.partyAdd.SetText(i18n.T("pact.ui.save_party", map[string]any{"Name": x.Name}))
	e.partyAdd.SetIcon(theme.DocumentSaveIcon())
	e.partyCancel.Show()
	e.sh.Window.Canvas().Focus(e.partyName)
}

// clearPartyForm empties the party form and leaves editing: the button adds again.
func (e *pactEditor) clearPartyForm() {
	for _, en := range []*Entry{e.partyName, e.partyRep, e.partyRepRole, e.partyFiscal, e.partyAddress} {
		en.SetText("")
	}
	e.partyRole.SetSelectedIndex(1)
	e.partyType.ClearSelected()
	e.partyGender.SetSelectedIndex(0)
	e.partyBase = nil
	e.partyAdd.SetText(i18n.T("pact.ui.add_party"))
	e.partyAdd.SetIcon(theme.ContentAddIcon())
	e.partyCancel.Hide()
}

// partyLine is how a known party reads among the suggestions: name, kind, fiscal code.
func partyLine(x model.PactParty) string {
	s := x.Name
	if x.Type != "" {
		s += " (" + i18n.T("pact.party_type."+x.Type) + ")"
	}
	if x.FiscalCode != "" {
		s += " · " + x.FiscalCode
	}
	return s
}

// fillParty fills the party form with a party known from another pact (its role stays as
// chosen: the same association may propose one pact and co-sign another).
func (e *pactEditor) fillParty(x model.PactParty) {
	e.partyName.SetText(x.Name)
	if i := indexOf(pacts.PartyTypes, x.Type); i >= 0 {
		e.partyType.SetSelectedIndex(i)
	}
	gender := x.Gender
	if gender == "" {
		gender = "auto"
	} else if x.Plural {
		gender += "p"
	}
	if i := indexOf(partyGenders, gender); i >= 0 {
		e.partyGender.SetSelectedIndex(i)
	}
	e.partyRep.SetText(x.Representative)
	e.partyRepRole.SetText(x.RepRole)
	e.partyFiscal.SetText(x.FiscalCode)
	e.partyAddress.SetText(x.Address)
}

func (e *pactEditor) addParty() bool {
	typ := keyAt(pacts.PartyTypes, e.partyType.SelectedIndex())
	gender := keyAt(partyGenders, e.partyGender.SelectedIndex())
	x := model.PactParty{Name: e.partyName.Text, Role: keyAt(pacts.Roles, e.partyRole.SelectedIndex()), Type: typ,
		Representative: e.partyRep.Text, RepRole: e.partyRepRole.Text, FiscalCode: e.partyFiscal.Text, Address: e.partyAddress.Text,
		SocialEconomy: pacts.SocialEconomyTypes[typ], Plural: gender == "mp" || gender == "fp"}
	x.Gender = strings.TrimSuffix(strings.TrimPrefix(gender, "auto"), "p")
	if base := e.partyBase; base != nil {
		// Only what was changed in the form is written: a field a sync changed meanwhile
		// keeps its value (PatchParty).
		patch := pacts.PartyChanges(*base, x)
		return e.updateForm("party", func(tx *model.Tx) error { _, err := pacts.PatchParty(tx, e.id, base.ID, patch); return err })
	}
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
			newField(i18n.T("pact.ui.field.commons"), e.assetPicker.Content(), "pact.error.asset_not_found", "pact.error.asset_linked")))))
}

// linkAsset links the commons chosen in the picker, or the one whose reference (or id)
// is typed in its search box.
func (e *pactEditor) linkAsset() bool {
	ref := strings.TrimSpace(e.assetRef.Text)
	if c := e.assetPicker.Chosen(); c.ID != "" && ref == c.Ref {
		ref = c.ID // two laptops may have given the same reference: the one chosen is meant
	}
	for _, a := range e.d.Assets {
		if ref != "" && (a.ID == ref || strings.EqualFold(a.Ref, ref)) {
			// Linking it again changes nothing: say so rather than do nothing.
			e.failForm("asset", errs.E(errs.Conflict, errs.Key("pact.error.asset_linked"), map[string]any{"Ref": a.Ref, "Name": a.Name}))
			return false
		}
	}
	return e.updateForm("asset", func(tx *model.Tx) error { return pacts.LinkAsset(tx, e.id, ref) })
}
