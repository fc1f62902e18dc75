package procurement

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/model"
	"pacta/printing"
)

// ExclusionText says why a bid is out, in lang.
func ExclusionText(loc i18n.Localizer, r Result, procedure string) string {
	if r.Exclusion == nil {
		return ""
	}
	if r.Exclusion.Kind == "gate" {
		return loc.T("procurement.excluded.gate", map[string]any{"Criterion": r.Exclusion.Title, "Key": r.Exclusion.Criterion})
	}
	return loc.T("procurement.excluded." + procedure)
}

// Money writes an amount with two decimals and the call's currency.
func Money(loc i18n.Localizer, v float64, currency string) string {
	s := formatThousands(v, loc.T("procurement.number.thousands"), loc.T("procurement.number.decimal"))
	if currency != "" {
		return s + " " + currency
	}
	return s
}

func formatThousands(v float64, th, dec string) string {
	s := fmt.Sprintf("%.2f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(th)
		}
		b.WriteRune(r)
	}
	out := b.String() + dec + frac
	if neg {
		out = "-" + out
	}
	return out
}

// pts writes points with two decimals as lang writes numbers.
func pts(loc i18n.Localizer, v float64) string {
	return formatThousands(v, loc.T("procurement.number.thousands"), loc.T("procurement.number.decimal"))
}

