// The answer clock: waiting for documents suspends the municipality's term and the
// documents' arrival resumes it; some regulations also allow one interruption of the term
// (REFERENCES §1.3, Regione Lazio: once, at most 30 days). Both are read from the records
// (the status history, the interruption), never written into the pact: every laptop
// computes the same due dates.

package pacts

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"pacta/model"
)

// Pause kinds.
const (
	PauseDocuments    = "documents"    // waiting for documents (awaiting_info)
	PauseInterruption = "interruption" // the single interruption the regulation allows
)

// Pause is a stretch of days during which a pact's answer term did not run.
type Pause struct {
	Kind    string `json:"kind"`
	From    string `json:"from"`
	Days    int    `json:"days"`
	Running bool   `json:"running"` // still waiting: Days counts up to today
}

// Clock is what moves a pact's due dates beyond its own dates.
type Clock struct {
	Extended   bool    // the pact was extended once: its term ends later
	LastReport string  // the filing date of its latest report, "" if none
	Pauses     []Pause // suspensions and the interruption, by date
}

// SuspendedDays is the number of days the term stood still from date on.
func (c Clock) SuspendedDays(from string) int {
	n := 0
	for _, p := range c.Pauses {
		if from != "" && p.From >= from {
			n += p.Days
		}
	}
	return n
}

// Waiting is the pause still running (the pact waits for documents), if any.
func (c Clock) Waiting() (Pause, bool) {
	for _, p := range c.Pauses {
		if p.Running {
			return p, true
		}
	}
	return Pause{}, false
}

