package pacts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// NewPact is what a new pact starts from.
type NewPact struct {
	Title         string
	Kind          string // ordinary (default) or complex
	Lang          string // language of the agreement; default English
	Summary       string
	Proponent     string
	ProponentType string
	AssetRefs     []string
	Immaterial    bool
}

// Create makes a draft pact with the municipality and the proponent as parties, its
// sections from the workspace's templates in its language, and its assets linked.
func Create(ctx context.Context, st *model.Store, n NewPact, by By) (model.Pact, error) {
	var p model.Pact
	err := st.Update(ctx, func(tx *model.Tx) error {
		var err error
		p, err = CreateTx(tx, n, by)
		return err
	})
	return p, err
}

// CreateTx is Create inside an Update.
func CreateTx(tx *model.Tx, n NewPact, by By) (model.Pact, error) {
	n.Title = strings.TrimSpace(n.Title)
	n.Proponent = strings.TrimSpace(n.Proponent)
	if n.Title == "" {
		return model.Pact{}, errs.E("new pact", errs.Invalid, errs.Key("pact.error.title_required"))
	}
	if n.Kind == "" {
		n.Kind = Ordinary
	}
	if !oneOf(n.Kind, Kinds) {
		return model.Pact{}, errs.E("new pact", errs.Invalid, errs.Key("pact.error.kind_unknown"), map[string]any{"Value": n.Kind})
	}
	if n.ProponentType != "" && !oneOf(n.ProponentType, PartyTypes) {
		return model.Pact{}, errs.E("new pact", errs.Invalid, errs.Key("pact.error.party_type_unknown"),
			map[string]any{"Value": n.ProponentType, "Values": strings.Join(PartyTypes, ", ")})
	}
	lang := i18n.Normalize(n.Lang)
	if n.Lang != "" && lang == i18n.Source && !strings.HasPrefix(strings.ToLower(n.Lang), i18n.Source) {
		return model.Pact{}, errs.E("new pact", errs.Invalid, errs.Key("pact.error.lang_unknown"), map[string]any{"Value": n.Lang})
	}
	now := by.now()
	ref, err := model.NextRef(tx, "pacts", fmt.Sprintf("PACT-%d-", now.Year()), 4)
	if err != nil {
		return model.Pact{}, err
	}
	p := model.Pact{Ref: ref, Title: n.Title, Kind: n.Kind, Status: Draft, Lang: lang, Summary: strings.TrimSpace(n.Summary),
		StatusSince: Day(now), Version: 1, ReportMonths: 6, Immaterial: n.Immaterial}
	if err := tx.Put(&p); err != nil {
		return p, fmt.Errorf("new pact: %w", err)
	}
	ws, err := LoadWorkspace(tx)
	if err != nil {
		return p, err
	}
	if err := tx.Put(&model.PactParty{PactID: p.ID, Position: 1, Role: RoleMunicipality, Type: "public_body", Name: ws.Municipality}); err != nil {
		return p, err
	}
	if n.Proponent != "" {
		if err := tx.Put(&model.PactParty{PactID: p.ID, Position: 2, Role: RoleProponent, Type: n.ProponentType, Name: n.Proponent,
			SocialEconomy: SocialEconomyTypes[n.ProponentType]}); err != nil {
			return p, err
		}
	}
	secs, err := sectionsFor(tx, p.ID, p.Kind, lang)
	if err != nil {
		return p, err
	}
	for i := range secs {
		if err := tx.Put(&secs[i]); err != nil {
			return p, err
		}
	}
	for _, ref := range n.AssetRefs {
		if err := linkAsset(tx, p.ID, ref); err != nil {
			return p, err
		}
	}
	return p, tx.Put(&model.PactTransition{PactID: p.ID, ToStatus: Draft, At: now.UTC().Format(time.RFC3339), Actor: by.Actor,
		Device: tx.Device(), Version: 1})
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// editable loads a pact that may be edited.
func editable(tx *model.Tx, pactID string) (*Dossier, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return nil, err
	}
	if r := d.Editable(); r != nil {
		return nil, r
	}
	return d, nil
}

// Editable says why the pact's content cannot be edited now (nil when it can): its current
// version is frozen by a signature, or the pact is closed.
func (d *Dossier) Editable() *Refusal {
	if v, ok := d.FrozenVersion(); ok {
		return &Refusal{Action: d.Pact.Ref, Reasons: []Reason{reason("pact.refuse.frozen", "Version", v.Number)}}
	}
	switch d.Pact.Status {
	case Concluded, Terminated, Revoked, Rejected, Withdrawn, Archived:
		return &Refusal{Action: d.Pact.Ref, Reasons: []Reason{reason("pact.refuse.closed", "Status", statusRef(d.Pact.Status))}}
	}
	return nil
}

