// Renewal: at the end of its term a pact may be renewed as a new pact, linked to the old
// one, which starts as a draft with the same parties, commons, terms and section texts (the
// regulation's "nuovo patto": it is proposed, reviewed and signed again).

package pacts

import (
	"fmt"

	"pacta/model"
)

// RenewableStatuses are those from which a pact may be renewed: running (near or past the
// end of its term) or ended.
var RenewableStatuses = []string{Active, Extended, Concluded}

// Renew makes the draft of a pact renewing the pact with id: same title, kind, language,
// summary, duration, extension, reporting and officer; the same parties but the
// municipality (the workspace's own is added as for any new pact), the same commons and the
// pact's own section texts. Refused when the pact is in another status or was renewed
// already (its renewal is named).
func Renew(tx *model.Tx, pactID string, by By) (model.Pact, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return model.Pact{}, err
	}
	old := d.Pact
	if !oneOf(old.Status, RenewableStatuses) {
		return model.Pact{}, &Refusal{Action: old.Ref + " renew", Reasons: []Reason{
			reason("pact.refuse.renew_status", "Status", statusRef(old.Status), "Allowed", statusList(RenewableStatuses))}}
	}
	var later []model.Pact
	if err := tx.Select(&later, "SELECT "+pactCols+" FROM pacts WHERE renews = ? AND deleted = 0", old.ID); err != nil {
		return model.Pact{}, fmt.Errorf("renew %s: %w", old.Ref, err)
	}
	if len(later) > 0 {
		return model.Pact{}, &Refusal{Action: old.Ref + " renew", Reasons: []Reason{reason("pact.refuse.renewed_already", "Ref", later[0].Ref)}}
	}
	var refs []string
	for _, a := range d.Assets {
		refs = append(refs, a.Ref)
	}
	p, err := CreateTx(tx, NewPact{Title: old.Title, Kind: old.Kind, Lang: old.Lang, Summary: old.Summary, AssetRefs: refs,
		Immaterial: old.Immaterial}, by)
	if err != nil {
		return p, fmt.Errorf("renew %s: %w", old.Ref, err)
	}
	before := p
	p.Renews, p.DurationMonths, p.ExtensionMonths, p.ReportMonths = old.ID, old.DurationMonths, old.ExtensionMonths, old.ReportMonths
	p.Officer, p.Category = old.Officer, old.Category
	if err := tx.PutEdit(&before, &p); err != nil {
		return p, fmt.Errorf("renew %s: %w", old.Ref, err)
	}
	for _, x := range d.Parties {
		if x.Role == RoleMunicipality {
			continue
		}
		x.ID, x.PactID = "", p.ID
		if _, err := PutParty(tx, p.ID, x); err != nil {
			return p, fmt.Errorf("renew %s: %w", old.Ref, err)
		}
	}
	nd, err := Load(tx, p.ID)
	if err != nil {
		return p, err
	}
	for _, s := range d.Sections {
		if _, has := nd.Section(s.Key); s.Text == "" || (!has && s.Key != PremisesKey) {
			continue // a section the workspace no longer has for this kind
		}
		if err := SetSection(tx, p.ID, s.Key, s.Text); err != nil {
			return p, fmt.Errorf("renew %s: %w", old.Ref, err)
		}
	}
	return p, nil
}

// RenewalOf is the pact renewing the pact with id, ok false when none does.
func RenewalOf(q model.Querier, pactID string) (model.Pact, bool, error) {
	var ps []model.Pact
	if err := q.Select(&ps, "SELECT "+pactCols+" FROM pacts WHERE renews = ? AND deleted = 0 ORDER BY ref", pactID); err != nil {
		return model.Pact{}, false, fmt.Errorf("read the renewal of %s: %w", pactID, err)
	}
	if len(ps) == 0 {
		return model.Pact{}, false, nil
	}
	return ps[0], true, nil
}
