// The acts of a pact's procedure as records: what the premises cite ("VISTA la
// determinazione dirigenziale n. 123 del 12 marzo 2024").

package pacts

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// ActKinds are the kinds of act, in the order of a procedure: the proposal's protocol
// record, the working group's minutes, an opinion (the heritage authority's, an office's),
// the officer's determination, the executive's (Giunta's) resolution, the publication on
// the notice board, and any other act (misc).
var ActKinds = []string{"protocol", "minutes", "opinion", "determination", "resolution", "publication", "misc"}

// Act is an act as a form or the command line gives it.
type Act struct {
	Kind   string
	Number string
	Date   string // YYYY-MM-DD
	Issuer string
}

// PactAct is an act with its file, if any.
type PactAct struct {
	model.PactAct
	File *model.Attachment
}

// checkAct refuses an act whose kind is unknown, whose number is missing, whose date does
// not exist, or whose number the pact already holds for an act of that kind.
func checkAct(q model.Querier, pactID string, a Act) error {
	if !oneOf(a.Kind, ActKinds) {
		return errs.E(errs.Invalid, errs.Key("pact.error.act_kind"), map[string]any{"Value": a.Kind, "Known": strings.Join(ActKinds, ", ")})
	}
	if strings.TrimSpace(a.Number) == "" {
		return errs.E(errs.Invalid, errs.Key("pact.error.act_number"))
	}
	if _, err := ParseDate(a.Date); err != nil {
		return err
	}
	acts, err := ActsOf(q, pactID)
	if err != nil {
		return err
	}
	for _, x := range acts {
		if x.Kind == a.Kind && strings.EqualFold(strings.TrimSpace(x.Number), strings.TrimSpace(a.Number)) {
			return errs.E(errs.Conflict, errs.Key("pact.error.act_number_used"), map[string]any{"Number": a.Number, "Date": x.Date})
		}
	}
	return nil
}

// AddAct records an act of a pact's procedure, with its file when name is not empty (read
// from r, checked as a pact's file). Anything refused writes nothing.
func AddAct(ctx context.Context, st *model.Store, blobs model.Blobs, pactID string, a Act, name string, r io.Reader) (PactAct, error) {
	a.Kind, a.Number, a.Date, a.Issuer = strings.TrimSpace(a.Kind), strings.TrimSpace(a.Number), strings.TrimSpace(a.Date), strings.TrimSpace(a.Issuer)
	if _, err := PactByID(st.DB(), pactID); err != nil {
		return PactAct{}, errs.E("add act", errs.NotFound, err)
	}
	if err := checkAct(st.DB(), pactID, a); err != nil {
		return PactAct{}, fmt.Errorf("add act: %w", err)
	}
	var att *model.Attachment
	if name != "" {
		b, mt, err := readFile(name, r)
		if err != nil {
			return PactAct{}, fmt.Errorf("add act: %w", err)
		}
		x := model.Attachment{OwnerTable: actTable, Name: filepath.Base(name), Mime: mt}
		if x.SHA256, x.Size, err = blobs.Put(bytes.NewReader(b)); err != nil {
			return PactAct{}, err
		}
		att = &x
	}
	row := model.PactAct{PactID: pactID, Kind: a.Kind, Number: a.Number, Date: a.Date, Issuer: a.Issuer}
	err := st.Update(ctx, func(tx *model.Tx) error {
		if err := checkAct(tx, pactID, a); err != nil { // again: another write may have come in between
			return err
		}
		if err := tx.Put(&row); err != nil {
			return err
		}
		if att != nil {
			att.OwnerID = row.ID
			return tx.Put(att)
		}
		return nil
	})
	if err != nil {
		return PactAct{}, fmt.Errorf("add act: %w", err)
	}
	return PactAct{PactAct: row, File: att}, nil
}

// AddActFrom records an act with a file from disk (path may be empty: no file).
func AddActFrom(ctx context.Context, st *model.Store, blobs model.Blobs, pactID string, a Act, path string) (PactAct, error) {
	if path == "" {
		return AddAct(ctx, st, blobs, pactID, a, "", nil)
	}
	f, err := openChecked(path)
	if err != nil {
		return PactAct{}, fmt.Errorf("add act: %w", err)
	}
	defer f.Close()
	return AddAct(ctx, st, blobs, pactID, a, path, f)
}

// ActsOf lists a pact's acts by date, then in the order of ActKinds.
func ActsOf(q model.Querier, pactID string) ([]model.PactAct, error) {
	var out []model.PactAct
	if err := q.Select(&out, `SELECT id, deleted, pact_id, kind, number, date, issuer FROM pact_acts
		WHERE pact_id = ? AND deleted = 0 ORDER BY date, id`, pactID); err != nil {
		return nil, fmt.Errorf("list acts of %s: %w", pactID, err)
	}
	rank := map[string]int{}
	for i, k := range ActKinds {
		rank[k] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return rank[out[i].Kind] < rank[out[j].Kind]
	})
	return out, nil
}

// Acts lists a pact's acts with their files.
func Acts(q model.Querier, pactID string) ([]PactAct, error) {
	rows, err := ActsOf(q, pactID)
	if err != nil {
		return nil, err
	}
	out := make([]PactAct, len(rows))
	for i, r := range rows {
		out[i].PactAct = r
		atts, err := model.AttachmentsOf(q, actTable, r.ID)
		if err != nil {
			return nil, err
		}
		if len(atts) > 0 {
			out[i].File = &atts[0]
		}
	}
	return out, nil
}

// FindAct finds a pact's act by its id, or by its kind and number.
func FindAct(q model.Querier, pactID, id, kind, number string) (model.PactAct, error) {
	acts, err := ActsOf(q, pactID)
	if err != nil {
		return model.PactAct{}, err
	}
	for _, a := range acts {
		if a.ID == id || (id == "" && a.Kind == kind && strings.EqualFold(a.Number, strings.TrimSpace(number))) {
			return a, nil
		}
	}
	return model.PactAct{}, errs.E(errs.NotFound, errs.Key("pact.error.no_act"), map[string]any{"Kind": kind, "Number": number})
}

// RemoveAct takes an act off a pact, with its file (tombstones).
func RemoveAct(ctx context.Context, st *model.Store, actID string) error {
	return st.Update(ctx, func(tx *model.Tx) error {
		e, err := model.LoadEntity(tx, actTable, actID)
		if err != nil {
			return fmt.Errorf("remove act: %w", err)
		}
		atts, err := model.AttachmentsOf(tx, actTable, actID)
		if err != nil {
			return err
		}
		for _, a := range atts {
			f, err := model.LoadEntity(tx, "attachments", a.ID)
			if err != nil {
				return err
			}
			if err := tx.Delete(f); err != nil {
				return err
			}
		}
		return tx.Delete(e)
	})
}

// Citation is how the premises cite an act in lang: "VISTA la determinazione dirigenziale
// n. 123 del 12 marzo 2024 (Settore Cultura);".
func Citation(lang string, a model.PactAct) string {
	loc := i18n.In(lang)
	kind := a.Kind
	if !oneOf(kind, ActKinds) {
		kind = "misc"
	}
	s := loc.T("pact.act.cite."+kind, map[string]any{"Number": a.Number, "Date": FormatDate(lang, a.Date)})
	if a.Issuer != "" {
		s += " (" + a.Issuer + ")"
	}
	return s + ";"
}

// citations are the premises' lines citing acts, one paragraph each.
func citations(lang string, acts []model.PactAct) string {
	lines := make([]string, len(acts))
	for i, a := range acts {
		lines[i] = Citation(lang, a)
	}
	return strings.Join(lines, "\n\n")
}