// NeedsReason reports whether moving to status to asks for a reason.
func NeedsReason(to string) bool { return needsReason[to] }

// CanSign reports whether the current version is open for signatures.
func (d *Dossier) CanSign() bool {
	p := d.Pact
	ok := p.Status == Approved || (p.Version > 1 && oneOf(p.Status, []string{Signed, Active, Suspended, Extended}))
	return ok && len(d.Unsigned()) > 0
}

// CanAmend reports whether an amendment may be opened now.
func (d *Dossier) CanAmend() bool {
	_, frozen := d.FrozenVersion()
	return frozen && d.FullySigned() && oneOf(d.Pact.Status, []string{Signed, Active, Suspended, Extended})
}

// Details are the editable fields of a pact's overview.
type Details struct {
	Title           string
	Kind            string
	Lang            string
	Summary         string
	Category        string
	StartDate       string
	DurationMonths  int64
	ExtensionMonths int64
	ReportMonths    int64
	Officer         string
	Immaterial      bool
	Notes           string
}

// DetailsOf are a pact's editable fields.
func DetailsOf(p model.Pact) Details {
	return Details{Title: p.Title, Kind: p.Kind, Lang: p.Lang, Summary: p.Summary, Category: p.Category, StartDate: p.StartDate,
		DurationMonths: p.DurationMonths, ExtensionMonths: p.ExtensionMonths, ReportMonths: p.ReportMonths, Officer: p.Officer,
		Immaterial: p.Immaterial, Notes: p.Notes}
}

// Validate checks a pact's details; the error (errs.Invalid) lists every problem, each
// naming its field as the overview form does.
func (x Details) Validate() error {
	var problems []error
	add := func(key string, fields map[string]any) {
		problems = append(problems, errs.E(errs.Invalid, errs.Key(key), fields))
	}
	if strings.TrimSpace(x.Title) == "" {
		add("pact.error.title_required", nil)
	}
	if !oneOf(x.Kind, Kinds) {
		add("pact.error.kind_unknown", map[string]any{"Value": x.Kind})
	}
	if x.StartDate != "" {
		if _, err := ParseDate(x.StartDate); err != nil {
			add("pact.error.field_date", map[string]any{"Label": errs.Key("pact.ui.field.start"), "Value": x.StartDate})
		}
	}
	months := func(v, most int64, label string) {
		if v < 0 || v > most {
			add("pact.error.months_range", map[string]any{"Label": errs.Key(label), "Max": most})
		}
	}
	months(x.DurationMonths, 1200, "pact.ui.field.duration")
	months(x.ExtensionMonths, 1200, "pact.ui.field.extension")
	months(x.ReportMonths, 120, "pact.ui.field.report_every")
	if len(problems) > 0 {
		return errs.E("pact details", errs.Invalid, errs.Join(problems...))
	}
	return nil
}

// SetDetails changes a pact's overview fields to x, all of them. x must have been read in
// the same transaction (DetailsOf of the pact as Load read it there): details read before
// it would write back, over what another process or a sync wrote meanwhile, the values
// they had then. A command that changes some fields uses PatchDetails, a form EditDetails.
func SetDetails(tx *model.Tx, pactID string, x Details) error {
	return setDetails(tx, pactID, nil, x)
}

// DetailsPatch is what a command changes in a pact's overview: the fields it was given,
// nil for every other one.
type DetailsPatch struct {
	Title, Kind, Lang, Summary, Category, StartDate *string
	DurationMonths, ExtensionMonths, ReportMonths   *int64
	Officer, Notes                                  *string
	Immaterial                                      *bool
}

// Empty reports whether the patch changes nothing.
func (x DetailsPatch) Empty() bool { return x == DetailsPatch{} }

// apply is p with the fields of the patch set, normalised as withDetails stores them; the
// other fields are p's.
func (x DetailsPatch) apply(p model.Pact) model.Pact {
	str := func(v *string, dst *string, norm func(string) string) {
		if v != nil {
			*dst = norm(*v)
		}
	}
	num := func(v *int64, dst *int64) {
		if v != nil {
			*dst = *v
		}
	}
	same := func(s string) string { return s }
	str(x.Title, &p.Title, strings.TrimSpace)
	str(x.Kind, &p.Kind, same)
	str(x.Lang, &p.Lang, i18n.Normalize)
	str(x.Summary, &p.Summary, same)
	str(x.Category, &p.Category, strings.TrimSpace)
	str(x.StartDate, &p.StartDate, same)
	num(x.DurationMonths, &p.DurationMonths)
	num(x.ExtensionMonths, &p.ExtensionMonths)
	num(x.ReportMonths, &p.ReportMonths)
	str(x.Officer, &p.Officer, strings.TrimSpace)
	str(x.Notes, &p.Notes, same)
	if x.Immaterial != nil {
		p.Immaterial = *x.Immaterial
	}
	return p
}

