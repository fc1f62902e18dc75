package pacts

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// Two laptops that start pacts offline can mint the same reference (DESIGN §4): the list
// flags such a duplicate (Item.DuplicateRef) instead of refusing it, a look-up by that
// reference names every holder instead of picking one, and Renumber gives one of them the
// next free number.

const pactHolderCols = "id, ref, title AS name, status AS detail"

// Holders lists the live pacts whose reference is ref, oldest first. The exact reference
// is looked up first (indexed); only when no pact holds it is case ignored.
func Holders(q model.Querier, ref string) ([]model.RefHolder, error) {
	return holders(q, "pacts", pactHolderCols, ref)
}

// assetHolders lists the live assets whose reference is ref, as Holders does for pacts.
func assetHolders(q model.Querier, ref string) ([]model.RefHolder, error) {
	return holders(q, "assets", "id, ref, name, district AS detail", ref)
}

func holders(q model.Querier, table, cols, ref string) ([]model.RefHolder, error) {
	ref = strings.TrimSpace(ref)
	out := []model.RefHolder{}
	if ref == "" {
		return out, nil
	}
	if err := q.Select(&out, "SELECT "+cols+" FROM "+table+" WHERE ref = ? AND deleted = 0 ORDER BY id", ref); err != nil {
		return nil, fmt.Errorf("%s with reference %s: %w", table, ref, err)
	}
	if len(out) > 0 {
		return out, nil
	}
	if err := q.Select(&out, "SELECT "+cols+" FROM "+table+" WHERE ref = ? COLLATE NOCASE AND deleted = 0 ORDER BY id", ref); err != nil {
		return nil, fmt.Errorf("%s with reference %s: %w", table, ref, err)
	}
	return out, nil
}

// ResolvePact finds the one live pact a person means. With an id it is that pact (and a
// reference given too must be its own); else the pact holding ref, else the pact whose id
// is ref. A reference that several pacts hold is a *model.AmbiguousRefError naming them
// all; nothing found wraps ErrNotFound.
func ResolvePact(q model.Querier, ref, id string) (model.Pact, error) {
	ref, id = strings.TrimSpace(ref), strings.TrimSpace(id)
	if id != "" {
		p, err := PactByID(q, id)
		if err != nil {
			return p, err
		}
		if ref != "" && ref != id && !strings.EqualFold(ref, p.Ref) {
			return model.Pact{}, errs.E(errs.Invalid, fmt.Errorf("the pact with id %s has the reference %s, not %s", id, p.Ref, ref))
		}
		return p, nil
	}
	hs, err := Holders(q, ref)
	if err != nil {
		return model.Pact{}, err
	}
	switch len(hs) {
	case 0:
		return PactByID(q, ref)
	case 1:
		return PactByID(q, hs[0].ID)
	}
	return model.Pact{}, &model.AmbiguousRefError{Table: "pacts", Ref: hs[0].Ref, Holders: hs}
}

// Resolve reads the dossier of the pact ResolvePact finds.
func Resolve(q model.Querier, ref, id string) (*Dossier, error) {
	p, err := ResolvePact(q, ref, id)
	if err != nil {
		return nil, err
	}
	return loadRest(q, p)
}

// findAsset finds the live asset to link by its reference or id; a reference that several
// assets hold is a *model.AmbiguousRefError, never one of them picked.
func findAsset(q model.Querier, refOrID string) (model.Asset, error) {
	hs, err := assetHolders(q, refOrID)
	if err != nil {
		return model.Asset{}, err
	}
	switch len(hs) {
	case 0:
		return FindAssetForPact(q, refOrID) // by id, or not found
	case 1:
		return FindAssetForPact(q, hs[0].ID)
	}
	return model.Asset{}, &model.AmbiguousRefError{Table: "assets", Ref: hs[0].Ref, Holders: hs}
}

