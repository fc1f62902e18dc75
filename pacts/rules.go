package pacts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"pacta/model"
)

// By says who does something, and when. Device comes from the store.
type By struct {
	Actor string
	Now   time.Time
}

func (b By) now() time.Time {
	if b.Now.IsZero() {
		return time.Now()
	}
	return b.Now
}

// ContentProblems lists what keeps a pact's text from being approved or signed: every
// required section filled, the municipality and at least one proponent as parties, a
// duration, and a linked asset or an explicit immaterial scope; and texts that render.
func ContentProblems(d *Dossier) []Reason {
	var out []Reason
	for _, k := range SectionKeys {
		if !RequiredSections[k] {
			continue
		}
		s, ok := d.Section(k)
		if !ok || strings.TrimSpace(s.Text) == "" {
			out = append(out, reason("pact.refuse.section_empty", "Section", sectionRef(k)))
		}
	}
	if len(d.PartiesWithRole(RoleMunicipality)) == 0 {
		out = append(out, reason("pact.refuse.no_municipality"))
	}
	if len(d.PartiesWithRole(RoleProponent)) == 0 {
		out = append(out, reason("pact.refuse.no_proponent"))
	}
	if d.Pact.DurationMonths <= 0 {
		out = append(out, reason("pact.refuse.no_duration"))
	}
	if len(d.Assets) == 0 && !d.Pact.Immaterial {
		out = append(out, reason("pact.refuse.no_scope"))
	}
	f := d.Fields(d.Pact.Lang, Workspace{Municipality: "M", LegalBasis: "R"})
	for _, s := range d.Sections {
		if _, err := Render(s.Key, s.Text, f); err != nil {
			out = append(out, reason("pact.refuse.template", "Section", sectionRef(s.Key), "Error", err.Error()))
		}
	}
	return out
}

// Check lists why the pact cannot move to status to now (nil when it can).
func Check(d *Dossier, to, why string, dl Deadlines, today time.Time) []Reason {
	p := d.Pact
	from := p.Status
	if !ValidStatus(to) {
		return []Reason{reason("pact.refuse.unknown_status", "To", to, "Known", strings.Join(Statuses, ", "))}
	}
	allowed := false
	for _, s := range edges[from] {
		allowed = allowed || s == to
	}
	if !allowed {
		return []Reason{reason("pact.refuse.edge", "From", statusRef(from), "To", statusRef(to), "Allowed", statusList(edges[from]))}
	}
	var out []Reason
	if needsReason[to] && strings.TrimSpace(why) == "" {
		out = append(out, reason("pact.refuse.reason", "To", statusRef(to)))
	}
	t := Day(today)
	switch to {
	case Submitted:
		if strings.TrimSpace(p.Title) == "" {
			out = append(out, reason("pact.refuse.no_title"))
		}
		if len(d.PartiesWithRole(RoleProponent)) == 0 {
			out = append(out, reason("pact.refuse.no_proponent"))
		}
	case Published:
		if p.Kind != Complex {
			out = append(out, reason("pact.refuse.complex_only", "To", statusRef(to)))
		}
	case CoDesign:
		if p.Kind != Complex {
			out = append(out, reason("pact.refuse.complex_only", "To", statusRef(to)))
		} else if closes := AddDays(p.PublishedOn, dl.ComplexObservations); closes != "" && t < closes {
			out = append(out, reason("pact.refuse.observations_open", "Date", closes))
		}
		if n := Unanswered(d.Observations); n > 0 {
			out = append(out, reason("pact.refuse.observations_unanswered", "Unanswered", n))
		}
	case ExecutiveReview:
		if p.Kind != Complex {
			out = append(out, reason("pact.refuse.complex_only", "To", statusRef(to)))
		}
		if !dl.ExecutiveStep {
			out = append(out, reason("pact.refuse.executive_off"))
		}
	case Approved:
		if p.Kind == Complex && from == InReview {
			out = append(out, reason("pact.refuse.complex_publish_first"))
		}
		if p.Kind == Complex && dl.ExecutiveStep && from != ExecutiveReview {
			out = append(out, reason("pact.refuse.executive_first"))
		}
		out = append(out, ContentProblems(d)...)
	case Signed:
		out = append(out, ContentProblems(d)...)
		if un := d.Unsigned(); len(un) > 0 {
			names := make([]string, len(un))
			for i, x := range un {
				names[i] = x.Name
			}
			out = append(out, reason("pact.refuse.unsigned", "Names", strings.Join(names, ", ")))
		}
	case Active:
		if p.StartDate == "" {
			out = append(out, reason("pact.refuse.no_start"))
		} else if t < p.StartDate {
			out = append(out, reason("pact.refuse.not_started", "Date", p.StartDate))
		}
	case Extended:
		if p.ExtensionMonths <= 0 {
			out = append(out, reason("pact.refuse.no_extension"))
		} else if d.WasExtended() {
			out = append(out, reason("pact.refuse.already_extended"))
		}
	case Concluded:
		if end := EndDate(p, d.WasExtended()); end != "" && t < end {
			out = append(out, reason("pact.refuse.not_ended", "Date", end))
		}
	}
	return out
}

