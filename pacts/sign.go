package pacts

import (
	"fmt"
	"strings"
	"time"

	"pacta/internal/errs"
	"pacta/model"
)

// Signature is one party's signature as recorded.
type Signature struct {
	Party  string // the party's name or id
	Signer string // who signed for it
	Date   string // YYYY-MM-DD
	Method string // paper (default) or digital
}

// currentAgreement builds the current version's canonical content.
func currentAgreement(q model.Querier, d *Dossier) (*Agreement, error) {
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	premises, err := TemplateText(q, d.Pact.Lang, PremisesKey)
	if err != nil {
		return nil, err
	}
	return d.Agreement(ws, premises)
}

// AgreementOf is the content a pact prints: the frozen content of its current version if
// a party signed it, else the content built from its rows now. Frozen reports which.
func AgreementOf(q model.Querier, d *Dossier) (a *Agreement, hash string, frozen bool, err error) {
	if v, ok := d.FrozenVersion(); ok {
		a, err := ParseAgreement(v.Content)
		return a, v.SHA256, true, err
	}
	a, err = currentAgreement(q, d)
	if err != nil {
		return nil, "", false, err
	}
	_, hash, err = a.Canonical()
	return a, hash, false, err
}

// Sign records one party's signature of the pact's current version. The first signature
// freezes the version: its canonical content and SHA-256 are kept, and later changes need
// an amendment. When every party has signed an approved pact, it becomes signed.
func Sign(tx *model.Tx, pactID string, s Signature, by By) (model.PactSignature, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return model.PactSignature{}, err
	}
	p := d.Pact
	action := p.Ref + " sign"
	refuse := func(rs ...Reason) (model.PactSignature, error) {
		return model.PactSignature{}, &Refusal{Action: action, Reasons: rs}
	}
	switch {
	case p.Status == Approved:
	case p.Version > 1 && oneOf(p.Status, []string{Signed, Active, Suspended, Extended}):
	default:
		return refuse(reason("pact.refuse.sign_status", "Status", statusRef(p.Status)))
	}
	party, err := d.FindParty(s.Party)
	if err != nil {
		return model.PactSignature{}, err
	}
	for _, x := range d.SignaturesOfCurrent() {
		if x.PartyID == party.ID {
			return refuse(reason("pact.refuse.already_signed", "Party", party.Name, "Version", p.Version, "Date", x.SignedOn))
		}
	}
	if strings.TrimSpace(s.Signer) == "" {
		return refuse(reason("pact.refuse.no_signer"))
	}
	if err := d.checkSignDate(s.Date, by); err != nil {
		return model.PactSignature{}, err
	}
	if s.Method == "" {
		s.Method = "paper"
	}
	if !oneOf(s.Method, SignMethods) {
		return model.PactSignature{}, errs.E("sign "+p.Ref, errs.Invalid, errs.Key("pact.error.sign_method_unknown"), map[string]any{"Value": s.Method})
	}
	if rs := ContentProblems(d); len(rs) > 0 {
		return refuse(rs...)
	}
	now := by.now()
	v, frozen := d.FrozenVersion()
	if !frozen {
		a, err := currentAgreement(tx, d)
		if err != nil {
			return model.PactSignature{}, err
		}
		content, hash, err := a.Canonical()
		if err != nil {
			return model.PactSignature{}, err
		}
		v = model.PactVersion{PactID: p.ID, Number: p.Version, Content: string(content), SHA256: hash, FrozenAt: now.UTC().Format(time.RFC3339)}
		if err := tx.Put(&v); err != nil {
			return model.PactSignature{}, fmt.Errorf("freeze %s version %d: %w", p.Ref, p.Version, err)
		}
		d.Versions = append(d.Versions, v)
	}
	sig := model.PactSignature{PactID: p.ID, VersionID: v.ID, Version: p.Version, PartyID: party.ID, PartyName: party.Name,
		Role: party.Role, Signer: strings.TrimSpace(s.Signer), SignedOn: s.Date, Method: s.Method, SHA256: v.SHA256, Device: tx.Device()}
	if err := tx.Put(&sig); err != nil {
		return sig, fmt.Errorf("sign %s: %w", p.Ref, err)
	}
	d.Signatures = append(d.Signatures, sig)
	if p.Status == Approved && d.FullySigned() {
		if err := applyTransition(tx, d, Signed, "signed by every party", by.Actor, now); err != nil {
			return sig, err
		}
	}
	return sig, nil
}

