package assets

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// Two laptops that add assets offline can mint the same reference (DESIGN §4): the registry
// flags such a duplicate instead of refusing it, a look-up by that reference names every
// holder instead of picking one, and Renumber gives one of them the next free number.

const holderCols = "id, ref, name, district AS detail"

// Holders lists the live assets whose reference is ref, oldest first. The exact reference
// is looked up first (indexed); only when no asset holds it is case ignored.
func Holders(q model.Querier, ref string) ([]model.RefHolder, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return []model.RefHolder{}, nil
	}
	out := []model.RefHolder{}
	if err := q.Select(&out, "SELECT "+holderCols+" FROM assets WHERE ref = ? AND deleted = 0 ORDER BY id", ref); err != nil {
		return nil, fmt.Errorf("assets with reference %s: %w", ref, err)
	}
	if len(out) > 0 {
		return out, nil
	}
	if err := q.Select(&out, "SELECT "+holderCols+" FROM assets WHERE ref = ? COLLATE NOCASE AND deleted = 0 ORDER BY id", ref); err != nil {
		return nil, fmt.Errorf("assets with reference %s: %w", ref, err)
	}
	return out, nil
}

// Resolve finds the one live asset a person means. With an id it is that asset (and a
// reference given too must be its own); else the asset holding ref, else the asset whose id
// is ref. A reference that several assets hold is a *model.AmbiguousRefError naming
// them all; nothing found is model.ErrAssetNotFound.
func Resolve(q model.Querier, ref, id string) (AssetView, error) {
	ref, id = strings.TrimSpace(ref), strings.TrimSpace(id)
	if id != "" {
		v, err := GetAsset(q, id)
		if err == nil && v.ID != id {
			err = fmt.Errorf("%w: no asset has the id %s", model.ErrAssetNotFound, id)
		}
		if err != nil {
			return AssetView{}, notFound(err)
		}
		if ref != "" && ref != id && !strings.EqualFold(ref, v.Ref) {
			return AssetView{}, errs.E(errs.Invalid, fmt.Errorf("the asset with id %s has the reference %s, not %s", id, v.Ref, ref))
		}
		return v, nil
	}
	hs, err := Holders(q, ref)
	if err != nil {
		return AssetView{}, err
	}
	switch len(hs) {
	case 0:
		v, err := GetAsset(q, ref) // by id, or not found
		return v, notFound(err)
	case 1:
		return GetAsset(q, hs[0].ID)
	}
	return AssetView{}, &model.AmbiguousRefError{Table: "assets", Ref: hs[0].Ref, Holders: hs}
}

// notFound gives a look-up that found no asset the kind errs.NotFound; other errors
// (nil included) stay as they are.
func notFound(err error) error {
	if errors.Is(err, model.ErrAssetNotFound) {
		return errs.E(errs.NotFound, err)
	}
	return err
}

// DuplicatedRefs reports which of refs more than one live asset holds.
func DuplicatedRefs(q model.Querier, refs []string) (map[string]bool, error) {
	out := map[string]bool{}
	seen := map[string]bool{}
	var uniq []string
	for _, r := range refs {
		if r != "" && !seen[r] {
			seen[r] = true
			uniq = append(uniq, r)
		}
	}
	const chunk = 500 // well under SQLite's limit on bound parameters
	for len(uniq) > 0 {
		n := min(chunk, len(uniq))
		part := uniq[:n]
		uniq = uniq[n:]
		args := make([]any, len(part))
		for i, r := range part {
			args[i] = r
		}
		var dup []string
		err := q.Select(&dup, "SELECT ref FROM assets WHERE deleted = 0 AND ref IN (?"+strings.Repeat(", ?", len(part)-1)+") GROUP BY ref HAVING count(*) > 1", args...)
		if err != nil {
			return nil, fmt.Errorf("duplicate asset references: %w", err)
		}
		for _, r := range dup {
			out[r] = true
		}
	}
	return out, nil
}