// Allowed lists, for every status the pact's current status leads to, the reasons it is
// refused now (empty when allowed): what the screen needs to enable its buttons.
func Allowed(d *Dossier, dl Deadlines, today time.Time) map[string][]Reason {
	out := map[string][]Reason{}
	for _, to := range edges[d.Pact.Status] {
		// A reason is asked for when the action is taken; it does not disable the button.
		out[to] = Check(d, to, "-", dl, today)
	}
	return out
}

// Transition moves a pact to status to, recording who, when, from which device and why.
// It returns a *Refusal saying which conditions failed when the rules do not allow it.
func Transition(ctx context.Context, st *model.Store, pactID, to, why string, by By) error {
	return st.Update(ctx, func(tx *model.Tx) error { return TransitionTx(tx, pactID, to, why, by) })
}

// TransitionTx is Transition inside an Update.
func TransitionTx(tx *model.Tx, pactID, to, why string, by By) error {
	d, err := Load(tx, pactID)
	if err != nil {
		return err
	}
	dl, err := LoadDeadlines(tx)
	if err != nil {
		return err
	}
	now := by.now()
	if rs := Check(d, to, why, dl, now); len(rs) > 0 {
		return &Refusal{Action: fmt.Sprintf("%s %s → %s", d.Pact.Ref, d.Pact.Status, to), Reasons: rs}
	}
	return applyTransition(tx, d, to, why, by.Actor, now)
}

func applyTransition(tx *model.Tx, d *Dossier, to, why, actor string, now time.Time) error {
	p := d.Pact
	day := Day(now)
	from := p.Status
	p.Status = to
	p.StatusSince = day
	switch to {
	case Submitted:
		if p.SubmittedOn == "" {
			p.SubmittedOn = day
		}
	case Published:
		p.PublishedOn = day
	case Signed:
		if p.StartDate == "" {
			p.StartDate = lastSignatureDate(d)
		}
	}
	if err := tx.Put(&p); err != nil {
		return fmt.Errorf("transition %s: %w", p.Ref, err)
	}
	d.Pact = p
	return tx.Put(&model.PactTransition{PactID: p.ID, FromStatus: from, ToStatus: to, At: now.UTC().Format(time.RFC3339),
		Actor: actor, Device: tx.Device(), Reason: strings.TrimSpace(why), Version: p.Version})
}

func lastSignatureDate(d *Dossier) string {
	last := ""
	for _, s := range d.SignaturesOfCurrent() {
		if s.SignedOn > last {
			last = s.SignedOn
		}
	}
	return last
}

// IsRefusal reports whether err is a refusal by the rules (not a failure of the store).
func IsRefusal(err error) (*Refusal, bool) {
	var r *Refusal
	ok := errors.As(err, &r)
	return r, ok
}
