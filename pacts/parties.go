// A pact's parties, linked commons, forms of support and indicators.

package pacts

import (
	"errors"
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// ValidateParty checks a party; the error says what to fix.
func ValidateParty(x model.PactParty) error {
	if strings.TrimSpace(x.Name) == "" {
		return errs.E("party", errs.Invalid, errs.Key("pact.error.party_name_required"))
	}
	if !oneOf(x.Role, Roles) {
		return errs.E("party "+x.Name, errs.Invalid, errs.Key("pact.error.party_role_unknown"), map[string]any{"Value": x.Role})
	}
	if x.Type != "" && !oneOf(x.Type, PartyTypes) {
		return errs.E("party "+x.Name, errs.Invalid, errs.Key("pact.error.party_type_unknown"),
			map[string]any{"Value": x.Type, "Values": strings.Join(PartyTypes, ", ")})
	}
	if x.Gender != "" && x.Gender != "m" && x.Gender != "f" {
		return errs.E("party "+x.Name, errs.Invalid, errs.Key("pact.error.party_gender"), map[string]any{"Value": x.Gender})
	}
	return nil
}

// PutParty adds a party (empty ID) or changes one to x, all of its fields: a changed x
// must have been read in the same transaction. A command that changes some fields of a
// party uses PatchParty.
func PutParty(tx *model.Tx, pactID string, x model.PactParty) (model.PactParty, error) {
	x.Name = strings.TrimSpace(x.Name)
	if err := ValidateParty(x); err != nil {
		return x, err
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return x, err
	}
	x.PactID = pactID
	if x.ID == "" {
		for _, o := range d.Parties {
			if strings.EqualFold(o.Name, x.Name) && o.Role == x.Role {
				return x, partyExists(x, d.Pact.Ref)
			}
			if o.Position >= x.Position {
				x.Position = o.Position + 1
			}
		}
	}
	return x, tx.Put(&x)
}

// PartyPatch is what a command changes in a party: the fields it was given, nil for every
// other one.
type PartyPatch struct {
	Name, Role, Type, Representative, RepRole, FiscalCode, Address, Email *string
	VAT, Powers, Gender                                                   *string
	SocialEconomy, Plural                                                 *bool
}

// Empty reports whether the patch changes nothing.
func (x PartyPatch) Empty() bool { return x == PartyPatch{} }

// apply is p with the fields of the patch set.
func (x PartyPatch) apply(p model.PactParty) model.PactParty {
	for _, f := range []struct{ v, dst *string }{{x.Name, &p.Name}, {x.Role, &p.Role}, {x.Type, &p.Type},
		{x.Representative, &p.Representative}, {x.RepRole, &p.RepRole}, {x.FiscalCode, &p.FiscalCode},
		{x.Address, &p.Address}, {x.Email, &p.Email}, {x.VAT, &p.VAT}, {x.Powers, &p.Powers}, {x.Gender, &p.Gender}} {
		if f.v != nil {
			*f.dst = strings.TrimSpace(*f.v)
		}
	}
	if x.SocialEconomy != nil {
		p.SocialEconomy = *x.SocialEconomy
	}
	if x.Plural != nil {
		p.Plural = *x.Plural
	}
	return p
}

// PartyChanges is what a form changed of base: the fields of typed that differ from it, so
// that PatchParty writes those only (a field a sync changed meanwhile keeps its value).
func PartyChanges(base, typed model.PactParty) PartyPatch {
	var p PartyPatch
	for _, f := range []struct {
		old, new string
		dst      **string
	}{{base.Name, typed.Name, &p.Name}, {base.Role, typed.Role, &p.Role}, {base.Type, typed.Type, &p.Type},
		{base.Representative, typed.Representative, &p.Representative}, {base.RepRole, typed.RepRole, &p.RepRole},
		{base.FiscalCode, typed.FiscalCode, &p.FiscalCode}, {base.Address, typed.Address, &p.Address},
		{base.Gender, typed.Gender, &p.Gender}} {
		if strings.TrimSpace(f.old) != strings.TrimSpace(f.new) {
			v := f.new
			*f.dst = &v
		}
	}
	if base.Plural != typed.Plural {
		p.Plural = &typed.Plural
	}
	if base.Type != typed.Type {
		p.SocialEconomy = &typed.SocialEconomy
	}
	return p
}

// PatchParty changes the fields the patch sets, and only those, of the party of the pact
// named nameOrID (its id or name), as stored when the transaction reads it: a field another
// process or a sync wrote meanwhile keeps its value. It returns the party as written.
func PatchParty(tx *model.Tx, pactID, nameOrID string, x PartyPatch) (model.PactParty, error) {
	d, err := editable(tx, pactID)
	if err != nil {
		return model.PactParty{}, err
	}
	before, err := d.FindParty(nameOrID)
	if err != nil {
		return model.PactParty{}, err
	}
	p := x.apply(before)
	if x.Empty() {
		return p, nil
	}
	if err := ValidateParty(p); err != nil {
		return p, err
	}
	if x.Name != nil || x.Role != nil {
		for _, o := range d.Parties {
			if o.ID != p.ID && strings.EqualFold(o.Name, p.Name) && o.Role == p.Role {
				return p, partyExists(p, d.Pact.Ref)
			}
		}
	}
	return p, tx.PutEdit(&before, &p)
}

// partyExists refuses a second party of the same name and role.
func partyExists(x model.PactParty, ref string) error {
	return errs.E("party", errs.Conflict, errs.Key("pact.error.party_exists"),
		map[string]any{"Name": x.Name, "Role": errs.Key("pact.role." + x.Role), "Ref": ref})
}

// RemoveParty takes a party off the pact.
func RemoveParty(tx *model.Tx, pactID, partyID string) error {
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	for _, p := range d.Parties {
		if p.ID == partyID {
			return tx.Delete(&p)
		}
	}
	return errs.E(errs.NotFound, errs.Key("pact.error.party_not_found"), map[string]any{"ID": partyID, "Ref": d.Pact.Ref})
}

// FindParty finds a party of the pact by id or name (case-insensitive).
func (d *Dossier) FindParty(nameOrID string) (model.PactParty, error) {
	for _, p := range d.Parties {
		if p.ID == nameOrID || strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(nameOrID)) {
			return p, nil
		}
	}
	names := make([]string, len(d.Parties))
	for i, p := range d.Parties {
		names[i] = p.Name
	}
	return model.PactParty{}, errs.E(errs.NotFound, errs.Key("pact.error.no_party"),
		map[string]any{"Ref": d.Pact.Ref, "Name": nameOrID, "Parties": strings.Join(names, "; ")})
}

