package procurement

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/internal/fold"
	"pacta/model"
)

// bidOf is a stored bid as scoring reads it.
func bidOf(b model.ProcurementBid) Bid {
	x := Bid{ID: b.ID, Bidder: b.Bidder, Type: b.BidderType, SocialEconomy: b.SocialEconomy, DisadvantagedPct: b.DisadvantagedPct, Lot: b.Lot,
		Price: b.Price, SubmittedAt: b.SubmittedAt, Quantities: map[string]float64{}, Gates: map[string]bool{}}
	_ = json.Unmarshal([]byte(b.Quantities), &x.Quantities)
	_ = json.Unmarshal([]byte(b.Gates), &x.Gates)
	return x
}

// bidColumns are the fixed columns of a bids file; q:KEY and gate:KEY columns follow the
// call's criteria.
var bidColumns = []string{"bidder", "type", "lot", "price", "submitted_at", "social_economy", "local", "disadvantaged_pct", "evidence", "notes"}

// lineError is a refusal of a line of a file, with the line's number.
func lineError(line int, key string, fields map[string]any) error {
	if fields == nil {
		fields = map[string]any{}
	}
	fields["Line"] = line
	return errs.E("import", errs.Invalid, errs.Key(key), fields)
}

// readTime reads a submission time: RFC 3339, "YYYY-MM-DD HH:MM[:SS]" or a date.
func readTime(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.RFC3339), true
		}
	}
	return "", false
}

