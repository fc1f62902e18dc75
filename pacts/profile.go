// The municipality's profile: stored once per workspace, as settings, and taken by every
// agreement (its party, its header, its legal basis, its place-and-date line).

package pacts

import (
	_ "image/jpeg" // a logo may be a JPEG
	_ "image/png"  // or a PNG: what the PDF library prints
	"sort"
	"strings"
	"unicode"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// Setting names of the profile. The per-language ones take ".<lang>" after them.
const (
	SettingName          = "municipality.name"    // + .lang: "Comune di Palermo"
	SettingArticle       = "municipality.article" // + .lang: "il"
	SettingSeat          = "municipality.seat"
	SettingFiscalCode    = "municipality.fiscal_code"
	SettingFiscalLabel   = "municipality.fiscal_label" // C.F., NIF, RUC, RFC, NIT…; unset: the language's usual term
	SettingRegulation    = "municipality.regulation"   // regulation, ordinance: what the municipal rules are called
	SettingVAT           = "municipality.vat"
	SettingOfficer       = "municipality.officer"
	SettingOfficerPowers = "municipality.officer_powers"
	SettingLogo          = "municipality.logo" // the SHA-256 of the image; its bytes in "logo.<sha>"
	SettingPlace         = "municipality.place"
	SettingLegalBasisIn  = "legal_basis" // + .lang
	SettingCurrency      = model.SettingCurrency
	SettingArt1341       = "signature.art1341" // on, off; unset: on when the workspace's language is Italian
	SettingWorkspaceLang = "workspace.lang"    // the language the workspace was made in
	logoPrefix           = "logo."
)

// ProfileLangs are the languages the profile keeps names and legal bases in.
func ProfileLangs() []string {
	out := make([]string, len(i18n.Languages))
	for i, l := range i18n.Languages {
		out[i] = l.Code
	}
	return out
}

// Profile is the municipality's profile as stored.
type Profile struct {
	Names         map[string]string `json:"names"`    // lang → official name
	Articles      map[string]string `json:"articles"` // lang → its definite article ("il", "el", "the")
	Seat          string            `json:"seat"`
	FiscalCode    string            `json:"fiscal_code"`
	FiscalLabel   string            `json:"fiscal_label"` // the fiscal identifier's label, "" for the language's usual one
	Regulation    string            `json:"regulation"`   // regulation, ordinance; "" is regulation
	VAT           string            `json:"vat"`
	Officer       string            `json:"officer"`        // who signs for the municipality
	OfficerPowers string            `json:"officer_powers"` // the source of their powers
	Logo          string            `json:"logo"`           // SHA-256 of the logo image
	Place         string            `json:"place"`          // the "place, date" line
	LegalBasis    map[string]string `json:"legal_basis"`    // lang → act, number, date
	Currency      string            `json:"currency"`       // ISO 4217; EUR when unset
	Art1341       string            `json:"art1341"`        // on, off, or "" (by the workspace's language)
	Lang          string            `json:"workspace_lang"` // the language the workspace was made in
}

// Regulations are what a municipality's rules on the commons may be called: a regulation
// (Italy's regolamento, Spain's reglamento) or, in much of Latin America, an ordinance
// (ordenanza).
var Regulations = []string{"regulation", "ordinance"}

// ProfileSettings are the names of every setting of the profile, in the order a form shows
// them (logo excluded: it is set from a file).
func ProfileSettings() []string {
	var out []string
	for _, l := range ProfileLangs() {
		out = append(out, SettingName+"."+l, SettingArticle+"."+l)
	}
	out = append(out, SettingSeat, SettingFiscalLabel, SettingFiscalCode, SettingVAT, SettingRegulation, SettingOfficer, SettingOfficerPowers, SettingPlace, SettingCurrency, SettingArt1341)
	for _, l := range ProfileLangs() {
		out = append(out, SettingLegalBasisIn+"."+l)
	}
	return out
}

// Values are the profile as setting name → value, every name of ProfileSettings present.
func (p Profile) Values() map[string]string {
	out := map[string]string{}
	for _, name := range ProfileSettings() {
		switch base, lang := splitLang(name); base {
		case SettingName:
			out[name] = p.Names[lang]
		case SettingArticle:
			out[name] = p.Articles[lang]
		case SettingLegalBasisIn:
			out[name] = p.LegalBasis[lang]
		default:
			out[name] = *p.scalar(name)
		}
	}
	return out
}

// CheckProfileValue says what is wrong with value for the profile setting name (nil if
// nothing). The error's key names the field for a form.
func CheckProfileValue(name, value string) error {
	base, _ := splitLang(name)
	bad := func(key string, data ...map[string]any) error {
		fields := map[string]any{"Setting": name}
		if len(data) > 0 {
			for k, v := range data[0] {
				fields[k] = v
			}
		}
		return errs.E("profile "+name, errs.Invalid, errs.Key(key), fields)
	}
	known := false
	for _, n := range ProfileSettings() {
		known = known || n == name
	}
	if !known {
		return bad("pact.error.profile_unknown", map[string]any{"Values": strings.Join(ProfileSettings(), ", ")})
	}
	limit := 300
	switch base {
	case SettingArticle:
		limit = 12
	case SettingLegalBasisIn, SettingOfficerPowers:
		limit = 20000
	case SettingFiscalCode, SettingVAT, SettingFiscalLabel:
		limit = 32
	}
	if len([]rune(value)) > limit {
		return bad("pact.error.profile_too_long", map[string]any{"Max": limit})
	}
	if base != SettingLegalBasisIn && base != SettingOfficerPowers && strings.ContainsAny(value, "\n\r\t") {
		return bad("pact.error.profile_one_line")
	}
	switch base {
	case SettingCurrency:
		if value != "" && (len(value) != 3 || strings.ToUpper(value) != value || strings.IndexFunc(value, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0) {
			return bad("pact.error.currency", map[string]any{"Value": value})
		}
	case SettingArt1341:
		if value != "" && value != "on" && value != "off" {
			return bad("pact.error.art1341", map[string]any{"Value": value})
		}
	case SettingRegulation:
		if value != "" && !oneOf(value, Regulations) {
			return bad("pact.error.regulation", map[string]any{"Value": value, "Values": strings.Join(Regulations, ", ")})
		}
	}
	return nil
}

// EditProfile writes what a form or a command changed in the profile: the settings whose
// value in typed differs from base (what was shown). Each is checked first; nothing is
// written when one is wrong. A value changed elsewhere meanwhile is kept as a conflict
// (model.Tx.EditSetting).
func EditProfile(tx *model.Tx, base, typed map[string]string) error {
	names := make([]string, 0, len(typed))
	for name := range typed {
		names = append(names, name)
	}
	sort.Strings(names)
	var problems []error
	norm := func(name, v string) string {
		v = strings.TrimSpace(v)
		if name == SettingCurrency {
			v = strings.ToUpper(v) // "usd" is what was meant by USD
		}
		return v
	}
	for _, name := range names {
		v := norm(name, typed[name])
		if v == strings.TrimSpace(base[name]) {
			continue
		}
		if err := CheckProfileValue(name, v); err != nil {
			problems = append(problems, err)
		}
	}
	if len(problems) > 0 {
		return errs.E("profile", errs.Invalid, errs.Join(problems...))
	}
	for _, name := range names {
		v := norm(name, typed[name])
		if v == strings.TrimSpace(base[name]) {
			continue
		}
		if err := tx.EditSetting(name, base[name], v); err != nil {
			return err
		}
	}
	return nil
}
