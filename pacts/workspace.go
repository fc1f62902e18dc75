// What an agreement takes from the workspace: the municipality's name, article, legal basis,
// regulation and fiscal label in each language, and its currency.

package pacts

import (
	"fmt"
	"strings"

	"pacta/i18n"
	"pacta/model"
)

// Workspace is what the agreement takes from the workspace settings.
type Workspace struct {
	Municipality string // the name shown in the window and on other documents
	LegalBasis   string // the legal basis of old workspaces, in one language
	Profile      Profile
}

// LoadWorkspace reads the municipality's name, profile and legal basis in one query.
func LoadWorkspace(q model.Querier) (Workspace, error) {
	var rows []struct {
		ID    string `db:"id"`
		Value string `db:"value"`
	}
	err := q.Select(&rows, `SELECT id, value FROM settings WHERE deleted = 0 AND (id IN (?, ?, ?, ?, ?)
		OR id LIKE 'municipality.%' OR id LIKE 'legal_basis.%')`,
		model.SettingMunicipality, model.SettingLegalBasis, SettingCurrency, SettingArt1341, SettingWorkspaceLang)
	if err != nil {
		return Workspace{}, fmt.Errorf("read the municipality's profile: %w", err)
	}
	ws := Workspace{Profile: Profile{Names: map[string]string{}, Articles: map[string]string{}, LegalBasis: map[string]string{}}}
	pr := &ws.Profile
	for _, r := range rows {
		switch name, lang := splitLang(r.ID); name {
		case model.SettingMunicipality:
			ws.Municipality = r.Value
		case model.SettingLegalBasis:
			if lang == "" {
				ws.LegalBasis = r.Value
			} else {
				pr.LegalBasis[lang] = r.Value
			}
		case SettingName:
			pr.Names[lang] = r.Value
		case SettingArticle:
			pr.Articles[lang] = r.Value
		default:
			if dst := pr.scalar(r.ID); dst != nil {
				*dst = r.Value
			}
		}
	}
	return ws, nil
}

// splitLang splits "municipality.name.it" into its name and language; a setting without a
// language gives "".
func splitLang(id string) (name, lang string) {
	for _, base := range []string{SettingName, SettingArticle, SettingLegalBasisIn} {
		if l, ok := strings.CutPrefix(id, base+"."); ok {
			return base, l
		}
	}
	return id, ""
}

// scalar is the field of the profile a one-value setting fills, nil for another setting.
func (p *Profile) scalar(id string) *string {
	switch id {
	case SettingSeat:
		return &p.Seat
	case SettingFiscalCode:
		return &p.FiscalCode
	case SettingFiscalLabel:
		return &p.FiscalLabel
	case SettingRegulation:
		return &p.Regulation
	case SettingVAT:
		return &p.VAT
	case SettingOfficer:
		return &p.Officer
	case SettingOfficerPowers:
		return &p.OfficerPowers
	case SettingLogo:
		return &p.Logo
	case SettingPlace:
		return &p.Place
	case SettingCurrency:
		return &p.Currency
	case SettingArt1341:
		return &p.Art1341
	case SettingWorkspaceLang:
		return &p.Lang
	}
	return nil
}

// NameIn is the municipality's official name in lang: its own in that language (or one its
// language falls back to), else the workspace's name.
func (w Workspace) NameIn(lang string) string {
	for _, l := range i18n.Chain(i18n.Normalize(lang)) {
		if n := strings.TrimSpace(w.Profile.Names[l]); n != "" {
			return n
		}
	}
	return w.Municipality
}

// ArticleIn is the article the municipality's name takes in lang ("il" Comune di Palermo),
// "" when none was given for the name NameIn gives.
func (w Workspace) ArticleIn(lang string) string {
	for _, l := range i18n.Chain(i18n.Normalize(lang)) {
		if strings.TrimSpace(w.Profile.Names[l]) != "" {
			return strings.TrimSpace(w.Profile.Articles[l])
		}
	}
	return strings.TrimSpace(w.Profile.Articles[i18n.Normalize(lang)])
}

// LegalBasisIn is the legal basis in lang: the workspace's own text in that language (or one
// it falls back to); else the one-language text of older workspaces, unless that is only the
// default text of some language, which is then given in lang; else the default in lang.
func (w Workspace) LegalBasisIn(lang string) string {
	lang = i18n.Normalize(lang)
	for _, l := range i18n.Chain(lang) {
		if t := strings.TrimSpace(w.Profile.LegalBasis[l]); t != "" {
			return t
		}
	}
	def := i18n.In(lang).T("settings.legal_basis.default")
	if w.Profile.Regulation == "ordinance" {
		def = i18n.In(lang).T("settings.legal_basis.default.ordinance")
	}
	old := strings.TrimSpace(w.LegalBasis)
	if old == "" {
		return def
	}
	for _, l := range ProfileLangs() {
		if old == i18n.In(l).T("settings.legal_basis.default") || old == i18n.In(l).T("settings.legal_basis.default.ordinance") {
			return def
		}
	}
	return old
}

// Art1341In reports whether the agreements of the workspace carry the second signature
// approving the onerous clauses (Art. 1341 c.c.): as set, else when the workspace was made
// in Italian (or, for workspaces older than that record, when the agreement is).
func (w Workspace) Art1341In(lang string) bool {
	switch w.Profile.Art1341 {
	case "on":
		return true
	case "off":
		return false
	}
	if w.Profile.Lang != "" {
		return w.Profile.Lang == "it"
	}
	return i18n.Normalize(lang) == "it"
}

// RegulationIn is the name of the municipal rules in lang, as the agreement's texts use it
// with the grammar helpers: {{the .Regulation}} is "el Reglamento" or "la Ordenanza".
func (w Workspace) RegulationIn(lang string) Noun {
	which := w.Profile.Regulation
	if !oneOf(which, Regulations) {
		which = Regulations[0]
	}
	return Noun{Name: i18n.In(lang).T("pact.regulation." + which)}
}

// FiscalLabelIn is the label of a party's fiscal identifier in lang: the workspace's own
// (RUC, NIT, C.F.…), else the language's usual term.
func (w Workspace) FiscalLabelIn(lang string) string {
	if l := strings.TrimSpace(w.Profile.FiscalLabel); l != "" {
		return l
	}
	return i18n.In(lang).T("pact.pdf.fiscal_label")
}

// CurrencyCode is the workspace's currency, EUR when unset.
func (w Workspace) CurrencyCode() string {
	if c := strings.TrimSpace(w.Profile.Currency); c != "" {
		return c
	}
	return model.DefaultCurrency
}