// checkSignDate refuses a date that does not exist, one in the future, and one before the
// version was approved (for an amendment, before it was opened).
func (d *Dossier) checkSignDate(date string, by By) error {
	p := d.Pact
	if _, err := ParseDate(date); err != nil {
		return fmt.Errorf("sign %s: %w", p.Ref, err)
	}
	if today := Day(by.now()); date > today {
		return &Refusal{Action: p.Ref + " sign", Reasons: []Reason{reason("pact.refuse.sign_future", "Date", date, "Today", today)}}
	}
	if since := d.openedForSignature(); since != "" && date < since {
		return &Refusal{Action: p.Ref + " sign", Reasons: []Reason{reason("pact.refuse.sign_before_approval", "Date", date, "Since", since)}}
	}
	return nil
}

// openedForSignature is the day the current version could first be signed: its approval,
// or, for an amendment, the day it was opened; "" when the history does not say.
func (d *Dossier) openedForSignature() string {
	day := ""
	for _, t := range d.Transitions {
		if t.Version != d.Pact.Version {
			continue
		}
		if t.ToStatus == Approved || (d.Pact.Version > 1 && t.FromStatus == t.ToStatus && t.FromStatus != "") {
			if at, err := time.Parse(time.RFC3339, t.At); err == nil {
				day = Day(at.Local())
			}
		}
	}
	return day
}

// Correction is a signature record corrected: the party whose record was wrong, the values
// it should have had (an empty one stays as recorded), and why.
type Correction struct {
	Party  string // the party's name or id
	Signer string
	Date   string
	Method string
	Reason string
}

// CorrectSignature corrects a wrong signature record of the current version: a new record
// over the same frozen content, whose hash does not change, that names the one it corrects,
// who made the correction and why. The wrong record stays, in the history of signatures. A pact whose start
// was taken from the wrong date starts on the corrected one.
func CorrectSignature(tx *model.Tx, pactID string, c Correction, by By) (model.PactSignature, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return model.PactSignature{}, err
	}
	p := d.Pact
	action := p.Ref + " correct signature"
	party, err := d.FindParty(c.Party)
	if err != nil {
		return model.PactSignature{}, err
	}
	var old model.PactSignature
	found := false
	for _, x := range d.SignaturesOfCurrent() {
		if x.PartyID == party.ID {
			old, found = x, true
		}
	}
	if !found {
		return model.PactSignature{}, &Refusal{Action: action, Reasons: []Reason{reason("pact.refuse.correct_unsigned", "Party", party.Name, "Version", p.Version)}}
	}
	if strings.TrimSpace(c.Reason) == "" {
		return model.PactSignature{}, &Refusal{Action: action, Reasons: []Reason{reason("pact.refuse.correct_reason")}}
	}
	if strings.TrimSpace(by.Actor) == "" {
		return model.PactSignature{}, &Refusal{Action: action, Reasons: []Reason{reason("pact.refuse.correct_actor")}}
	}
	sig := old
	sig.ID, sig.Corrects, sig.Reason, sig.Actor, sig.Device = "", old.ID, strings.TrimSpace(c.Reason), strings.TrimSpace(by.Actor), tx.Device()
	if strings.TrimSpace(c.Signer) != "" {
		sig.Signer = strings.TrimSpace(c.Signer)
	}
	if c.Date != "" {
		if err := d.checkSignDate(c.Date, by); err != nil {
			return sig, err
		}
		sig.SignedOn = c.Date
	}
	if c.Method != "" {
		if !oneOf(c.Method, SignMethods) {
			return sig, errs.E(action, errs.Invalid, errs.Key("pact.error.sign_method_unknown"), map[string]any{"Value": c.Method})
		}
		sig.Method = c.Method
	}
	if sig.Signer == old.Signer && sig.SignedOn == old.SignedOn && sig.Method == old.Method {
		return sig, &Refusal{Action: action, Reasons: []Reason{reason("pact.refuse.correct_nothing")}}
	}
	lastBefore := lastSignatureDate(d)
	if err := tx.Put(&sig); err != nil {
		return sig, fmt.Errorf("%s: %w", action, err)
	}
	d.Signatures = append(d.Signatures, sig)
	if lastAfter := lastSignatureDate(d); p.Status == Signed && p.StartDate == lastBefore && lastAfter != lastBefore {
		before := p
		p.StartDate = lastAfter
		if err := tx.PutEdit(&before, &p); err != nil {
			return sig, err
		}
	}
	// The history is the records themselves: the new one names the one it corrects, who
	// corrected it and why (a status change would read as an amendment opened).
	return sig, nil
}