// PausesOf reads the suspensions from a pact's status history (oldest first) and adds its
// interruption (nil when none). A suspension still running counts up to today.
func PausesOf(history []model.PactTransition, intr *model.PactInterruption, today time.Time) []Pause {
	var out []Pause
	since := ""
	for _, t := range history {
		day := dayOf(t.At)
		if t.ToStatus == AwaitingInfo && since == "" {
			since = day
		} else if t.FromStatus == AwaitingInfo && since != "" {
			out = append(out, Pause{Kind: PauseDocuments, From: since, Days: max(0, DaysBetween(since, day))})
			since = ""
		}
	}
	if since != "" {
		out = append(out, Pause{Kind: PauseDocuments, From: since, Days: max(0, DaysBetween(since, Day(today))), Running: true})
	}
	if intr != nil && intr.Days > 0 {
		out = append(out, Pause{Kind: PauseInterruption, From: intr.FromDate, Days: int(intr.Days)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

// dayOf is the date of an RFC 3339 time (or of a date).
func dayOf(at string) string {
	if len(at) >= 10 {
		return at[:10]
	}
	return at
}

// ClockOf computes a dossier's clock.
func (d *Dossier) ClockOf(today time.Time) Clock {
	c := Clock{Extended: d.WasExtended(), Pauses: PausesOf(d.Transitions, d.Interruption, today)}
	for _, r := range d.Reports {
		if r.FiledOn > c.LastReport {
			c.LastReport = r.FiledOn
		}
	}
	return c
}

// InterruptionOf reads a pact's interruption; nil when it has none.
func InterruptionOf(q model.Querier, pactID string) (*model.PactInterruption, error) {
	var x model.PactInterruption
	err := q.Get(&x, `SELECT id, deleted, pact_id, from_date, days, reason, actor FROM pact_interruptions
		WHERE pact_id = ? AND deleted = 0 ORDER BY id LIMIT 1`, pactID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the interruption of pact %s: %w", pactID, err)
	}
	return &x, nil
}

// clocks computes every live pact's clock in three queries (for lists and the Dashboard).
func clocks(q model.Querier, today time.Time) (map[string]Clock, error) {
	var ts []model.PactTransition
	if err := q.Select(&ts, `SELECT id, deleted, pact_id, from_status, to_status, at FROM pact_transitions
		WHERE deleted = 0 AND (to_status IN (?, ?) OR from_status = ?) ORDER BY pact_id, at, id`,
		AwaitingInfo, Extended, AwaitingInfo); err != nil {
		return nil, fmt.Errorf("read the pacts' suspensions: %w", err)
	}
	var is []model.PactInterruption
	if err := q.Select(&is, `SELECT id, deleted, pact_id, from_date, days, reason, actor FROM pact_interruptions
		WHERE deleted = 0 ORDER BY id`); err != nil {
		return nil, fmt.Errorf("read the pacts' interruptions: %w", err)
	}
	last, err := LastReportDates(q)
	if err != nil {
		return nil, err
	}
	hist := map[string][]model.PactTransition{}
	extended := map[string]bool{}
	for _, t := range ts {
		hist[t.PactID] = append(hist[t.PactID], t)
		extended[t.PactID] = extended[t.PactID] || t.ToStatus == Extended
	}
	intr := map[string]*model.PactInterruption{}
	for i := range is {
		if intr[is[i].PactID] == nil {
			intr[is[i].PactID] = &is[i]
		}
	}
	out := map[string]Clock{}
	ids := map[string]bool{}
	for id := range hist {
		ids[id] = true
	}
	for id := range intr {
		ids[id] = true
	}
	for id := range last {
		ids[id] = true
	}
	for id := range ids {
		out[id] = Clock{Extended: extended[id], LastReport: last[id], Pauses: PausesOf(hist[id], intr[id], today)}
	}
	return out, nil
}

// Setting names of the procedure (model.Setting rows, synced).
const (
	SettingInterruptionDays = "pacts.interruption_days" // 0 or unset: the regulation allows none
	SettingExecutiveStep    = "pacts.executive_step"    // on: complex pacts go to the executive (Giunta)
)

// InterruptibleStatuses are those in which the answer term runs, and may be interrupted.
var InterruptibleStatuses = []string{Submitted, InReview, Published, CoDesign, ExecutiveReview}

// MaxInterruption is the longest interruption a workspace may allow.
const MaxInterruption = 90

// Interrupt records the single interruption of a pact's answer term: from a date (not in the
// future, not before the proposal), for at most the days the workspace allows, with a
// reason. Refused when the workspace allows none, when no answer term runs, or when the pact
// was interrupted already.
func Interrupt(tx *model.Tx, pactID, from string, days int, why string, by By) (model.PactInterruption, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return model.PactInterruption{}, err
	}
	dl, err := LoadDeadlines(tx)
	if err != nil {
		return model.PactInterruption{}, err
	}
	p := d.Pact
	today := Day(by.now())
	if from == "" {
		from = today
	}
	if _, err := ParseDate(from); err != nil {
		return model.PactInterruption{}, err
	}
	var rs []Reason
	switch {
	case dl.InterruptionDays <= 0:
		rs = append(rs, reason("pact.refuse.interruption_off"))
	case d.Interruption != nil:
		rs = append(rs, reason("pact.refuse.interruption_once", "Date", d.Interruption.FromDate, "Days", d.Interruption.Days))
	case !oneOf(p.Status, InterruptibleStatuses):
		rs = append(rs, reason("pact.refuse.interruption_status", "Status", statusRef(p.Status)))
	}
	if dl.InterruptionDays > 0 && (days <= 0 || days > dl.InterruptionDays) {
		rs = append(rs, reason("pact.refuse.interruption_days", "Days", days, "Max", dl.InterruptionDays))
	}
	if strings.TrimSpace(why) == "" {
		rs = append(rs, reason("pact.refuse.interruption_reason"))
	}
	if from > today {
		rs = append(rs, reason("pact.refuse.date_future", "Date", from, "Today", today))
	} else if p.SubmittedOn != "" && from < p.SubmittedOn {
		rs = append(rs, reason("pact.refuse.date_before_proposal", "Date", from, "Since", p.SubmittedOn))
	}
	if len(rs) > 0 {
		return model.PactInterruption{}, &Refusal{Action: p.Ref + " interrupt", Reasons: rs}
	}
	x := model.PactInterruption{Row: model.Row{ID: "interruption-" + p.ID}, PactID: p.ID, FromDate: from, Days: int64(days),
		Reason: strings.TrimSpace(why), Actor: by.Actor}
	if err := tx.Put(&x); err != nil {
		return x, fmt.Errorf("interrupt %s: %w", p.Ref, err)
	}
	return x, nil
}

// loadProcedure reads the procedure's settings into d.
func loadProcedure(q model.Querier, d *Deadlines) error {
	v, err := model.GetSetting(q, SettingInterruptionDays, "")
	if err != nil {
		return err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
		d.InterruptionDays = min(n, MaxInterruption)
	}
	v, err = model.GetSetting(q, SettingExecutiveStep, "")
	if err != nil {
		return err
	}
	d.ExecutiveStep = strings.TrimSpace(v) == "on"
	return nil
}

// EditProcedure writes the procedure's settings the form or command changed from base.
func EditProcedure(tx *model.Tx, base, d Deadlines) error {
	if d.InterruptionDays < 0 || d.InterruptionDays > MaxInterruption {
		return &Refusal{Action: "settings", Reasons: []Reason{reason("pact.refuse.interruption_setting", "Days", d.InterruptionDays, "Max", MaxInterruption)}}
	}
	if err := tx.EditSetting(SettingInterruptionDays, strconv.Itoa(base.InterruptionDays), strconv.Itoa(d.InterruptionDays)); err != nil {
		return err
	}
	return tx.EditSetting(SettingExecutiveStep, onOff(base.ExecutiveStep), onOff(d.ExecutiveStep))
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
