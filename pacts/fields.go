package pacts

import (
	"strings"

	"pacta/i18n"
	"pacta/model"
)

// Workspace is what the agreement takes from the workspace settings.
type Workspace struct {
	Municipality string
	LegalBasis   string
}

// LoadWorkspace reads the municipality's name and the legal basis.
func LoadWorkspace(q model.Querier) (Workspace, error) {
	m, err := model.GetSetting(q, model.SettingMunicipality, "")
	if err != nil {
		return Workspace{}, err
	}
	lb, err := model.GetSetting(q, model.SettingLegalBasis, "")
	if err != nil {
		return Workspace{}, err
	}
	return Workspace{Municipality: m, LegalBasis: lb}, nil
}

// joinAnd joins names as "A, B and C" in lang.
func joinAnd(lang string, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	and := i18n.In(lang).T("pact.word.and")
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// Fields are the values a section text of this pact may use, in lang.
func (d *Dossier) Fields(lang string, ws Workspace) Fields {
	p := d.Pact
	loc := i18n.In(lang)
	var props []string
	first := ""
	for _, x := range d.Parties {
		if x.Role == RoleProponent || x.Role == RoleCosignatory {
			props = append(props, x.Name)
			if first == "" && x.Role == RoleProponent {
				first = x.Name
			}
		}
	}
	var assets []string
	for _, a := range d.Assets {
		s := a.Name
		if a.Address != "" && a.Address != a.Name {
			s += " (" + a.Address + ")"
		}
		assets = append(assets, s)
	}
	var support []string
	for _, s := range d.Support {
		t := loc.T("pact.support." + s.Kind)
		if s.Details != "" {
			t += " (" + s.Details + ")"
		}
		support = append(support, t)
	}
	f := Fields{
		Ref: p.Ref, Title: p.Title, Municipality: ws.Municipality, LegalBasis: ws.LegalBasis,
		Proponent: first, Proponents: joinAnd(lang, props), Officer: p.Officer,
		Assets: strings.Join(assets, "; "), Support: strings.Join(support, "; "),
	}
	if p.SubmittedOn != "" {
		f.SubmittedOn = FormatDate(lang, p.SubmittedOn)
	}
	if p.StartDate != "" {
		f.StartDate = FormatDate(lang, p.StartDate)
	}
	if end := EndDate(p, d.WasExtended()); end != "" {
		f.EndDate = FormatDate(lang, end)
	}
	if p.DurationMonths > 0 {
		f.Duration = FormatMonths(lang, p.DurationMonths)
	}
	if p.ExtensionMonths > 0 {
		f.Extension = FormatMonths(lang, p.ExtensionMonths)
	}
	months := p.ReportMonths
	if months <= 0 {
		months = 6
	}
	f.ReportEvery = FormatMonths(lang, months)
	return f
}

// RenderedSection is one section's title and filled text.
type RenderedSection struct {
	Key   string
	Title string
	Text  string
}

// Rendered fills the premises and every section in lang. The premises are the pact's own
// when it has them (protocol numbers, opinions received…), else the workspace's template.
// It stops at the first text with an error, which says which section and what to fix.
func (d *Dossier) Rendered(lang string, ws Workspace, premises string) (string, []RenderedSection, error) {
	f := d.Fields(lang, ws)
	if own, ok := d.Section(PremisesKey); ok && strings.TrimSpace(own.Text) != "" {
		premises = own.Text
	}
	pr, err := Render(PremisesKey, premises, f)
	if err != nil {
		return "", nil, err
	}
	loc := i18n.In(lang)
	var out []RenderedSection
	for _, s := range d.Sections {
		if s.Key == PremisesKey {
			continue
		}
		text, err := Render(s.Key, s.Text, f)
		if err != nil {
			return "", nil, err
		}
		out = append(out, RenderedSection{Key: s.Key, Title: loc.T("pact.section." + s.Key), Text: text})
	}
	return pr, out, nil
}