// CheckRef says whether the live pact id shares its reference with other live pacts, and
// whether it may take a new number: a pact signed under its reference keeps it (the
// signed agreement bears it) unless every other holder was signed too.
func CheckRef(q model.Querier, id string) (model.RefCheck, error) {
	p, err := PactByID(q, id)
	if err != nil {
		return model.RefCheck{}, err
	}
	c := model.RefCheck{Ref: p.Ref}
	if p.Ref == "" {
		return c, nil
	}
	var hs []model.RefHolder
	if err := q.Select(&hs, "SELECT "+pactHolderCols+" FROM pacts WHERE ref = ? AND deleted = 0 AND id <> ? ORDER BY id", p.Ref, p.ID); err != nil {
		return c, fmt.Errorf("pacts with reference %s: %w", p.Ref, err)
	}
	c.Others = hs
	if len(hs) == 0 {
		return c, nil
	}
	var signed []string
	if err := q.Select(&signed, `SELECT DISTINCT v.pact_id FROM pact_versions v JOIN pacts p ON p.id = v.pact_id
		WHERE v.deleted = 0 AND p.ref = ? AND p.deleted = 0`, p.Ref); err != nil {
		return c, fmt.Errorf("signed pacts with reference %s: %w", p.Ref, err)
	}
	is := map[string]bool{}
	for _, s := range signed {
		is[s] = true
	}
	c.Signed, c.OthersSigned = is[p.ID], true
	for _, h := range hs {
		c.OthersSigned = c.OthersSigned && is[h.ID]
	}
	return c, nil
}

// refScheme is the shape of a minted pact reference: PACT-YYYY-NNNN.
var refScheme = regexp.MustCompile(`^(PACT-[0-9]{4}-)[0-9]+$`)

// RenumberTx gives the live pact id, whose reference ref another live pact holds too, the
// next free reference of its year (PACT-YYYY-NNNN, model.NextRef: the counter's next number no pact holds;
// the year of its old reference, or the current year for a reference of another shape);
// the other keeps its number. Only the reference changes, read and written in tx. Refused
// with model.ErrNotDuplicated when no other pact holds ref, and with model.ErrRefSigned
// when this pact was signed under it and not every other holder was. ref may be "" (the
// pact's own reference, as the editor shows it).
func RenumberTx(tx *model.Tx, ref, id string, now time.Time) (model.Pact, error) {
	before, err := PactByID(tx, strings.TrimSpace(id))
	if err != nil {
		return model.Pact{}, err
	}
	if ref = strings.TrimSpace(ref); ref != "" && !strings.EqualFold(ref, before.Ref) {
		return model.Pact{}, errs.E(errs.Invalid, fmt.Errorf("the pact with id %s has the reference %s, not %s", before.ID, before.Ref, ref))
	}
	c, err := CheckRef(tx, before.ID)
	if err != nil {
		return model.Pact{}, err
	}
	if !c.Duplicate() {
		return model.Pact{}, errs.E(errs.Conflict, fmt.Errorf("renumber %s: %w", before.Ref, model.ErrNotDuplicated))
	}
	if !c.Renumberable() {
		return model.Pact{}, errs.E(errs.Conflict, fmt.Errorf("renumber %s (%s): %w; give the other pact a new number", before.Ref, before.Title, model.ErrRefSigned))
	}
	prefix := fmt.Sprintf("PACT-%d-", now.Year())
	if m := refScheme.FindStringSubmatch(strings.ToUpper(before.Ref)); m != nil {
		prefix = m[1]
	}
	next, err := model.NextRef(tx, "pacts", prefix, 4)
	if err != nil {
		return model.Pact{}, err
	}
	after := before
	after.Ref = next
	if err := tx.PutEdit(&before, &after); err != nil {
		return model.Pact{}, fmt.Errorf("renumber %s: %w", before.Ref, err)
	}
	return after, nil
}

// Renumber is RenumberTx in a transaction of its own.
func Renumber(ctx context.Context, st *model.Store, ref, id string, now time.Time) (model.Pact, error) {
	var p model.Pact
	err := st.Update(ctx, func(tx *model.Tx) error {
		var err error
		p, err = RenumberTx(tx, ref, id, now)
		return err
	})
	return p, err
}
