// The municipality's profile: stored once per workspace, as settings, and taken by every
// agreement (its party, its header, its legal basis, its place-and-date line).

package pacts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image"
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
	SettingCurrency      = "currency"
	SettingArt1341       = "signature.art1341" // on, off; unset: on when the workspace's language is Italian
	SettingWorkspaceLang = "workspace.lang"    // the language the workspace was made in
	logoPrefix           = "logo."
)

// MaxLogo is the largest logo image accepted: it travels with every sync.
const MaxLogo = 512 << 10

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

// Regulations are what a municipality's rules on the commons may be called: a regulation
// (Italy's regolamento, Spain's reglamento) or, in much of Latin America, an ordinance
// (ordenanza).
var Regulations = []string{"regulation", "ordinance"}

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
	return "EUR"
}

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
	for _, name := range names {
		v := strings.TrimSpace(typed[name])
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
		v := strings.TrimSpace(typed[name])
		if v == strings.TrimSpace(base[name]) {
			continue
		}
		if err := tx.EditSetting(name, base[name], v); err != nil {
			return err
		}
	}
	return nil
}

// SetLogo keeps the image b as the municipality's logo: a PNG or a JPEG of at most MaxLogo
// bytes. Logos already used stay stored, so that a signed agreement prints with its own.
// An empty b removes the logo from agreements not signed yet.
func SetLogo(tx *model.Tx, b []byte) (string, error) {
	if len(b) == 0 {
		cur, err := model.GetSetting(tx, SettingLogo, "")
		if err != nil {
			return "", err
		}
		return "", tx.EditSetting(SettingLogo, cur, "")
	}
	if err := CheckLogo(b); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	sha := hex.EncodeToString(sum[:])
	if err := tx.PutSetting(logoPrefix+sha, base64.StdEncoding.EncodeToString(b)); err != nil {
		return "", err
	}
	cur, err := model.GetSetting(tx, SettingLogo, "")
	if err != nil {
		return "", err
	}
	return sha, tx.EditSetting(SettingLogo, cur, sha)
}

// CheckLogo refuses what is not a PNG or JPEG image, or is too large.
func CheckLogo(b []byte) error {
	if len(b) > MaxLogo {
		return errs.E("logo", errs.Invalid, errs.Key("pact.error.logo_too_large"), map[string]any{"KB": MaxLogo >> 10})
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (format != "png" && format != "jpeg") {
		return errs.E("logo", errs.Invalid, errs.Key("pact.error.logo_not_image"))
	}
	return nil
}

// Logo reads a logo kept by SetLogo, by its SHA-256: nil when there is none.
func Logo(q model.Querier, sha string) ([]byte, error) {
	if sha == "" {
		return nil, nil
	}
	v, err := model.GetSetting(q, logoPrefix+sha, "")
	if err != nil || v == "" {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("the logo %s is damaged: %w", short(sha), err)
	}
	return b, nil
}