// ReportPDF prints a call's evaluation: the frozen criteria and weights with their hash,
// every bid's scores and the evaluators' justifications, each lot's ranking, the excluded
// bids with the reason, and how sensitive the ranking is to the weights.
func ReportPDF(q model.Querier, c model.ProcurementCall, lang string, date time.Time) ([]byte, error) {
	r, err := Evaluate(q, c)
	if err != nil {
		return nil, err
	}
	muni, err := model.GetSetting(q, model.SettingMunicipality, "")
	if err != nil {
		return nil, err
	}
	loc := i18n.In(lang)
	doc := printing.New(printing.Meta{Municipality: muni, Title: loc.T("procurement.pdf.title"), Reference: c.Ref, Hash: r.Hash, Date: date, Lang: lang,
		Draft: c.Frozen == ""})
	doc.Title(loc.T("procurement.pdf.title"))
	doc.Subtitle(c.Ref + " · " + c.Title)
	doc.KV(loc.T("procurement.field.procedure"), loc.T("procurement.procedure."+c.Procedure))
	doc.KV(loc.T("procurement.field.status"), loc.T("procurement.status."+c.Status))
	if c.Budget > 0 {
		doc.KV(loc.T("procurement.field.budget"), Money(loc, c.Budget, c.Currency))
	}
	doc.KV(loc.T("procurement.field.aggregation"), loc.T("procurement.aggregation."+r.Snapshot.Aggregation))
	if c.Frozen != "" {
		doc.KV(loc.T("procurement.pdf.frozen"), loc.T("procurement.pdf.frozen_text", map[string]any{"Date": loc.StoredDate(c.OpenedOn), "Hash": r.Hash}))
	} else {
		doc.Italic(loc.T("procurement.pdf.not_frozen"))
	}
	if len(r.Drift) > 0 {
		doc.Italic(loc.T("procurement.pdf.drift", map[string]any{"Keys": strings.Join(r.Drift, ", ")}))
	}
	if c.Description != "" {
		doc.Para(c.Description)
	}

	doc.Heading(loc.T("procurement.pdf.criteria"))
	var rows [][]string
	for _, k := range r.Snapshot.Criteria {
		how := loc.T("procurement.kind." + k.Kind)
		switch k.Kind {
		case Price:
			how += ": " + loc.T("procurement.formula."+k.Formula)
		case Quantity:
			how += fmt.Sprintf(": %s × %s", k.Unit, fmtNum(k.Proxy))
		}
		sv := ""
		if k.SocialValue {
			sv = "•" // the Go fonts have no check mark
		}
		weight := fmtNum(k.Weight) + "%"
		if k.Kind == Gate {
			weight = "—"
		}
		rows = append(rows, []string{k.Title, how, weight, sv, k.Citation})
	}
	doc.Table([]string{loc.T("procurement.field.criterion"), loc.T("procurement.field.kind"), loc.T("procurement.field.weight"),
		loc.T("procurement.field.social_value_short"), loc.T("procurement.field.citation")}, []float64{44, 34, 16, 12, 64}, rows)
	doc.Para(loc.T("procurement.pdf.social_share", map[string]any{"Share": fmtNum(SocialShare(r.Snapshot.Criteria)), "Min": fmtNum(c.SocialMin)}))

	titles := map[string]string{}
	for _, k := range r.Snapshot.Criteria {
		titles[k.Key] = k.Title
	}
	lots := lotOrder(r.Results)
	for _, lot := range lots {
		if lot != "" {
			doc.Heading(loc.T("procurement.pdf.lot", map[string]any{"Lot": lot}))
		} else {
			doc.Heading(loc.T("procurement.pdf.ranking"))
		}
		var rank [][]string
		var out [][]string
		for _, b := range r.Results {
			if b.Lot != lot {
				continue
			}
			if b.Excluded {
				out = append(out, []string{b.Bidder, ExclusionText(loc, b, r.Snapshot.Procedure)})
				continue
			}
			rank = append(rank, []string{fmt.Sprint(b.Rank), b.Bidder, pts(loc, b.Total), pts(loc, b.SocialValue), loc.StoredDate(b.SubmittedAt)})
		}
		doc.Table([]string{loc.T("procurement.field.rank"), loc.T("procurement.field.bidder"), loc.T("procurement.field.total"),
			loc.T("procurement.field.social_points"), loc.T("procurement.field.submitted_at")}, []float64{14, 62, 24, 28, 42}, rank)
		if len(out) > 0 {
			doc.Heading(loc.T("procurement.pdf.excluded"))
			doc.Table([]string{loc.T("procurement.field.bidder"), loc.T("procurement.field.reason")}, []float64{60, 110}, out)
		}
		for _, sv := range r.Sensitivity {
			if sv.Lot != lot {
				continue
			}
			doc.Heading(loc.T("procurement.pdf.sensitivity"))
			var srows [][]string
			for _, w := range sv.Weights {
				change := loc.T("procurement.pdf.no_change")
				if w.Changes {
					change = loc.T("procurement.pdf.change", map[string]any{"Delta": signed(loc, w.Delta), "Winner": w.NewWinner})
				}
				srows = append(srows, []string{titles[w.Key], fmtNum(w.Weight) + "%", change})
			}
			doc.Table([]string{loc.T("procurement.field.criterion"), loc.T("procurement.field.weight"), loc.T("procurement.pdf.what_changes")},
				[]float64{60, 20, 90}, srows)
			for _, st := range sv.Stability {
				doc.Bullet(loc.T("procurement.pdf.stability", map[string]any{"Bidder": st.Bidder, "Rank": st.Rank,
					"Percent": strings.Replace(fmt.Sprintf("%.1f", 100*st.Kept), ".", loc.T("procurement.number.decimal"), 1), "Draws": sv.Draws}))
			}
		}
	}

	doc.Heading(loc.T("procurement.pdf.details"))
	for _, b := range r.Results {
		doc.Para(fmt.Sprintf("%s (%s)", b.Bidder, pts(loc, b.Total)))
		for i, cr := range b.Criteria {
			k := r.Snapshot.Criteria[i]
			line := titles[cr.Key] + ": "
			switch k.Kind {
			case Gate:
				if cr.Passed != nil && *cr.Passed {
					line += loc.T("procurement.gate.passed")
				} else {
					line += loc.T("procurement.gate.failed")
				}
			case Scale:
				if cr.Missing {
					line += loc.T("procurement.pdf.not_scored")
				} else {
					line += loc.T("procurement.pdf.scale_line", map[string]any{"Score": fmtNum(cr.Value), "Points": pts(loc, cr.Points), "Count": cr.Evaluators})
					if cr.Disagreement {
						line += " " + loc.T("procurement.pdf.disagreement", map[string]any{"Spread": fmtNum(cr.Spread)})
					}
				}
			case Price:
				line += Money(loc, cr.Value, c.Currency) + " → " + pts(loc, cr.Points)
			case Quantity:
				line += fmtNum(cr.Value) + " → " + pts(loc, cr.Points)
			}
			doc.Bullet(line)
			for _, j := range cr.Justification {
				doc.Italic("    " + j)
			}
		}
	}
	return doc.Bytes()
}

// lotOrder lists the lots of the results in order.
func lotOrder(res []Result) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range res {
		if !seen[r.Lot] {
			seen[r.Lot] = true
			out = append(out, r.Lot)
		}
	}
	sort.Strings(out)
	return out
}

// signed writes a change of weight with its sign, as lang writes numbers ("+35,70").
func signed(loc i18n.Localizer, v float64) string {
	if v > 0 {
		return "+" + pts(loc, v)
	}
	return pts(loc, v)
}
