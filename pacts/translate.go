// An agreement in another language than the pact's: its section texts come again from
// that language's templates, never from a fallback language; a text the pact wrote itself
// has no translation, and an agreement lacking any text in that language is refused with
// the list of what is missing.

package pacts

import (
	"fmt"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// MissingLangError refuses an agreement in a language that lacks some of its texts.
type MissingLangError struct {
	Ref     string
	Lang    string
	Missing []Missing // what lacks
}

// Missing is one thing a language lacks for an agreement: a section (its heading as the
// pact writes it) and why, as message keys, said in the reader's language.
type Missing struct {
	Heading string         // "3. Durata" (the pact's own words); "" for the agreement's words
	Key     string         // for the agreement's words or the premises: the message naming it
	Data    map[string]any // its data
	Why     []string       // message keys: pact.lang.own_text, pact.lang.no_template…
}

// in says m in lang.
func (m Missing) in(lang string) string {
	loc := i18n.In(lang)
	text := m.Heading
	if m.Key != "" {
		text = loc.T(m.Key, m.Data)
	}
	if len(m.Why) > 0 {
		why := make([]string, len(m.Why))
		for i, k := range m.Why {
			why[i] = loc.T(k)
		}
		text += " (" + strings.Join(why, ", ") + ")"
	}
	return text
}

// listed is how many of the missing things a refusal names; the others are counted (a
// language with no template at all lacks every section: a dialog could not hold them).
const listed = 4

func (e *MissingLangError) list(lang string) string {
	var out []string
	for i, m := range e.Missing {
		if i == listed && len(e.Missing) > listed+1 {
			out = append(out, i18n.In(lang).N("pact.lang.and_more", len(e.Missing)-listed))
			break
		}
		out = append(out, m.in(lang))
	}
	return strings.Join(out, "; ")
}

func (e *MissingLangError) Error() string { return e.Localized(i18n.Source) }

// Kind is errs.Invalid: the texts are to be translated first.
func (e *MissingLangError) Kind() errs.Kind { return errs.Invalid }

// Localized says the refusal in lang, what is missing included.
func (e *MissingLangError) Localized(lang string) string {
	return i18n.In(lang).T("pact.error.lang_missing", map[string]any{"Ref": e.Ref, "Lang": i18n.Name(e.Lang),
		"Missing": e.list(lang)})
}

// templateIn is the workspace's text of key in exactly lang: its own, else the built-in
// one of that language; "" when lang has neither (no fallback to another language).
func templateIn(q model.Querier, lang, key string) string {
	if t := StoredTemplate(q, lang, key); !t.Deleted && strings.TrimSpace(t.Text) != "" {
		return t.Text
	}
	return defaults[lang][key]
}

// sameText compares two section texts as templates, whitespace aside.
func sameText(a, b string) bool {
	return strings.TrimSpace(Template(a)) == strings.TrimSpace(Template(b))
}

// fromTemplate reports whether a pact's text of key (in the pact's language from) is the
// workspace's template or the built-in one, unchanged: then it has a translation.
func fromTemplate(q model.Querier, from, key, text string) bool {
	if strings.TrimSpace(text) == "" {
		return false
	}
	if t := StoredTemplate(q, from, key); !t.Deleted && strings.TrimSpace(t.Text) != "" && sameText(t.Text, text) {
		return true
	}
	if d, ok := defaults[from][key]; ok && sameText(d, text) {
		return true
	}
	return false
}

// textIn is the text of key in lang for a pact whose text in from is text: lang's template
// when the pact's text is from's; "" when the pact wrote its own or lang has none.
func textIn(q model.Querier, from, lang, key, text string) string {
	if !fromTemplate(q, from, key, text) {
		return ""
	}
	// The workspace's own text in from has its translation in the workspace's own text in
	// lang; a built-in text in the built-in one.
	if t := StoredTemplate(q, from, key); !t.Deleted && strings.TrimSpace(t.Text) != "" && sameText(t.Text, text) {
		if o := StoredTemplate(q, lang, key); !o.Deleted && strings.TrimSpace(o.Text) != "" {
			return o.Text
		}
		return ""
	}
	return defaults[lang][key]
}

// titleIn is the heading of section s (of a pact in from) in lang: "" for the built-in
// heading, or the workspace's title in lang; else why lang has none (a key of the
// pact.lang.* messages): the pact gave it a title of its own, or lang has no title for it.
func titleIn(q model.Querier, from, lang string, s model.PactSection) (title, missing string) {
	own := strings.TrimSpace(s.Title)
	if own != "" && own != strings.TrimSpace(StoredTemplate(q, from, s.Key).Title) {
		return "", "pact.lang.own_title"
	}
	if t := StoredTemplate(q, lang, s.Key); !t.Deleted && strings.TrimSpace(t.Title) != "" {
		return strings.TrimSpace(t.Title), ""
	}
	if IsBuiltin(s.Key) {
		if _, ok := i18n.Default().Text(lang, "pact.section."+s.Key); ok {
			return "", ""
		}
	}
	return "", "pact.lang.no_title"
}

// wordingPrefixes are the keys of the words an agreement prints around its texts.
var wordingPrefixes = []string{"pact.pdf.", "pact.word.", "pact.role.", "pact.role_as.", "pact.month.", "pact.date",
	"pact.months", "pact.party_type.", "pact.support.", "pact.sign_method."}

// missingWording counts the agreement's own words lang has no text for.
func missingWording(lang string) (missing, total int) {
	b := i18n.Default()
	for _, k := range b.Keys(i18n.Source) {
		for _, p := range wordingPrefixes {
			if strings.HasPrefix(k, p) {
				total++
				if _, ok := b.Text(lang, k); !ok {
					missing++
				}
				break
			}
		}
	}
	return missing, total
}

// In is the dossier with its texts in lang, from lang's templates, and the premises
// template to render with it; or a *MissingLangError naming what lang lacks. The pact's own
// language gives the dossier itself.
func (d *Dossier) In(q model.Querier, lang string) (*Dossier, string, error) {
	from := d.Pact.Lang
	lang = i18n.Normalize(lang)
	if lang == from {
		premises, err := TemplateText(q, from, PremisesKey)
		return d, premises, err
	}
	from = i18n.Normalize(from)
	var missing []Missing
	if n, total := missingWording(lang); n > 0 {
		missing = append(missing, Missing{Key: "pact.lang.missing_wording", Data: map[string]any{"Missing": n, "Total": total}})
	}
	out := *d
	out.Pact.Lang = lang
	out.Sections = make([]model.PactSection, 0, len(d.Sections))
	premises := templateIn(q, lang, PremisesKey)
	if own, ok := d.Section(PremisesKey); (!ok || strings.TrimSpace(own.Text) == "") && strings.TrimSpace(premises) == "" {
		missing = append(missing, Missing{Key: "pact.pdf.premises"})
	}
	n := 0
	for _, s := range d.Sections {
		m := Missing{Key: "pact.pdf.premises"}
		if s.Key != PremisesKey {
			n++
			// The section as the pact names it: its heading in its own language.
			m = Missing{Heading: fmt.Sprintf("%d. %s", n, SectionHeading(from, AgreementText{Key: s.Key, Title: s.Title}))}
		}
		t := s
		if s.Key == PremisesKey && strings.TrimSpace(s.Text) == "" {
			out.Sections = append(out.Sections, t)
			continue
		}
		var why []string
		if s.Translate != "" {
			why = append(why, "pact.lang.to_translate")
		} else if t.Text = textIn(q, from, lang, s.Key, s.Text); t.Text == "" {
			if fromTemplate(q, from, s.Key, s.Text) {
				why = append(why, "pact.lang.no_template")
			} else {
				why = append(why, "pact.lang.own_text")
			}
		}
		if s.Key != PremisesKey {
			title, no := titleIn(q, from, lang, s)
			if no != "" {
				why = append(why, no)
			}
			t.Title = title
		}
		if len(why) > 0 {
			m.Why = why
			missing = append(missing, m)
		}
		out.Sections = append(out.Sections, t)
	}
	if len(missing) > 0 {
		return nil, "", &MissingLangError{Ref: d.Pact.Ref, Lang: lang, Missing: missing}
	}
	return &out, premises, nil
}

// AgreementIn is the agreement a prints (of d) in lang: a itself in its own language, else
// the current version's content rendered from lang's templates, with names, dates and
// numbers as lang writes them. A language lacking a text gives a *MissingLangError.
func AgreementIn(q model.Querier, d *Dossier, a *Agreement, lang string) (*Agreement, error) {
	lang = i18n.Normalize(lang)
	if lang == i18n.Normalize(a.Lang) {
		return a, nil
	}
	t, premises, err := d.In(q, lang)
	if err != nil {
		return nil, err
	}
	ws, err := LoadWorkspace(q)
	if err != nil {
		return nil, err
	}
	out, err := t.Agreement(ws, premises)
	if err != nil {
		return nil, err
	}
	out.Version = a.Version
	return out, nil
}
