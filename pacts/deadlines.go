package pacts

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// Workspace setting names of the deadlines (model.Setting rows, synced).
const (
	SettingOrdinaryAnswerDays      = "pacts.ordinary_answer_days"
	SettingComplexPublishDays      = "pacts.complex_publish_days"
	SettingComplexObservationsDays = "pacts.complex_observations_days"
	SettingComplexDecisionDays     = "pacts.complex_decision_days"
)

// Deadlines are the workspace's terms, in days (defaults from REFERENCES §1.3: ordinary
// answer 30; complex published within 10, 60 days for observations, decision within 60).
type Deadlines struct {
	OrdinaryAnswer      int
	ComplexPublish      int
	ComplexObservations int
	ComplexDecision     int
	InterruptionDays    int  // the single interruption the regulation allows; 0: none
	ExecutiveStep       bool // complex pacts go to the executive (Giunta) before approval
}

// DefaultDeadlines are the terms used when the workspace has not set its own.
var DefaultDeadlines = Deadlines{OrdinaryAnswer: 30, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 60}

// LoadDeadlines reads the workspace's terms; a missing or unreadable setting takes its default.
func LoadDeadlines(q model.Querier) (Deadlines, error) {
	d := DefaultDeadlines
	for _, s := range []struct {
		name string
		dst  *int
	}{{SettingOrdinaryAnswerDays, &d.OrdinaryAnswer}, {SettingComplexPublishDays, &d.ComplexPublish},
		{SettingComplexObservationsDays, &d.ComplexObservations}, {SettingComplexDecisionDays, &d.ComplexDecision}} {
		v, err := model.GetSetting(q, s.name, "")
		if err != nil {
			return d, err
		}
		*s.dst = days(v, *s.dst)
	}
	return d, loadProcedure(q, &d)
}

// SaveDeadlines stores the workspace's terms inside an Update, all four of them: d must
// have been read in the same transaction, or a term changed meanwhile elsewhere (another
// process, a sync) goes back to what it was. A form or a command that changes some of the
// terms uses EditDeadlines.
func SaveDeadlines(tx *model.Tx, d Deadlines) error {
	for _, s := range deadlineSettings(d, d) {
		if err := checkDeadline(s.name, s.v); err != nil {
			return err
		}
		if err := tx.PutSetting(s.name, strconv.Itoa(s.v)); err != nil {
			return err
		}
	}
	return nil
}

// EditDeadlines writes the terms in which d differs from base, the terms as the form showed
// them when it was filled in (for a command: LoadDeadlines in the same transaction). A
// term not changed keeps what is stored now, which a sync or another process may have
// written meanwhile; one changed here and elsewhere takes d's value, and the other one is
// kept as a conflict (model.Tx.EditSetting).
func EditDeadlines(tx *model.Tx, base, d Deadlines) error {
	for _, s := range deadlineSettings(base, d) {
		if s.v == s.base {
			continue
		}
		if err := checkDeadline(s.name, s.v); err != nil {
			return err
		}
	}
	for _, s := range deadlineSettings(base, d) {
		if s.v == s.base {
			continue
		}
		stored, err := model.GetSetting(tx, s.name, "")
		if err != nil {
			return err
		}
		// What the form showed, as stored: the stored text when it still reads as base
		// (a missing or unreadable setting shows the default), else base itself.
		shown := stored
		if days(stored, defaultDays(s.name)) != s.base {
			shown = strconv.Itoa(s.base)
		}
		if err := tx.EditSetting(s.name, shown, strconv.Itoa(s.v)); err != nil {
			return err
		}
	}
	return nil
}

type deadlineSetting struct {
	name    string
	base, v int
}

// deadlineSettings pairs each term's setting with its value in base and in d.
func deadlineSettings(base, d Deadlines) []deadlineSetting {
	return []deadlineSetting{{SettingOrdinaryAnswerDays, base.OrdinaryAnswer, d.OrdinaryAnswer},
		{SettingComplexPublishDays, base.ComplexPublish, d.ComplexPublish},
		{SettingComplexObservationsDays, base.ComplexObservations, d.ComplexObservations},
		{SettingComplexDecisionDays, base.ComplexDecision, d.ComplexDecision}}
}

