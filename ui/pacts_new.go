// The New pact dialog (from the pact list or from a commons asset) and the deadlines dialog.

package ui

import (
	"fyne.io/fyne/v2"

	"pacta/app"
	"pacta/assets"
	"pacta/i18n"
	"pacta/model"
	"pacta/pacts"
)

// newPactForm is the dialog that starts a pact.
type newPactForm struct {
	title, proponent *Entry
	kind, ptype      *Select
	lang             *Select
	immaterial       *Check
	commons          *assetPicker
	fields           []*formField
}

func (p *pactsPage) newForm() *newPactForm {
	f := &newPactForm{title: newEntry(), proponent: newEntry(), immaterial: newCheck(i18n.T("pact.ui.immaterial"), nil)}
	f.kind = newSelect(translated("pact.kind.", pacts.Kinds), nil)
	f.kind.SetSelectedIndex(0)
	f.ptype = newSelect(translated("pact.party_type.", pacts.PartyTypes), nil)
	f.lang = newSelect(langNames(), nil)
	f.lang.SetSelected(langOption(p.sh.WS.Language()))
	f.commons = newAssetPicker(func() model.Querier { return p.sh.WS.Store.DB() })
	commons := newField(i18n.T("pact.ui.field.commons"), f.commons.Content(), "pact.error.asset_not_found")
	commons.hint = i18n.T("pact.ui.field.commons.hint")
	f.fields = []*formField{
		newField(i18n.T("pact.ui.field.title"), f.title, "pact.error.title_required", "pact.ui.field.title"),
		newField(i18n.T("pact.ui.field.kind"), f.kind, "pact.error.kind_unknown"),
		newField(i18n.T("pact.ui.field.proponent"), f.proponent, "pact.error.party_name_required"),
		newField("", p.knownProponents(f).box),
		newField(i18n.T("pact.ui.field.proponent_type"), f.ptype, "pact.error.party_type_unknown"),
		newField(i18n.T("pact.ui.field.lang"), f.lang, "pact.error.lang_unknown"),
		commons,
		newField("", f.immaterial),
	}
	return f
}

// knownProponents offers, as the proponent's name is typed, the parties of the workspace's
// pacts; choosing one fills its name and kind.
func (p *pactsPage) knownProponents(f *newPactForm) *suggestions {
	var known []model.PactParty
	s := newSuggestions(f.proponent, func(text string) ([]string, error) {
		var err error
		if known, err = pacts.KnownParties(p.sh.WS.Store.DB(), text, pickerRows); err != nil {
			return nil, err
		}
		lines := make([]string, len(known))
		for i, x := range known {
			lines[i] = partyLine(x)
		}
		return lines, nil
	})
	s.OnChosen = func(i int) {
		f.proponent.SetText(known[i].Name)
		if j := indexOf(pacts.PartyTypes, known[i].Type); j >= 0 {
			f.ptype.SetSelectedIndex(j)
		}
	}
	return s
}

// create starts the pact described by the form and opens it.
func (p *pactsPage) create(f *newPactForm) error {
	lang := ""
	for _, l := range i18n.Languages {
		if l.Name == f.lang.Selected {
			lang = l.Code
		}
	}
	var refs []string
	if c := f.commons.Chosen(); c.ID != "" {
		refs = []string{c.ID}
	}
	np, err := pacts.Create(p.sh.Ctx, p.sh.WS.Store, pacts.NewPact{Title: f.title.Text, Kind: keyAt(pacts.Kinds, f.kind.SelectedIndex()),
		Lang: lang, Proponent: f.proponent.Text, ProponentType: keyAt(pacts.PartyTypes, f.ptype.SelectedIndex()),
		Immaterial: f.immaterial.Checked, AssetRefs: refs}, pacts.By{Actor: app.Actor(p.sh.WS)})
	if err != nil {
		return err
	}
	p.sh.Changed()
	p.Open(np.ID)
	if p.sh.CurrentID() != "pacts" {
		p.sh.Show("pacts") // proposed from a commons' form
	}
	return nil
}

// showNew asks for a new pact's first details; a refusal keeps the dialog open, with what
// was typed and the message under the field at fault.
func (p *pactsPage) showNew() *formDialog { return p.showNewFor(assets.AssetListItem{}) }

// showNewFor is showNew with a commons chosen already ("Propose a pact for this commons").
func (p *pactsPage) showNewFor(a assets.AssetListItem) *formDialog {
	f := p.newForm()
	p.lastNew = f
	if a.ID != "" {
		f.commons.Set(a)
	}
	d := newFormDialog(p.sh, i18n.T("pact.ui.new"), i18n.T("action.save"), "", f.fields, func() error { return p.create(f) })
	d.Show(fyne.NewSize(620, 0))
	return d
}

// showDeadlines edits the workspace's deadlines.
func (p *pactsPage) showDeadlines() *formDialog {
	dl, err := pacts.LoadDeadlines(p.sh.WS.Store.DB())
	if err != nil {
		p.sh.ShowError(err)
		return nil
	}
	entries := []*Entry{intEntry("pact.ui.deadline.ordinary_answer", dl.OrdinaryAnswer), intEntry("pact.ui.deadline.complex_publish", dl.ComplexPublish),
		intEntry("pact.ui.deadline.complex_observations", dl.ComplexObservations), intEntry("pact.ui.deadline.complex_decision", dl.ComplexDecision)}
	labels := []string{"pact.ui.deadline.ordinary_answer", "pact.ui.deadline.complex_publish", "pact.ui.deadline.complex_observations", "pact.ui.deadline.complex_decision"}
	fields := make([]*formField, len(entries))
	for i, e := range entries {
		fields[i] = newField(i18n.T(labels[i]), e, labels[i])
	}
	interruption := intEntry("pact.ui.deadline.interruption_days", dl.InterruptionDays)
	executive := newCheck(i18n.T("pact.ui.deadline.executive_step"), nil)
	executive.SetChecked(dl.ExecutiveStep)
	fields = append(fields, newField(i18n.T("pact.ui.deadline.interruption_days"), interruption, "pact.ui.deadline.interruption_days", "pact.refuse.interruption_setting"),
		newField("", executive))
	d := newFormDialog(p.sh, i18n.T("pact.ui.deadlines"), i18n.T("action.save"), "", fields, func() error {
		if err := checkFields(append(entries, interruption)...); err != nil { // letters are never saved as 0 days
			return err
		}
		days, _ := interruption.Int()
		n := make([]int, len(entries))
		for i, e := range entries {
			n[i], _ = e.Int()
		}
		// Only the terms the user changed are written (dl: the terms the form was filled
		// with): one a sync or another process changed while the form was open stays.
		err := p.sh.WS.Store.Update(p.sh.Ctx, func(tx *modelTx) error {
			typed := pacts.Deadlines{OrdinaryAnswer: n[0], ComplexPublish: n[1], ComplexObservations: n[2], ComplexDecision: n[3],
				InterruptionDays: days, ExecutiveStep: executive.Checked}
			if err := pacts.EditDeadlines(tx, dl, typed); err != nil {
				return err
			}
			return pacts.EditProcedure(tx, dl, typed)
		})
		if err == nil {
			p.sh.Changed()
		}
		return err
	})
	d.Show(fyne.NewSize(760, 0))
	return d
}
