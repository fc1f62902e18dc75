package assets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// metaLastImport is where this laptop keeps what its last import did, so that it can be
// undone: local, never synced (the undo itself syncs like any edit).
const metaLastImport = "assets.last_import"

// importRecord is what an import did: the assets it created and those it updated, with
// their values before, and a fingerprint of what it wrote, to tell later edits apart.
type importRecord struct {
	File    string        `json:"file"`
	At      string        `json:"at"`
	Created []createdMark `json:"created"`
	Updated []updatedMark `json:"updated"`
}

type createdMark struct {
	ID  string `json:"id"`
	Sum string `json:"sum"`
}

type updatedMark struct {
	Sum    string      `json:"sum"`
	Before model.Asset `json:"before"`
}

// contentSum fingerprints an asset's stored values.
func contentSum(a model.Asset) string {
	b, _ := json.Marshal(a)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}

// LastImport says what the last import of this laptop did: its file, when, how many
// assets it created and updated; ok is false when there is none to undo.
type LastImport struct {
	File    string `json:"file"`
	At      string `json:"at"`
	Created int    `json:"created"`
	Updated int    `json:"updated"`
}

// LastImportOf reads the last import's summary.
func LastImportOf(ctx context.Context, st *model.Store) (LastImport, bool, error) {
	v, err := st.GetMeta(ctx, metaLastImport)
	if err != nil || v == "" {
		return LastImport{}, false, err
	}
	var r importRecord
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return LastImport{}, false, nil // a record this version cannot read is no import to undo
	}
	return LastImport{File: r.File, At: r.At, Created: len(r.Created), Updated: len(r.Updated)}, len(r.Created)+len(r.Updated) > 0, nil
}

// UndoReport says what an undo did, and what it left alone.
type UndoReport struct {
	Removed  int      `json:"removed"`  // assets the import had created
	Restored int      `json:"restored"` // assets given back their values from before
	Kept     []string `json:"kept"`     // assets edited (here or by sync) or linked to a pact since: left as they are
}

// UndoLastImport undoes this laptop's last import: the assets it created are removed, the
// ones it updated get their values from before back. An asset edited since (here, or by a
// sync), or that a pact links now, is left as it is and listed.
func UndoLastImport(ctx context.Context, st *model.Store) (UndoReport, error) {
	rep := UndoReport{Kept: []string{}}
	err := st.Update(ctx, func(tx *model.Tx) error {
		v, err := tx.MetaTx(metaLastImport)
		if err != nil {
			return err
		}
		var r importRecord
		if v == "" || json.Unmarshal([]byte(v), &r) != nil || len(r.Created)+len(r.Updated) == 0 {
			return errs.E("undo import", errs.NotFound, errs.Key("asset.undo.none"))
		}
		load := func(id string) (model.Asset, bool, error) {
			e, err := model.LoadEntity(tx, "assets", id)
			if err != nil {
				return model.Asset{}, false, nil // gone
			}
			a := *e.(*model.Asset)
			return a, !a.Deleted, nil
		}
		linked := func(id string) (bool, error) {
			links, err := PactsOfAsset(tx, id)
			return len(links) > 0, err
		}
		kept := func(a model.Asset) { rep.Kept = append(rep.Kept, fmt.Sprintf("%s %s", a.Ref, a.Name)) }
		for _, m := range r.Created {
			cur, live, err := load(m.ID)
			if err != nil || !live {
				continue
			}
			if l, err := linked(cur.ID); err != nil {
				return err
			} else if l || contentSum(cur) != m.Sum {
				kept(cur)
				continue
			}
			if err := tx.Delete(&cur); err != nil {
				return fmt.Errorf("undo import: %w", err)
			}
			rep.Removed++
		}
		for _, m := range r.Updated {
			cur, live, err := load(m.Before.ID)
			if err != nil || !live {
				continue
			}
			if contentSum(cur) != m.Sum {
				kept(cur)
				continue
			}
			before := m.Before
			if err := tx.PutEdit(&cur, &before); err != nil {
				return fmt.Errorf("undo import: %w", err)
			}
			rep.Restored++
		}
		return tx.SetMetaTx(metaLastImport, "")
	})
	return rep, err
}

// recordImport keeps what an import did, in its transaction.
func recordImport(tx *model.Tx, file string, created []model.Asset, updated [][2]model.Asset, now time.Time) error {
	r := importRecord{File: file, At: now.UTC().Format(time.RFC3339), Created: []createdMark{}, Updated: []updatedMark{}}
	for _, a := range created {
		r.Created = append(r.Created, createdMark{ID: a.ID, Sum: contentSum(a)})
	}
	for _, u := range updated {
		r.Updated = append(r.Updated, updatedMark{Before: u[0], Sum: contentSum(u[1])})
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return tx.SetMetaTx(metaLastImport, string(b))
}
