package pacts

import (
	"fmt"
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// Report is a monitoring report to file.
type Report struct {
	Period    string
	FiledOn   string
	Hours     float64
	Resources string
	Narrative string
	FiledBy   string
	Values    map[string]float64 // indicator id or name → value
}

// reportable are the statuses in which a pact is carried out and reported on.
var reportable = []string{Signed, Active, Suspended, Extended, Concluded}

// ReportRefusal says why a pact in status cannot take a report (nil when it can): the
// window disables its report form with this reason.
func ReportRefusal(ref, status string) *Refusal {
	if oneOf(status, reportable) {
		return nil
	}
	return &Refusal{Action: ref + " report", Reasons: []Reason{reason("pact.refuse.report_status", "Status", statusRef(status))}}
}

// FileReport records a monitoring report with its indicator values.
func FileReport(tx *model.Tx, pactID string, r Report, by By) (model.PactReport, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return model.PactReport{}, err
	}
	if r := ReportRefusal(d.Pact.Ref, d.Pact.Status); r != nil {
		return model.PactReport{}, r
	}
	r.Period = strings.TrimSpace(r.Period)
	if r.Period == "" {
		return model.PactReport{}, errs.E("report", errs.Invalid, errs.Key("pact.error.report_period_required"))
	}
	if r.Hours < 0 {
		return model.PactReport{}, errs.E("report", errs.Invalid, errs.Key("pact.error.report_hours_negative"))
	}
	if r.FiledOn == "" {
		r.FiledOn = Day(by.now())
	} else if _, err := ParseDate(r.FiledOn); err != nil {
		return model.PactReport{}, fmt.Errorf("report: %w", err)
	}
	for _, x := range d.Reports {
		if x.Period == r.Period {
			return model.PactReport{}, errs.E("report", errs.Conflict, errs.Key("pact.error.report_exists"), map[string]any{"Ref": d.Pact.Ref, "Period": r.Period})
		}
	}
	ids := map[string]string{}
	for _, x := range d.Indicators {
		ids[x.ID] = x.ID
		ids[strings.ToLower(x.Name)] = x.ID
	}
	rep := model.PactReport{PactID: pactID, Period: r.Period, FiledOn: r.FiledOn, Hours: r.Hours, Resources: r.Resources,
		Narrative: r.Narrative, FiledBy: firstNonEmpty(r.FiledBy, by.Actor)}
	if err := tx.Put(&rep); err != nil {
		return rep, fmt.Errorf("report: %w", err)
	}
	for k, v := range r.Values {
		id, ok := ids[k]
		if !ok {
			id, ok = ids[strings.ToLower(k)]
		}
		if !ok {
			return rep, errs.E("report", errs.Invalid, errs.Key("pact.error.no_indicator"), map[string]any{"Ref": d.Pact.Ref, "Name": k})
		}
		if err := tx.Put(&model.PactReportValue{ReportID: rep.ID, IndicatorID: id, Value: v}); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
