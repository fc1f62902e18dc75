// A monitoring report printed on its own.

package pacts

import (
	"fmt"
	"strconv"
	"time"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
	"pacta/printing"
)

// ReportPDF prints one monitoring report of a pact.
func ReportPDF(q model.Querier, d *Dossier, reportID, lang string, date time.Time) ([]byte, error) {
	var rep *model.PactReport
	for i := range d.Reports {
		if d.Reports[i].ID == reportID || d.Reports[i].Period == reportID {
			rep = &d.Reports[i]
		}
	}
	if rep == nil {
		return nil, errs.E(errs.NotFound, fmt.Errorf("%s has no report %q", d.Pact.Ref, reportID))
	}
	if lang == "" {
		lang = d.Pact.Lang
	}
	lang = i18n.Normalize(lang)
	loc := i18n.In(lang)
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	vals, err := ReportValuesOf(q, rep.ID)
	if err != nil {
		return nil, err
	}
	atts, err := model.AttachmentsOf(q, "pact_reports", rep.ID)
	if err != nil {
		return nil, err
	}
	title := loc.T("pact.report.title")
	doc := printing.New(printing.Meta{Municipality: ws.NameIn(lang), Title: title + " " + d.Pact.Ref, Reference: d.Pact.Ref,
		Version: strconv.FormatInt(d.Pact.Version, 10), Date: date, Lang: lang})
	doc.Title(title)
	doc.Subtitle(fmt.Sprintf("%s — %s", d.Pact.Ref, d.Pact.Title))
	doc.KV(loc.T("pact.report.period"), rep.Period)
	doc.KV(loc.T("pact.report.filed_on"), FormatDate(lang, rep.FiledOn))
	if rep.FiledBy != "" {
		doc.KV(loc.T("pact.report.filed_by"), rep.FiledBy)
	}
	doc.KV(loc.T("pact.report.hours"), number(rep.Hours))
	if rep.Resources != "" {
		doc.KV(loc.T("pact.report.resources"), rep.Resources)
	}
	doc.Heading(loc.T("pact.report.indicators"))
	byInd := map[string]float64{}
	has := map[string]bool{}
	for _, v := range vals {
		byInd[v.IndicatorID], has[v.IndicatorID] = v.Value, true
	}
	rows := [][]string{}
	for _, x := range d.Indicators {
		v := "—"
		if has[x.ID] {
			v = number(byInd[x.ID])
		}
		rows = append(rows, []string{x.Name, x.Unit, number(x.Target), v})
	}
	if len(rows) == 0 {
		doc.Italic(loc.T("pact.pdf.no_indicators"))
	} else {
		doc.Table([]string{loc.T("pact.pdf.col_indicator"), loc.T("pact.pdf.col_unit"), loc.T("pact.pdf.col_target"), loc.T("pact.report.value")},
			[]float64{5, 2, 1.5, 1.5}, rows)
	}
	doc.Heading(loc.T("pact.report.narrative"))
	doc.Para(rep.Narrative)
	if len(atts) > 0 {
		doc.Heading(loc.T("pact.report.attachments"))
		for _, x := range atts {
			line := x.Name
			if x.Caption != "" {
				line += " — " + x.Caption
			}
			doc.Bullet(line + " (SHA-256 " + short(x.SHA256) + ")")
		}
	}
	doc.Signature(loc.T("pact.report.signature"), rep.FiledBy, "")
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return doc.Bytes()
}