// Amend opens a new version of a signed pact: the signed version stays as it was, and the
// new one can be edited and is then signed again by every party.
func Amend(tx *model.Tx, pactID, note string, by By) (int64, error) {
	d, err := Load(tx, pactID)
	if err != nil {
		return 0, err
	}
	p := d.Pact
	if _, ok := d.FrozenVersion(); !ok {
		return 0, &Refusal{Action: p.Ref + " amend", Reasons: []Reason{reason("pact.refuse.not_frozen", "Version", p.Version)}}
	}
	if !d.FullySigned() {
		return 0, &Refusal{Action: p.Ref + " amend", Reasons: []Reason{reason("pact.refuse.amend_unsigned", "Version", p.Version)}}
	}
	if !oneOf(p.Status, []string{Signed, Active, Suspended, Extended}) {
		return 0, &Refusal{Action: p.Ref + " amend", Reasons: []Reason{reason("pact.refuse.closed", "Status", statusRef(p.Status))}}
	}
	if strings.TrimSpace(note) == "" {
		return 0, &Refusal{Action: p.Ref + " amend", Reasons: []Reason{reason("pact.refuse.amend_note")}}
	}
	p.Version++
	if err := tx.Put(&p); err != nil {
		return 0, err
	}
	// The history keeps why the amendment was opened; the status does not change.
	return p.Version, tx.Put(&model.PactTransition{PactID: p.ID, FromStatus: p.Status, ToStatus: p.Status,
		At: by.now().UTC().Format(time.RFC3339), Actor: by.Actor, Device: tx.Device(), Reason: strings.TrimSpace(note), Version: p.Version})
}

// Verify recomputes the SHA-256 of every frozen version and of every signature's version:
// a mismatch means the stored content was altered.
func Verify(d *Dossier) error {
	hashes := map[int64]string{}
	for _, v := range d.Versions {
		a, err := ParseAgreement(v.Content)
		if err != nil {
			return fmt.Errorf("%s version %d: %w", d.Pact.Ref, v.Number, err)
		}
		_, h, err := a.Canonical()
		if err != nil {
			return err
		}
		if h != v.SHA256 {
			return fmt.Errorf("%s version %d: its content does not match its SHA-256; it was altered after signing", d.Pact.Ref, v.Number)
		}
		hashes[v.Number] = h
	}
	for _, s := range d.Signatures {
		if hashes[s.Version] != s.SHA256 {
			return fmt.Errorf("%s: the signature of %s is for content %s, not version %d as kept", d.Pact.Ref, s.PartyName, short(s.SHA256), s.Version)
		}
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