// ReadBids reads a bids CSV for call c: bidder, type, lot, price, submitted_at, and q:KEY
// for each quantity criterion and gate:KEY for each gate. Every line is checked before
// anything is written; the first refusal names its line.
func ReadBids(q model.Querier, c model.ProcurementCall, r io.Reader) ([]model.ProcurementBid, error) {
	s, err := SnapshotOf(q, c)
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{}
	for _, k := range s.Criteria {
		kinds[k.Key] = k.Kind
	}
	lots := map[string]string{}
	for _, l := range s.Lots {
		lots[fold.Name(l)] = l
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, lineError(1, "procurement.error.file_empty", nil)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		lh := strings.ToLower(h)
		switch {
		case oneOf(lh, bidColumns):
			h = lh
		case strings.HasPrefix(lh, "q:") && kinds[h[2:]] == Quantity, strings.HasPrefix(lh, "gate:") && kinds[h[5:]] == Gate:
		default:
			return nil, lineError(1, "procurement.error.unknown_bid_column", map[string]any{"Column": h})
		}
		if _, dup := col[h]; dup {
			return nil, lineError(1, "procurement.error.column_twice", map[string]any{"Column": h})
		}
		col[h] = i
	}
	for _, need := range []string{"bidder", "price"} {
		if _, ok := col[need]; !ok {
			return nil, lineError(1, "procurement.error.missing_column", map[string]any{"Column": need})
		}
	}
	var out []model.ProcurementBid
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, lineError(line, "procurement.error.bad_line", map[string]any{"Error": err.Error()})
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		b := model.ProcurementBid{CallID: c.ID, Bidder: strings.Join(strings.Fields(get("bidder")), " "), BidderType: strings.ToLower(get("type")),
			Evidence: get("evidence"), Notes: get("notes")}
		if b.Bidder == "" {
			return nil, lineError(line, "procurement.error.bidder_required", nil)
		}
		if b.BidderType != "" && !oneOf(b.BidderType, BidderTypes) {
			return nil, lineError(line, "procurement.error.bidder_type", map[string]any{"Value": b.BidderType, "Values": strings.Join(BidderTypes, ", ")})
		}
		lot := get("lot")
		switch {
		case lot == "" && len(lots) > 0:
			return nil, lineError(line, "procurement.error.lot_required", map[string]any{"Lots": strings.Join(s.Lots, ", ")})
		case lot != "" && lots[fold.Name(lot)] == "":
			return nil, lineError(line, "procurement.error.lot_unknown", map[string]any{"Value": lot, "Lots": strings.Join(s.Lots, ", ")})
		case lot != "":
			b.Lot = lots[fold.Name(lot)]
		}
		p, err := strconv.ParseFloat(strings.ReplaceAll(get("price"), ",", "."), 64)
		if err != nil || math.IsNaN(p) || math.IsInf(p, 0) || p <= 0 {
			return nil, lineError(line, "procurement.error.price", map[string]any{"Value": get("price")})
		}
		b.Price = p
		if v := get("submitted_at"); v != "" {
			t, ok := readTime(v)
			if !ok {
				return nil, lineError(line, "procurement.error.submitted_at", map[string]any{"Value": v})
			}
			b.SubmittedAt = t
		}
		for _, name := range []string{"social_economy", "local"} {
			v, err := readBool(get(name))
			if err != nil {
				return nil, lineError(line, "procurement.error.bad_yes_no", map[string]any{"Column": name, "Value": get(name)})
			}
			if name == "local" {
				b.Local = v
			} else {
				b.SocialEconomy = v || oneOf(b.BidderType, SocialTypes)
			}
		}
		if v := get("disadvantaged_pct"); v != "" {
			f, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(v, ",", "."), "%"), 64)
			if err != nil || f < 0 || f > 100 {
				return nil, lineError(line, "procurement.error.bad_number", map[string]any{"Column": "disadvantaged_pct", "Value": v})
			}
			b.DisadvantagedPct = f
		}
		qs, gs := map[string]float64{}, map[string]bool{}
		for h := range col {
			lh := strings.ToLower(h)
			switch {
			case strings.HasPrefix(lh, "q:"):
				v := get(h)
				f := 0.0
				if v != "" {
					if f, err = strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64); err != nil || f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
						return nil, lineError(line, "procurement.error.bad_number", map[string]any{"Column": h, "Value": v})
					}
				}
				qs[h[2:]] = f
			case strings.HasPrefix(lh, "gate:"):
				v, err := readBool(get(h))
				if err != nil {
					return nil, lineError(line, "procurement.error.bad_yes_no", map[string]any{"Column": h, "Value": get(h)})
				}
				gs[h[5:]] = v
			}
		}
		qb, _ := json.Marshal(qs)
		gb, _ := json.Marshal(gs)
		b.Quantities, b.Gates = string(qb), string(gb)
		k := fold.Name(b.Bidder) + "\x00" + b.Lot
		if first, dup := seen[k]; dup {
			return nil, lineError(line, "procurement.error.bid_twice", map[string]any{"Bidder": b.Bidder, "First": first})
		}
		seen[k] = line
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, lineError(2, "procurement.error.no_bids_in_file", nil)
	}
	return out, nil
}

// ImportBids writes the bids read by ReadBids into call c, which must be open or under
// evaluation. A bidder's bid for a lot already there is updated (only what changed).
func ImportBids(tx *model.Tx, c model.ProcurementCall, bids []model.ProcurementBid) (added, updated int, err error) {
	if c.Status != OpenStatus && c.Status != Evaluation {
		return 0, 0, errs.E("import bids", errs.Conflict, errs.Key("procurement.error.bids_when"),
			map[string]any{"Ref": c.Ref, "Status": errs.Key("procurement.status." + c.Status)})
	}
	old, err := BidRows(tx, c.ID)
	if err != nil {
		return 0, 0, err
	}
	byKey := map[string]model.ProcurementBid{}
	for _, o := range old {
		byKey[fold.Name(o.Bidder)+"\x00"+o.Lot] = o
	}
	for _, b := range bids {
		if o, ok := byKey[fold.Name(b.Bidder)+"\x00"+b.Lot]; ok {
			b.Row = o.Row
			if err := tx.PutEdit(&o, &b); err != nil {
				return added, updated, err
			}
			updated++
			continue
		}
		if err := tx.Put(&b); err != nil {
			return added, updated, fmt.Errorf("import bids: %w", err)
		}
		added++
	}
	return added, updated, nil
}
