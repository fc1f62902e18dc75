package pacts

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"pacta/model"
)

// Agreement is the canonical content of one version of a pact: what the parties sign and
// what the SHA-256 covers. It is also what the agreement PDF prints, so a signed version
// prints from its frozen content, whatever changed in the registry or the settings since.
type Agreement struct {
	Ref             string           `json:"ref"`
	Version         int64            `json:"version"`
	Title           string           `json:"title"`
	Kind            string           `json:"kind"`
	Lang            string           `json:"lang"`
	Summary         string           `json:"summary"`
	Municipality    string           `json:"municipality"`
	LegalBasis      string           `json:"legal_basis"`
	StartDate       string           `json:"start_date"`
	DurationMonths  int64            `json:"duration_months"`
	ExtensionMonths int64            `json:"extension_months"`
	ReportMonths    int64            `json:"report_months"`
	Officer         string           `json:"officer"`
	Immaterial      bool             `json:"immaterial"`
	Parties         []AgreementParty `json:"parties"`
	Premises        string           `json:"premises"`
	Sections        []AgreementText  `json:"sections"`
	Assets          []AgreementAsset `json:"assets"`
	Support         []AgreementAid   `json:"support"`
	Indicators      []AgreementGauge `json:"indicators"`
	// Since the municipality's profile (issue 20): every field is left out when empty, so
	// that the content of versions frozen before keeps its SHA-256.
	Place    string `json:"place,omitempty"`    // the "place, date" line
	Logo     string `json:"logo,omitempty"`     // SHA-256 of the logo printed
	Art1341  bool   `json:"art1341,omitempty"`  // the second signature approving the onerous clauses
	Currency string `json:"currency,omitempty"` // of the amounts
	// Since the files of a pact (issue 21): left out when it has none.
	Files []AgreementFile `json:"files,omitempty"` // the annexed files
}

// AgreementFile is a file annexed to the agreement, named with its hash so that the copy
// at hand can be checked against the one signed.
type AgreementFile struct {
	Title  string `json:"title,omitempty"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// AgreementParty is a party as signed.
type AgreementParty struct {
	ID             string `json:"id"`
	Role           string `json:"role"`
	Type           string `json:"type"`
	Name           string `json:"name"`
	Representative string `json:"representative"`
	RepRole        string `json:"rep_role"`
	FiscalCode     string `json:"fiscal_code"`
	Address        string `json:"address"`
	Email          string `json:"email"`
	SocialEconomy  bool   `json:"social_economy"`
	VAT            string `json:"vat,omitempty"`
	Powers         string `json:"powers,omitempty"`  // the source of the representative's powers
	Article        string `json:"article,omitempty"` // the article of the name ("il")
	Gender         string `json:"gender,omitempty"`  // m, f: the grammar of the texts
	Plural         bool   `json:"plural,omitempty"`
	// FiscalLabel is the workspace's label of the fiscal identifier (RUC, NIT…), "" for the
	// language's usual term (left out, so that earlier versions keep their SHA-256).
	FiscalLabel string `json:"fiscal_label,omitempty"`
}

// AgreementText is one section as signed: its key and filled text.
type AgreementText struct {
	Key     string `json:"key"`
	Text    string `json:"text"`
	Title   string `json:"title,omitempty"`   // its heading; older versions print the default one
	Onerous bool   `json:"onerous,omitempty"` // approved specifically (Art. 1341 c.c.)
}

// AgreementAsset is a commons covered, as signed.
type AgreementAsset struct {
	Ref      string   `json:"ref"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Address  string   `json:"address"`
	District string   `json:"district"`
	Lat      *float64 `json:"lat"`
	Lon      *float64 `json:"lon"`
}

// AgreementAid is a form of support, as signed.
type AgreementAid struct {
	Kind    string  `json:"kind"`
	Details string  `json:"details"`
	Value   float64 `json:"value"`
}

// AgreementGauge is an indicator, as signed.
type AgreementGauge struct {
	Name   string  `json:"name"`
	Unit   string  `json:"unit"`
	Target float64 `json:"target"`
}