// LinkAsset links a commons of the registry (by reference or id) to the pact.
func LinkAsset(tx *model.Tx, pactID, assetRef string) error {
	if _, err := editable(tx, pactID); err != nil {
		return err
	}
	return linkAsset(tx, pactID, assetRef)
}

func linkAsset(tx *model.Tx, pactID, assetRef string) error {
	a, err := findAsset(tx, assetRef)
	if _, ok := err.(*model.AmbiguousRefError); ok {
		return fmt.Errorf("link asset: %w", err)
	}
	if errors.Is(err, ErrNotFound) {
		return errs.E("link asset", errs.NotFound, errs.Key("pact.error.asset_not_found"), map[string]any{"Ref": strings.TrimSpace(assetRef)})
	}
	if err != nil {
		return fmt.Errorf("link asset: %w", err)
	}
	return linkAssetID(tx, pactID, a.ID)
}

func linkAssetID(tx *model.Tx, pactID, assetID string) error {
	links, err := PactAssetLinks(tx, pactID)
	if err != nil {
		return err
	}
	for _, l := range links {
		if l.AssetID == assetID {
			return nil
		}
	}
	return tx.Put(&model.PactAsset{PactID: pactID, AssetID: assetID})
}

// UnlinkAsset removes a commons from the pact.
func UnlinkAsset(tx *model.Tx, pactID, assetID string) error {
	if _, err := editable(tx, pactID); err != nil {
		return err
	}
	links, err := PactAssetLinks(tx, pactID)
	if err != nil {
		return err
	}
	for _, l := range links {
		if l.AssetID == assetID {
			if err := tx.Delete(&l); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddSupport adds a form of municipal support.
func AddSupport(tx *model.Tx, pactID string, s model.PactSupport) error {
	if !oneOf(s.Kind, SupportKinds) {
		return errs.E("support", errs.Invalid, errs.Key("pact.error.support_unknown"), map[string]any{"Value": s.Kind, "Values": strings.Join(SupportKinds, ", ")})
	}
	if s.Value < 0 {
		return errs.E("support", errs.Invalid, errs.Key("pact.error.support_negative"))
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	s.PactID = pactID
	s.Position = int64(len(d.Support) + 1)
	return tx.Put(&s)
}

// RemoveSupport removes a form of support.
func RemoveSupport(tx *model.Tx, pactID, supportID string) error {
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	for _, s := range d.Support {
		if s.ID == supportID {
			return tx.Delete(&s)
		}
	}
	return errs.E(errs.NotFound, errs.Key("pact.error.support_not_found"), map[string]any{"ID": supportID, "Ref": d.Pact.Ref})
}

// AddIndicator adds an indicator the reports will measure.
func AddIndicator(tx *model.Tx, pactID string, x model.PactIndicator) error {
	x.Name = strings.TrimSpace(x.Name)
	if x.Name == "" {
		return errs.E("indicator", errs.Invalid, errs.Key("pact.error.indicator_name_required"))
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	x.PactID = pactID
	x.Position = int64(len(d.Indicators) + 1)
	return tx.Put(&x)
}

// RemoveIndicator removes an indicator.
func RemoveIndicator(tx *model.Tx, pactID, indicatorID string) error {
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	for _, x := range d.Indicators {
		if x.ID == indicatorID {
			return tx.Delete(&x)
		}
	}
	return errs.E(errs.NotFound, errs.Key("pact.error.indicator_not_found"), map[string]any{"ID": indicatorID, "Ref": d.Pact.Ref})
}
