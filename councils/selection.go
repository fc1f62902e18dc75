package councils

import (
	"context"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// SaveDraw keeps a draw as a civil selection record of the council, dated date.
func SaveDraw(tx *model.Tx, c model.Council, d Draw, date string) (model.CouncilSelection, error) {
	if _, err := ParseDate(date); err != nil {
		return model.CouncilSelection{}, errs.E("draw", errs.Invalid, errs.Key("council.error.selection_date"), map[string]any{"Value": date})
	}
	d.Council, d.Date = c.Name, date
	orgs := map[string]bool{}
	names := make([]string, len(d.Candidates))
	for i, k := range d.Candidates {
		names[i] = k.Name
		if k.Org != "" {
			orgs[k.Org] = true
		}
	}
	s := model.CouncilSelection{CouncilID: c.ID, Date: date, Method: "lot", Seats: int64(d.Seats), Organisations: joinSet(orgs),
		Candidates: strings.Join(names, "\n"), Result: strings.Join(d.Selected, "\n"), Seed: d.Seed, Record: d.String()}
	if err := tx.Put(&s); err != nil {
		return s, fmt.Errorf("save draw: %w", err)
	}
	return s, nil
}

func joinSet(set map[string]bool) string {
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// Vote is a civil selection by vote among the social-economy organisations.
type Vote struct {
	Date          string
	Seats         int64
	Organisations []string
	Candidates    []VoteCount
	Elected       []string
	Notes         string
	MinutesID     string // an attachment
}

// VoteCount is a candidate and the votes received.
type VoteCount struct {
	Name  string
	Votes int64
}

// RecordVote keeps a selection by vote. The elected must be among the candidates and no
// more than the seats; the organisations that took part are named.
func RecordVote(tx *model.Tx, c model.Council, v Vote) (model.CouncilSelection, error) {
	const op = "record selection"
	if _, err := ParseDate(v.Date); err != nil {
		return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.selection_date"), map[string]any{"Value": v.Date})
	}
	orgs := map[string]bool{}
	for _, o := range v.Organisations {
		if o = strings.TrimSpace(o); o != "" {
			orgs[o] = true
		}
	}
	if len(orgs) == 0 {
		return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.selection_orgs"))
	}
	cands := map[string]bool{}
	var lines []string
	var names []string
	for _, k := range v.Candidates {
		k.Name = strings.Join(strings.Fields(k.Name), " ")
		if k.Name == "" {
			continue
		}
		if k.Votes < 0 {
			return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.votes_negative"), map[string]any{"Name": k.Name})
		}
		cands[foldName(k.Name)] = true
		names = append(names, k.Name)
		lines = append(lines, fmt.Sprintf("%s: %d", k.Name, k.Votes))
	}
	var elected []string
	for _, e := range v.Elected {
		e = strings.Join(strings.Fields(e), " ")
		if e == "" {
			continue
		}
		if !cands[foldName(e)] {
			return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.elected_not_candidate"), map[string]any{"Name": e})
		}
		elected = append(elected, e)
	}
	if len(elected) == 0 {
		return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.elected_required"))
	}
	if v.Seats <= 0 {
		v.Seats = int64(len(elected))
	}
	if int64(len(elected)) > v.Seats {
		return model.CouncilSelection{}, errs.E(op, errs.Invalid, errs.Key("council.error.elected_too_many"), map[string]any{"Count": len(elected), "Seats": v.Seats})
	}
	s := model.CouncilSelection{CouncilID: c.ID, Date: strings.TrimSpace(v.Date), Method: "vote", Seats: v.Seats, Organisations: joinSet(orgs),
		Candidates: strings.Join(names, "\n"), Votes: strings.Join(lines, "\n"), Result: strings.Join(elected, "\n"),
		MinutesID: v.MinutesID, Notes: strings.TrimSpace(v.Notes)}
	if err := tx.Put(&s); err != nil {
		return s, fmt.Errorf("%s: %w", op, err)
	}
	return s, nil
}

// Lines splits a stored list (one item per line).
func Lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// selectionTable owns the minutes attached to a selection record.
const selectionTable = "council_selections"

// MaxMinutes is the largest minutes file a selection accepts (a scan, not a video).
const MaxMinutes = 25 << 20

// AttachMinutes keeps the minutes of a selection (a scan or a PDF) with its record: the
// bytes go to the blob store, which sync carries, and the record names them.
func AttachMinutes(ctx context.Context, st *model.Store, blobs model.Blobs, selectionID, path string) (model.Attachment, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Attachment{}, errs.E("attach minutes", errs.Invalid, errs.Key("council.ui.file_unreadable"), map[string]any{"File": path}, err)
	}
	defer f.Close()
	mt := mime.TypeByExtension(strings.ToLower(filepath.Ext(path)))
	if mt == "" {
		mt = "application/octet-stream"
	}
	tooLarge := errs.E(errs.Invalid, errs.Key("council.error.minutes_too_large"))
	att, err := st.Attach(ctx, blobs, model.Attachment{OwnerTable: selectionTable, OwnerID: selectionID, Name: path, Mime: mt}, f, MaxMinutes, tooLarge,
		func(tx *model.Tx) error {
			var n int
			if err := tx.Get(&n, "SELECT count(*) FROM council_selections WHERE id = ? AND deleted = 0", selectionID); err != nil {
				return err
			}
			if n == 0 {
				return errs.E(errs.NotFound, errs.Key("council.ui.gone"))
			}
			return nil
		})
	if err != nil {
		return att, err
	}
	err = st.Update(ctx, func(tx *model.Tx) error {
		var s model.CouncilSelection
		if err := tx.Get(&s, `SELECT id, deleted, council_id, date, method, seats, organisations, candidates, votes, result, seed,
			record, minutes_id, notes FROM council_selections WHERE id = ?`, selectionID); err != nil {
			return err
		}
		edited := s
		edited.MinutesID = att.ID
		return tx.PutEdit(&s, &edited)
	})
	return att, err
}

// Minutes lists the files attached to a selection record.
func Minutes(q model.Querier, selectionID string) ([]model.Attachment, error) {
	return model.AttachmentsOf(q, selectionTable, selectionID)
}
