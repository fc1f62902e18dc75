package pacts

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
}

// AgreementText is one section as signed: its key and filled text.
type AgreementText struct {
	Key  string `json:"key"`
	Text string `json:"text"`
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
		Municipality: ws.Municipality, LegalBasis: ws.LegalBasis, StartDate: p.StartDate, DurationMonths: p.DurationMonths,
		ExtensionMonths: p.ExtensionMonths, ReportMonths: p.ReportMonths, Officer: p.Officer, Immaterial: p.Immaterial,
		Premises: pr, Parties: []AgreementParty{}, Sections: []AgreementText{}, Assets: []AgreementAsset{},
		Support: []AgreementAid{}, Indicators: []AgreementGauge{}}
	for _, x := range d.Parties {
		a.Parties = append(a.Parties, AgreementParty{ID: x.ID, Role: x.Role, Type: x.Type, Name: x.Name, Representative: x.Representative,
			RepRole: x.RepRole, FiscalCode: x.FiscalCode, Address: x.Address, Email: x.Email, SocialEconomy: x.SocialEconomy})
	}
	for _, s := range secs {
		a.Sections = append(a.Sections, AgreementText{Key: s.Key, Text: s.Text})
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
	return a, nil
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
