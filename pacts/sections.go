// A pact's own sections: added, removed, moved and retitled while it is not signed.
// Numbering follows their order.

package pacts

import (
	"strings"

	"pacta/internal/errs"
	"pacta/model"
)

// lastPosition is the position of the pact's last section (0 without sections).
func (d *Dossier) lastPosition() int64 {
	var last int64
	for _, s := range d.Sections {
		last = max(last, s.Position)
	}
	return last
}

// NewSection is a section a pact adds to its agreement.
type NewSection struct {
	Key     string
	Title   string // in the pact's language; a built-in key may leave it empty
	Text    string
	Onerous bool   // approved specifically by the second signature (Art. 1341 c.c.)
	After   string // the key it follows; empty: at the end
}

// AddSection adds a section to a pact not signed yet. A key the pact has already, or the
// premises, is refused; the text is checked as any section's.
func AddSection(tx *model.Tx, pactID string, n NewSection) (model.PactSection, error) {
	n.Key, n.Title = strings.TrimSpace(n.Key), strings.TrimSpace(n.Title)
	if err := checkKey(n.Key); err != nil {
		return model.PactSection{}, err
	}
	if !IsBuiltin(n.Key) && n.Title == "" {
		return model.PactSection{}, errs.E("section "+n.Key, errs.Invalid, errs.Key("pact.error.section_title_required"))
	}
	if strings.TrimSpace(n.Text) == "" {
		return model.PactSection{}, errs.E("section "+n.Key, errs.Invalid, errs.Key("pact.error.section_text_required"))
	}
	if _, err := Render(n.Key, n.Text, SampleFields()); err != nil {
		return model.PactSection{}, err
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return model.PactSection{}, err
	}
	if _, ok := d.Section(n.Key); ok {
		return model.PactSection{}, errs.E("section "+n.Key, errs.Conflict, errs.Key("pact.error.section_twice"), map[string]any{"Key": n.Key})
	}
	secs := d.numbered()
	at := len(secs)
	if n.After != "" {
		at = -1
		for i, s := range secs {
			if s.Key == n.After {
				at = i + 1
			}
		}
		if at < 0 {
			return model.PactSection{}, d.unknownSection(n.After)
		}
	}
	s := model.PactSection{PactID: pactID, Key: n.Key, Title: n.Title, Text: Template(n.Text), Onerous: n.Onerous, Position: int64(at + 1)}
	if err := tx.Put(&s); err != nil {
		return s, err
	}
	secs = append(secs[:at], append([]model.PactSection{s}, secs[at:]...)...)
	return s, renumberSections(tx, secs)
}

// RemoveSection takes a section off a pact not signed yet. A section the regulation
// requires stays.
func RemoveSection(tx *model.Tx, pactID, key string) error {
	if RequiredSections[key] {
		return errs.E("section "+key, errs.Invalid, errs.Key("pact.error.section_required"), map[string]any{"Section": errs.Key("pact.section." + key)})
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	s, ok := d.Section(key)
	if !ok || key == PremisesKey {
		return d.unknownSection(key)
	}
	if err := tx.Delete(&s); err != nil {
		return err
	}
	var rest []model.PactSection
	for _, x := range d.numbered() {
		if x.ID != s.ID {
			rest = append(rest, x)
		}
	}
	return renumberSections(tx, rest)
}

// MoveSection moves a section of a pact not signed yet to number to (1 is the first).
func MoveSection(tx *model.Tx, pactID, key string, to int) error {
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	secs := d.numbered()
	from := -1
	for i, s := range secs {
		if s.Key == key {
			from = i
		}
	}
	if from < 0 {
		return d.unknownSection(key)
	}
	to = min(max(to, 1), len(secs)) - 1
	s := secs[from]
	secs = append(secs[:from], secs[from+1:]...)
	secs = append(secs[:to], append([]model.PactSection{s}, secs[to:]...)...)
	return renumberSections(tx, secs)
}

// RetitleSection gives a section of a pact not signed yet its own title (empty: the
// default one of a built-in section).
func RetitleSection(tx *model.Tx, pactID, key, title string) error {
	title = strings.TrimSpace(title)
	if !IsBuiltin(key) && title == "" {
		return errs.E("section "+key, errs.Invalid, errs.Key("pact.error.section_title_required"))
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return err
	}
	s, ok := d.Section(key)
	if !ok || key == PremisesKey {
		return d.unknownSection(key)
	}
	after := s
	after.Title = title
	return tx.PutEdit(&s, &after)
}

// numbered are the pact's sections without the premises, in order.
func (d *Dossier) numbered() []model.PactSection {
	var out []model.PactSection
	for _, s := range d.Sections {
		if s.Key != PremisesKey {
			out = append(out, s)
		}
	}
	return out
}

func (d *Dossier) unknownSection(key string) error {
	var keys []string
	for _, s := range d.numbered() {
		keys = append(keys, s.Key)
	}
	return errs.E("section "+key, errs.NotFound, errs.Key("pact.error.section_unknown"), map[string]any{"Value": key, "Values": strings.Join(keys, ", ")})
}

// renumberSections writes the positions 1… in the sections' order, each only if it changed.
func renumberSections(tx *model.Tx, secs []model.PactSection) error {
	for i, s := range secs {
		after := s
		after.Position = int64(i + 1)
		if after.Position != s.Position {
			if err := tx.PutEdit(&s, &after); err != nil {
				return err
			}
		}
	}
	return nil
}

// SectionHeading is the heading of a section as an agreement prints it in lang: its own
// title, else the built-in one, else its key.
func SectionHeading(lang string, s AgreementText) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return DefaultTitle(lang, s.Key)
}