// Agreement builds the canonical content of the pact's current version from its rows,
// filling the section texts in the pact's language.
func (d *Dossier) Agreement(ws Workspace, premises string) (*Agreement, error) {
	p := d.Pact
	pr, secs, err := d.Rendered(p.Lang, ws, premises)
	if err != nil {
		return nil, err
	}
	a := &Agreement{Ref: p.Ref, Version: p.Version, Title: p.Title, Kind: p.Kind, Lang: p.Lang, Summary: p.Summary,
		Municipality: ws.NameIn(p.Lang), LegalBasis: ws.LegalBasisIn(p.Lang), StartDate: p.StartDate, DurationMonths: p.DurationMonths,
		ExtensionMonths: p.ExtensionMonths, ReportMonths: p.ReportMonths, Officer: p.Officer, Immaterial: p.Immaterial,
		Premises: pr, Parties: []AgreementParty{}, Sections: []AgreementText{}, Assets: []AgreementAsset{},
		Support: []AgreementAid{}, Indicators: []AgreementGauge{},
		Place: strings.TrimSpace(ws.Profile.Place), Logo: ws.Profile.Logo, Art1341: ws.Art1341In(p.Lang), Currency: ws.CurrencyCode()}
	for _, x := range d.Parties {
		a.Parties = append(a.Parties, agreementParty(x, ws, p.Lang))
	}
	for _, s := range secs {
		a.Sections = append(a.Sections, AgreementText{Key: s.Key, Text: s.Text, Title: s.Title, Onerous: s.Onerous})
	}
	for _, x := range d.Assets {
		a.Assets = append(a.Assets, AgreementAsset{Ref: x.Ref, Name: x.Name, Kind: x.Kind, Address: x.Address, District: x.District, Lat: x.Lat, Lon: x.Lon})
	}
	for _, x := range d.Support {
		a.Support = append(a.Support, AgreementAid{Kind: x.Kind, Details: x.Details, Value: x.Value})
	}
	for _, x := range d.Indicators {
		a.Indicators = append(a.Indicators, AgreementGauge{Name: x.Name, Unit: x.Unit, Target: x.Target})
	}
	for _, x := range d.Files {
		a.Files = append(a.Files, AgreementFile{Title: x.Caption, Name: x.Name, SHA256: x.SHA256, Size: x.Size})
	}
	return a, nil
}

// agreementParty is a party as the agreement prints it. The municipality's party is filled
// from the workspace's profile: its official name and article in the agreement's language
// (unless the party was given another name), and what the party leaves empty of seat,
// fiscal code, VAT number, officer and the source of their powers.
func agreementParty(x model.PactParty, ws Workspace, lang string) AgreementParty {
	a := AgreementParty{ID: x.ID, Role: x.Role, Type: x.Type, Name: x.Name, Representative: x.Representative,
		RepRole: x.RepRole, FiscalCode: x.FiscalCode, Address: x.Address, Email: x.Email, SocialEconomy: x.SocialEconomy,
		VAT: x.VAT, Powers: x.Powers, Gender: x.Gender, Plural: x.Plural, FiscalLabel: strings.TrimSpace(ws.Profile.FiscalLabel)}
	if x.Role != RoleMunicipality {
		return a
	}
	pr := ws.Profile
	if name := strings.TrimSpace(x.Name); name == "" || name == strings.TrimSpace(ws.Municipality) {
		a.Name, a.Article = ws.NameIn(lang), ws.ArticleIn(lang)
	}
	fill := func(dst *string, v string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = strings.TrimSpace(v)
		}
	}
	fill(&a.Address, pr.Seat)
	fill(&a.FiscalCode, pr.FiscalCode)
	fill(&a.VAT, pr.VAT)
	if strings.TrimSpace(a.Representative) == "" {
		a.Representative = strings.TrimSpace(pr.Officer)
		fill(&a.Powers, pr.OfficerPowers)
	}
	return a
}

// Canonical is the agreement's deterministic JSON and its SHA-256 (hex).
func (a *Agreement) Canonical() ([]byte, string, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return nil, "", fmt.Errorf("canonical content of %s: %w", a.Ref, err)
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

// ParseAgreement reads a frozen version's canonical content back.
func ParseAgreement(content string) (*Agreement, error) {
	var a Agreement
	if err := json.Unmarshal([]byte(content), &a); err != nil {
		return nil, fmt.Errorf("frozen content is damaged (%v); restore a backup", err)
	}
	return &a, nil
}