// PatchDetails changes the overview fields the patch sets, and only those, over the pact as
// stored when the transaction reads it: a field another process or a sync wrote meanwhile
// keeps its value. The pact as written is checked as a whole.
func PatchDetails(tx *model.Tx, pactID string, x DetailsPatch) error {
	if x.Empty() {
		return nil
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	before := d.Pact
	p := x.apply(before)
	if err := DetailsOf(p).Validate(); err != nil {
		return err
	}
	return tx.PutEdit(&before, &p)
}

// EditDetails writes what the overview form changed: the details in which x differs from
// base, the details as the form showed them when it was filled in. Details a sync brought
// meanwhile stay (model.Tx.PutEdit), and the pact as written is checked as a whole.
func EditDetails(tx *model.Tx, pactID string, base, x Details) error {
	return setDetails(tx, pactID, &base, x)
}

func setDetails(tx *model.Tx, pactID string, base *Details, x Details) error {
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	p := withDetails(d.Pact, x)
	if err := DetailsOf(p).Validate(); err != nil {
		return err
	}
	// A language chosen in the form re-renders the sections from its templates (SetLang).
	if to := i18n.Normalize(x.Lang); to != i18n.Normalize(d.Pact.Lang) && (base == nil || i18n.Normalize(base.Lang) != to) {
		if _, err := SetLang(tx, pactID, to); err != nil {
			return err
		}
	}
	if base == nil {
		return tx.Put(&p)
	}
	b := withDetails(d.Pact, *base)
	if err := tx.PutEdit(&b, &p); err != nil {
		return err
	}
	return DetailsOf(p).Validate()
}

// withDetails is p with the overview fields of x, normalised as they are stored.
func withDetails(p model.Pact, x Details) model.Pact {
	p.Title, p.Kind, p.Lang, p.Summary, p.Category = strings.TrimSpace(x.Title), x.Kind, i18n.Normalize(x.Lang), x.Summary, strings.TrimSpace(x.Category)
	p.StartDate, p.DurationMonths, p.ExtensionMonths, p.ReportMonths = x.StartDate, x.DurationMonths, x.ExtensionMonths, x.ReportMonths
	p.Officer, p.Immaterial, p.Notes = strings.TrimSpace(x.Officer), x.Immaterial, x.Notes
	return p
}

// SetSection replaces the text of one section, or of the pact's own premises (key
// "premises"; an empty text goes back to the workspace's). A text whose fields are wrong is
// refused with a message saying what to fix.
func SetSection(tx *model.Tx, pactID, key, text string) error {
	return setSection(tx, pactID, key, nil, text)
}

// EditSection writes a section's text from the editor, which showed it as base (the stored
// text) when it opened it. Were the stored text changed meanwhile (a sync), the editor's
// text is written and the other one kept as a conflict record (model.Tx.PutEdit).
func EditSection(tx *model.Tx, pactID, key, base, text string) error {
	return setSection(tx, pactID, key, &base, text)
}

func setSection(tx *model.Tx, pactID, key string, base *string, text string) error {
	if _, err := Render(key, text, SampleFields()); err != nil {
		return err
	}
	text = Template(text) // stored as its template: [Title] as {{.Title}}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	s, ok := d.Section(key)
	if !ok {
		if key != PremisesKey && !IsBuiltin(key) {
			keys := []string{PremisesKey}
			for _, x := range d.Sections {
				if x.Key != PremisesKey {
					keys = append(keys, x.Key)
				}
			}
			return errs.E(errs.NotFound, errs.Key("pact.error.section_unknown"), map[string]any{"Value": key, "Values": strings.Join(keys, ", ")})
		}
		// The premises come first (position 0); a built-in section the pact lacks comes
		// back at the end.
		s = model.PactSection{PactID: pactID, Key: key, Onerous: OnerousSections[key]}
		if key != PremisesKey {
			s.Position = d.lastPosition() + 1
		}
	}
	b := s
	s.Text = text
	if b.Text != text {
		s.Translate = "" // written now in the pact's language
	}
	if base == nil || !ok {
		return tx.Put(&s)
	}
	b.Text = *base
	return tx.PutEdit(&b, &s)
}