// deadlineLabels are the keys of the terms' labels in the Deadlines form.
var deadlineLabels = map[string]string{
	SettingOrdinaryAnswerDays:      "pact.ui.deadline.ordinary_answer",
	SettingComplexPublishDays:      "pact.ui.deadline.complex_publish",
	SettingComplexObservationsDays: "pact.ui.deadline.complex_observations",
	SettingComplexDecisionDays:     "pact.ui.deadline.complex_decision",
}

func checkDeadline(name string, v int) error {
	if v <= 0 || v > 3650 {
		return errs.E("deadlines", errs.Invalid, errs.Key("pact.error.deadline_range"),
			map[string]any{"Label": errs.Key(deadlineLabels[name]), "Days": v})
	}
	return nil
}

// defaultDays is the default of a term's setting.
func defaultDays(name string) int {
	for _, s := range deadlineSettings(DefaultDeadlines, DefaultDeadlines) {
		if s.name == name {
			return s.v
		}
	}
	return 0
}

// days reads a term as LoadDeadlines does: def when it is missing or unreadable.
func days(v string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
		return n
	}
	return def
}

// Due kinds.
const (
	DueAnswer       = "answer"       // ordinary: the municipality answers the proposal
	DuePublication  = "publication"  // complex: the proposal is published for observations
	DueObservations = "observations" // complex: the window for observations closes
	DueDecision     = "decision"     // complex: the municipality decides
	DueReport       = "report"       // active: the next monitoring report
	DueEnd          = "end"          // active: the term ends
)

// DueKinds lists the kinds of due date.
var DueKinds = []string{DueAnswer, DuePublication, DueObservations, DueDecision, DueReport, DueEnd}

// Due is one date a pact must meet.
type Due struct {
	Kind     string `json:"kind"`
	Date     string `json:"date"`
	DaysLeft int    `json:"days_left"` // negative when overdue
	Overdue  bool   `json:"overdue"`
}

// DueDates computes what a pact must meet next, given its latest report's filing date
// ("" if none), the workspace's terms and today. Sorted by date.
func DueDates(p model.Pact, extended bool, lastReport string, dl Deadlines, today time.Time) []Due {
	return ClockDueDates(p, Clock{Extended: extended, LastReport: lastReport}, dl, today)
}

// ClockDueDates computes what a pact must meet next given its clock: the municipality's
// terms (answer, publication, decision) move by the days they stood still after they began
// (waiting for documents, the interruption). Sorted by date.
func ClockDueDates(p model.Pact, c Clock, dl Deadlines, today time.Time) []Due {
	t := Day(today)
	extended, lastReport := c.Extended, c.LastReport
	fromProposal := func(n int) string { return AddDays(AddDays(p.SubmittedOn, n), c.SuspendedDays(p.SubmittedOn)) }
	fromPublication := func(n int) string { return AddDays(AddDays(p.PublishedOn, n), c.SuspendedDays(p.PublishedOn)) }
	var out []Due
	add := func(kind, date string) {
		if date == "" {
			return
		}
		left := DaysBetween(t, date)
		out = append(out, Due{Kind: kind, Date: date, DaysLeft: left, Overdue: left < 0})
	}
	switch p.Status {
	case Submitted, InReview:
		if p.Kind == Complex {
			add(DuePublication, fromProposal(dl.ComplexPublish))
		} else {
			add(DueAnswer, fromProposal(dl.OrdinaryAnswer))
		}
	case Published:
		add(DueObservations, AddDays(p.PublishedOn, dl.ComplexObservations))
		add(DueDecision, fromPublication(dl.ComplexObservations+dl.ComplexDecision))
	case CoDesign, ExecutiveReview:
		add(DueDecision, fromPublication(dl.ComplexObservations+dl.ComplexDecision))
	case Active, Extended:
		if p.ReportMonths > 0 {
			from := lastReport
			if from == "" || from < p.StartDate {
				from = p.StartDate
			}
			add(DueReport, AddMonths(from, int(p.ReportMonths)))
		}
		add(DueEnd, EndDate(p, extended))
	}
	// The observation window closing is not the municipality's fault: it is never "overdue".
	for i := range out {
		if out[i].Kind == DueObservations {
			out[i].Overdue = false
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
