package assets

import (
	"context"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// RefPrefix and RefWidth shape the human reference of an asset: ASSET-0042.
const (
	RefPrefix = "ASSET-"
	RefWidth  = 4
)

// Query is what a person asks the registry: free text plus filters, a sort and a page.
type Query struct {
	Text         string
	Kind         string
	District     string
	Availability string
	Protection   string
	Designated   bool
	Sort         string
	Desc         bool
	Limit        int
	Offset       int
}

// Filter turns a Query into an AssetFilter (the text becomes an FTS4 prefix query).
func (q Query) Filter() AssetFilter {
	return AssetFilter{Kind: q.Kind, District: q.District, Availability: q.Availability, Protection: q.Protection,
		Designated: q.Designated, Match: MatchQuery(q.Text), Sort: q.Sort, Desc: q.Desc, Limit: q.Limit, Offset: q.Offset}
}

// List returns one page of the registry; an asset whose reference another live asset
// holds too is flagged (DuplicateRef).
func List(db model.Querier, q Query) ([]AssetListItem, error) {
	items, err := ListAssets(db, q.Filter())
	if err != nil {
		return nil, err
	}
	if err := markDuplicates(db, items); err != nil {
		return nil, err
	}
	return items, nil
}

// Count counts the assets a query selects.
func Count(db model.Querier, q Query) (int, error) { return CountAssets(db, q.Filter()) }

// Get reads an asset by reference or id. A reference that several live assets hold (minted
// twice offline) is a *model.AmbiguousRefError naming them: choose one with Resolve.
func Get(db model.Querier, ref string) (AssetView, error) {
	return Resolve(db, ref, "")
}

// Save normalises and validates a, gives a new asset its reference, and writes it whole. On
// a validation error nothing is written and the error lists every problem.
func Save(ctx context.Context, st *model.Store, a *model.Asset) error {
	return save(ctx, st, nil, a)
}

// SaveEdit writes what a form changed in a stored asset: the fields in which a differs from
// base, the asset as the form showed it when it opened. What a sync brought meanwhile stays
// (model.Tx.PutEdit); on return a holds the asset as written. The merged asset is
// validated too: nothing is written if the two edits together break a rule.
func SaveEdit(ctx context.Context, st *model.Store, base model.Asset, a *model.Asset) error {
	return save(ctx, st, &base, a)
}

func save(ctx context.Context, st *model.Store, base, a *model.Asset) error {
	Normalize(a)
	if err := Validate(a); err != nil {
		return err
	}
	return st.Update(ctx, func(tx *model.Tx) error {
		if a.Ref == "" {
			ref, err := model.NextRef(tx, "assets", RefPrefix, RefWidth)
			if err != nil {
				return err
			}
			a.Ref = ref
		}
		if base == nil || a.ID == "" {
			if err := tx.Put(a); err != nil {
				return fmt.Errorf("save asset %s: %w", a.Ref, err)
			}
			return nil
		}
		keepUnedited(*base, a)
		if err := tx.PutEdit(base, a); err != nil {
			return fmt.Errorf("save asset %s: %w", a.Ref, err)
		}
		// a is the asset as stored now, with the form's edits: normalised and checked as a
		// whole. A stored value that was not normalised yet (a row a register import wrote)
		// is written normalised, over itself.
		written := *a
		Normalize(a)
		if err := Validate(a); err != nil {
			return err
		}
		if reflect.DeepEqual(written, *a) {
			return nil
		}
		return tx.Put(a)
	})
}

// keepUnedited sets back to base's value every field of a that the form did not change:
// equal to base's once both are normalised (a form fills an empty protection as "none",
// trims, joins tags). PutEdit then leaves such a field to what is stored now, rather than
// writing the form's copy of it over a value a sync brought.
func keepUnedited(base model.Asset, a *model.Asset) {
	nb := base
	Normalize(&nb)
	b, n, e := reflect.ValueOf(base), reflect.ValueOf(nb), reflect.ValueOf(a).Elem()
	for i := 0; i < e.NumField(); i++ {
		if reflect.DeepEqual(n.Field(i).Interface(), e.Field(i).Interface()) {
			e.Field(i).Set(b.Field(i))
		}
	}
}

// Delete tombstones an asset (the deletion syncs like any change, and a pact that linked
// it still shows what it was).
func Delete(ctx context.Context, st *model.Store, id string) error {
	return st.Update(ctx, func(tx *model.Tx) error {
		a, err := model.LoadAsset(tx, id)
		if err != nil {
			return err
		}
		return tx.Delete(&a)
	})
}

func formatRef(n int) string { return fmt.Sprintf("%s%0*d", RefPrefix, RefWidth, n) }

// Photo mime types accepted as asset photos.
var photoTypes = map[string]string{".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}

// ErrNotAPhoto is returned by AddPhoto for a file that is not a JPEG, PNG, GIF or WebP image.
var ErrNotAPhoto = errs.E(errs.Invalid, errs.Key("asset.error.not_a_photo"))

// AddPhoto stores the file read from r (named name) in the blob store and attaches it to
// the asset.
func AddPhoto(ctx context.Context, st *model.Store, blobs model.Blobs, assetID, name string, r io.Reader) (model.Attachment, error) {
	ext := strings.ToLower(filepath.Ext(name))
	mt, ok := photoTypes[ext]
	if !ok {
		return model.Attachment{}, fmt.Errorf("add photo %s: %w", name, ErrNotAPhoto)
	}
	if m := mime.TypeByExtension(ext); m != "" && strings.HasPrefix(m, "image/") {
		mt = m
	}
	att, err := st.Attach(ctx, blobs, model.Attachment{OwnerTable: "assets", OwnerID: assetID, Name: name, Mime: mt}, r, 0, nil,
		func(tx *model.Tx) error {
			_, err := model.LoadAsset(tx, assetID)
			return err
		})
	if err != nil {
		return model.Attachment{}, fmt.Errorf("add photo %s: %w", name, err)
	}
	return att, nil
}

// AddPhotoFile attaches a photo from a file on disk.
func AddPhotoFile(ctx context.Context, st *model.Store, blobs model.Blobs, assetID, path string) (model.Attachment, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Attachment{}, fmt.Errorf("add photo: %w", err)
	}
	defer f.Close()
	return AddPhoto(ctx, st, blobs, assetID, path, f)
}

// Photos lists an asset's photos.
func Photos(db model.Querier, assetID string) ([]model.Attachment, error) {
	all, err := model.AttachmentsOf(db, "assets", assetID)
	if err != nil {
		return nil, err
	}
	var out []model.Attachment
	for _, a := range all {
		if strings.HasPrefix(a.Mime, "image/") {
			out = append(out, a)
		}
	}
	return out, nil
}

// RemovePhoto tombstones a photo attachment (the blob stays: another row may share it).
// The row is read again in the transaction, so that only its deletion is written, not the
// copy att holds of its other fields.
func RemovePhoto(ctx context.Context, st *model.Store, att model.Attachment) error {
	return st.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, "attachments", att.ID)
		if err != nil {
			return fmt.Errorf("remove photo %s: %w", att.Name, err)
		}
		return tx.Delete(e)
	})
}

// Keys lists the ids a query selects, in its order (see AssetKeysOf).
func Keys(db model.Querier, q Query) ([]string, error) { return AssetKeysOf(db, q.Filter()) }

// ListKeys reads one page of the registry by its ids, flagging duplicated references as
// List does.
func ListKeys(db model.Querier, ids []string) ([]AssetListItem, error) {
	items, err := AssetsByKeys(db, ids)
	if err != nil {
		return nil, err
	}
	if err := markDuplicates(db, items); err != nil {
		return nil, err
	}
	return items, nil
}
