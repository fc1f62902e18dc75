package pacts

import (
	"errors"

	"pacta/internal/errs"
	"pacta/model"
)

// Dossier is a pact with everything that belongs to it, read in one go.
type Dossier struct {
	Pact        model.Pact
	Parties     []model.PactParty
	Sections    []model.PactSection
	Assets      []model.Asset
	Support     []model.PactSupport
	Indicators  []model.PactIndicator
	Reports     []model.PactReport
	Transitions []model.PactTransition
	Versions    []model.PactVersion
	Signatures  []model.PactSignature
	Acts        []model.PactAct    // the acts of its procedure, by date
	Files       []model.Attachment // its own files, the agreement's annexes
	// Interruption is the single interruption of the answer term, nil when none.
	Interruption *model.PactInterruption
	// Observations are those received during the publication, in order of receipt.
	Observations []model.PactObservation
}

// Load reads a pact's dossier by id.
func Load(q model.Querier, pactID string) (*Dossier, error) {
	p, err := PactByID(q, pactID)
	if errors.Is(err, ErrNotFound) {
		return nil, errs.E(errs.NotFound, err)
	}
	if err != nil {
		return nil, err
	}
	return loadRest(q, p)
}

// LoadRef reads a pact's dossier by reference (or id). A reference that several live pacts
// hold (minted twice offline) is a *model.AmbiguousRefError naming them: choose one with
// Resolve.
func LoadRef(q model.Querier, ref string) (*Dossier, error) {
	p, err := ResolvePact(q, ref, "")
	if errors.Is(err, ErrNotFound) {
		return nil, errs.E(errs.NotFound, err)
	}
	if err != nil {
		return nil, err
	}
	return loadRest(q, p)
}

func loadRest(q model.Querier, p model.Pact) (*Dossier, error) {
	d := &Dossier{Pact: p}
	var err error
	if d.Parties, err = PartiesOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Sections, err = SectionsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Assets, err = AssetsOfPact(q, p.ID); err != nil {
		return nil, err
	}
	if d.Support, err = SupportOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Indicators, err = IndicatorsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Reports, err = ReportsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Transitions, err = TransitionsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Versions, err = VersionsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Signatures, err = SignaturesOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Acts, err = ActsOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Files, err = Files(q, p.ID); err != nil {
		return nil, err
	}
	if d.Interruption, err = InterruptionOf(q, p.ID); err != nil {
		return nil, err
	}
	if d.Observations, err = ObservationsOf(q, p.ID); err != nil {
		return nil, err
	}
	return d, nil
}

// Section returns the section with key, and whether the pact has it.
func (d *Dossier) Section(key string) (model.PactSection, bool) {
	for _, s := range d.Sections {
		if s.Key == key {
			return s, true
		}
	}
	return model.PactSection{}, false
}

// PartiesWithRole lists the parties that have role.
func (d *Dossier) PartiesWithRole(role string) []model.PactParty {
	var out []model.PactParty
	for _, p := range d.Parties {
		if p.Role == role {
			out = append(out, p)
		}
	}
	return out
}

// FrozenVersion returns the frozen record of the current version, if a party signed it.
func (d *Dossier) FrozenVersion() (model.PactVersion, bool) {
	for _, v := range d.Versions {
		if v.Number == d.Pact.Version {
			return v, true
		}
	}
	return model.PactVersion{}, false
}

// SignaturesOfCurrent lists the signatures of the current version, each as last corrected.
func (d *Dossier) SignaturesOfCurrent() []model.PactSignature {
	corrected := map[string]bool{}
	for _, s := range d.Signatures {
		if s.Corrects != "" {
			corrected[s.Corrects] = true
		}
	}
	var out []model.PactSignature
	for _, s := range d.Signatures {
		if s.Version == d.Pact.Version && !corrected[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// Unsigned lists the parties that have not signed the current version.
func (d *Dossier) Unsigned() []model.PactParty {
	signed := map[string]bool{}
	for _, s := range d.SignaturesOfCurrent() {
		signed[s.PartyID] = true
	}
	var out []model.PactParty
	for _, p := range d.Parties {
		if !signed[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// FullySigned reports whether every party signed the current version.
func (d *Dossier) FullySigned() bool { return len(d.Parties) > 0 && len(d.Unsigned()) == 0 }

// WasExtended reports whether the pact was ever extended.
func (d *Dossier) WasExtended() bool {
	if d.Pact.Status == Extended {
		return true
	}
	for _, t := range d.Transitions {
		if t.ToStatus == Extended {
			return true
		}
	}
	return false
}