// markDuplicates sets DuplicateRef on the items whose reference another live asset holds.
func markDuplicates(q model.Querier, items []AssetListItem) error {
	refs := make([]string, len(items))
	for i, it := range items {
		refs[i] = it.Ref
	}
	dup, err := DuplicatedRefs(q, refs)
	if err != nil {
		return err
	}
	for i := range items {
		items[i].DuplicateRef = dup[items[i].Ref]
	}
	return nil
}

// signedAssets reports which of the assets ids a signed pact agreement names: those linked
// to a pact that has a frozen version.
func signedAssets(q model.Querier, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var signed []string
	err := q.Select(&signed, `SELECT DISTINCT pa.asset_id FROM pact_assets pa JOIN pact_versions v ON v.pact_id = pa.pact_id
		WHERE pa.deleted = 0 AND v.deleted = 0 AND pa.asset_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("assets in signed agreements: %w", err)
	}
	for _, id := range signed {
		out[id] = true
	}
	return out, nil
}

// CheckRef says whether the live asset id shares its reference with other live assets,
// and whether it may take a new number (model.RefCheck.Renumberable).
func CheckRef(q model.Querier, id string) (model.RefCheck, error) {
	a, err := model.LoadAsset(q, id)
	if err == nil && a.Deleted {
		err = fmt.Errorf("%w: %s", model.ErrAssetNotFound, id)
	}
	if err != nil {
		return model.RefCheck{}, err
	}
	c := model.RefCheck{Ref: a.Ref}
	if a.Ref == "" {
		return c, nil
	}
	var hs []model.RefHolder
	if err := q.Select(&hs, "SELECT "+holderCols+" FROM assets WHERE ref = ? AND deleted = 0 AND id <> ? ORDER BY id", a.Ref, a.ID); err != nil {
		return c, fmt.Errorf("assets with reference %s: %w", a.Ref, err)
	}
	c.Others = hs
	if len(hs) == 0 {
		return c, nil
	}
	ids := []string{a.ID}
	for _, h := range hs {
		ids = append(ids, h.ID)
	}
	signed, err := signedAssets(q, ids)
	if err != nil {
		return c, err
	}
	c.Signed, c.OthersSigned = signed[a.ID], true
	for _, h := range hs {
		c.OthersSigned = c.OthersSigned && signed[h.ID]
	}
	return c, nil
}

// Renumber gives the live asset id, whose reference ref another live asset holds too, the
// next free reference of the registry (ASSET-NNNN, model.NextRef: the counter's next number no asset holds);
// the other keeps its number. The asset is read and written in one transaction, and only
// its reference changes. Refused with model.ErrNotDuplicated when no other asset holds
// ref, and with model.ErrRefSigned when a signed pact agreement names this asset and not
// every other holder. ref may be "" (the asset's own reference, as a form shows it).
func Renumber(ctx context.Context, st *model.Store, ref, id string) (model.Asset, error) {
	var after model.Asset
	err := st.Update(ctx, func(tx *model.Tx) error {
		before, err := model.LoadAsset(tx, strings.TrimSpace(id))
		if err == nil && before.Deleted {
			err = fmt.Errorf("%w: %s", model.ErrAssetNotFound, id)
		}
		if err != nil {
			return notFound(err)
		}
		if ref = strings.TrimSpace(ref); ref != "" && !strings.EqualFold(ref, before.Ref) {
			return errs.E(errs.Invalid, fmt.Errorf("the asset with id %s has the reference %s, not %s", before.ID, before.Ref, ref))
		}
		c, err := CheckRef(tx, before.ID)
		if err != nil {
			return err
		}
		if !c.Duplicate() {
			return errs.E(errs.Conflict, fmt.Errorf("renumber %s: %w", before.Ref, model.ErrNotDuplicated))
		}
		if !c.Renumberable() {
			return errs.E(errs.Conflict, fmt.Errorf("renumber %s (%s): %w; give the other asset a new number", before.Ref, before.Name, model.ErrRefSigned))
		}
		next, err := model.NextRef(tx, "assets", RefPrefix, RefWidth)
		if err != nil {
			return err
		}
		after = before
		after.Ref = next
		return tx.PutEdit(&before, &after)
	})
	if err != nil {
		return model.Asset{}, err
	}
	return after, nil
}
