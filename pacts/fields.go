package pacts

import (
	"strings"

	"pacta/i18n"
)

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
	var props []Noun
	var first Noun
	muni := Noun{Name: ws.NameIn(lang), Article: ws.ArticleIn(lang), Gender: "m", Type: "public_body"}
	found := false
	for _, x := range d.Parties {
		switch x.Role {
		case RoleProponent, RoleCosignatory:
			n := nounOf(x.Name, "", x.Gender, x.Type, x.Plural)
			props = append(props, n)
			if first.Name == "" && x.Role == RoleProponent {
				first = n
			}
		case RoleMunicipality:
			if !found {
				a := agreementParty(x, ws, lang)
				muni = nounOf(a.Name, a.Article, a.Gender, a.Type, a.Plural)
				found = true
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
		var more []string
		if s.Details != "" {
			more = append(more, s.Details)
		}
		if s.Value > 0 {
			more = append(more, FormatMoney(lang, ws.CurrencyCode(), s.Value))
		}
		if len(more) > 0 {
			t += " (" + strings.Join(more, ", ") + ")"
		}
		support = append(support, t)
	}
	f := Fields{
		Ref: p.Ref, Title: p.Title, Municipality: muni, LegalBasis: ws.LegalBasisIn(lang), Regulation: ws.RegulationIn(lang),
		Proponent: first, Proponents: listNoun(lang, props), Officer: p.Officer,
		Assets: strings.Join(assets, "; "), Support: strings.Join(support, "; "),
		Seat: strings.TrimSpace(ws.Profile.Seat), Place: strings.TrimSpace(ws.Profile.Place), lang: lang,
		Acts:    citations(lang, d.Acts),
		numbers: map[string]int{},
	}
	n := 0
	for _, s := range d.Sections {
		if s.Key != PremisesKey {
			n++
			f.numbers[s.Key] = n
		}
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
	Key     string
	Title   string // its own title, "" for the default one
	Text    string
	Onerous bool
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
	// The acts of the procedure close the premises, unless the text places them itself.
	if f.Acts != "" && !strings.Contains(premises, ".Acts") {
		pr = strings.TrimRight(pr, "\n ") + "\n\n" + f.Acts
	}
	var out []RenderedSection
	for _, s := range d.Sections {
		if s.Key == PremisesKey {
			continue
		}
		text, err := Render(s.Key, s.Text, f)
		if err != nil {
			return "", nil, err
		}
		out = append(out, RenderedSection{Key: s.Key, Title: strings.TrimSpace(s.Title), Text: text, Onerous: s.Onerous})
	}
	return pr, out, nil
}
