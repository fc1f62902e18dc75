package pacts

import (
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// SetLang changes the language of a pact that may still be edited (issue 22): each section
// whose text is the old language's template takes the new language's template text, and its
// template title the new one's; a section with a text of its own keeps it and is flagged as
// written in the old language (PactSection.Translate), to be translated; so is a section
// the new language has no template for (never a text in a third language). It returns the
// keys of the sections flagged. Going back to the language a flagged text was written in
// clears its flag.
func SetLang(tx *model.Tx, pactID, lang string) ([]string, error) {
	code := i18n.Normalize(lang)
	if lang == "" || (code == i18n.Source && !strings.HasPrefix(strings.ToLower(lang), i18n.Source)) || code == i18n.Pseudo {
		return nil, errs.E("pact language", errs.Invalid, errs.Key("pact.error.lang_unknown"), map[string]any{"Value": lang})
	}
	d, err := editable(tx, pactID)
	if err != nil {
		return nil, err
	}
	from := i18n.Normalize(d.Pact.Lang)
	if from == code {
		return nil, nil
	}
	var flagged []string
	for _, s := range d.Sections {
		after := s
		switch {
		case strings.TrimSpace(s.Text) == "":
			// nothing written: the premises print from the new language's template
		case s.Translate == "" && fromTemplate(tx, from, s.Key, s.Text):
			if t := textIn(tx, from, code, s.Key, s.Text); t != "" {
				after.Text = t
			} else {
				after.Translate = from // the new language has no such template
			}
		case s.Translate == code:
			after.Translate = "" // back in the language it was written in
		case s.Translate == "":
			after.Translate = from
		}
		if s.Key != PremisesKey && strings.TrimSpace(s.Title) != "" && isTemplateTitle(tx, from, s) {
			after.Title = ""
			if !IsBuiltin(s.Key) {
				after.Title = SectionTitle(tx, code, s.Key)
			} else if t := StoredTemplate(tx, code, s.Key); !t.Deleted {
				after.Title = strings.TrimSpace(t.Title)
			}
		}
		if after.Translate != "" {
			flagged = append(flagged, s.Key)
		}
		if after != s {
			b := s
			if err := tx.PutEdit(&b, &after); err != nil {
				return nil, errs.E("pact language "+d.Pact.Ref, err)
			}
		}
	}
	before := d.Pact
	p := before
	p.Lang = code
	if err := tx.PutEdit(&before, &p); err != nil {
		return nil, errs.E("pact language "+d.Pact.Ref, err)
	}
	return flagged, nil
}

// isTemplateTitle reports whether a section's own title is the workspace's title of that
// section in lang (it came from the templates, not from the person).
func isTemplateTitle(q model.Querier, lang string, s model.PactSection) bool {
	own := strings.TrimSpace(s.Title)
	if t := StoredTemplate(q, lang, s.Key); !t.Deleted && strings.TrimSpace(t.Title) == own {
		return true
	}
	return !IsBuiltin(s.Key) && SectionTitle(q, lang, s.Key) == own
}
