package pacts

import (
	"embed"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// Section keys: the built-in sections, in their default order: the ten of the
// Palermo/Bologna model, then termination for breach, guarantees (Art. 5 f), collective
// enjoyment (Art. 5 d), sanctions and exclusion (Art. 5 i, j), final provisions and the
// privacy notice (GDPR art. 13), as Palermo's articles 11–14 and the Labsus model have them.
var SectionKeys = []string{"object", "duration", "roles", "monitoring", "risks", "liability", "disputes", "support", "amendments", "end_effects",
	"termination", "guarantees", "enjoyment", "sanctions", "final", "privacy"}

// PremisesKey is the template of the premises, which open every agreement.
const PremisesKey = "premises"

// TemplateKeys are the premises and the built-in sections.
var TemplateKeys = append([]string{PremisesKey}, SectionKeys...)

// RequiredSections must be filled before a pact is approved or signed. Risks and municipal
// support may be left empty when there is nothing to say.
var RequiredSections = map[string]bool{"object": true, "duration": true, "roles": true, "monitoring": true,
	"liability": true, "disputes": true, "amendments": true, "end_effects": true}

//go:embed templates/*.json
var templateFS embed.FS

// defaults: lang → key → text, read once from the embedded files.
var defaults = loadDefaults()

func loadDefaults() map[string]map[string]string {
	out := map[string]map[string]string{}
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		panic(fmt.Sprintf("pacts: embedded templates: %v", err))
	}
	for _, e := range entries {
		b, err := templateFS.ReadFile("templates/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("pacts: embedded template %s: %v", e.Name(), err))
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("pacts: embedded template %s is not valid JSON: %v", e.Name(), err))
		}
		out[strings.TrimSuffix(e.Name(), ".json")] = m
	}
	return out
}

// TemplateLangs lists the languages with default texts.
func TemplateLangs() []string {
	out := make([]string, 0, len(defaults))
	for l := range defaults {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// DefaultText is the embedded default of a template key in lang, following the language
// chain (Kichwa → Spanish → English): never invented text.
func DefaultText(lang, key string) string {
	for _, l := range i18n.Chain(i18n.Normalize(lang)) {
		if t, ok := defaults[l][key]; ok {
			return t
		}
	}
	return ""
}

// TemplateText is the workspace's text of a template key in lang: its own override if it
// has one, else the default.
func TemplateText(q model.Querier, lang, key string) (string, error) {
	lang = i18n.Normalize(lang)
	ts, err := PactTemplates(q, lang)
	if err != nil {
		return "", err
	}
	for _, t := range ts {
		if t.Key == key && strings.TrimSpace(t.Text) != "" {
			return t.Text, nil
		}
	}
	return DefaultText(lang, key), nil
}

// SetTemplate stores the workspace's own text of a template key in lang; an empty text
// goes back to the default. The text is checked first.
func SetTemplate(tx *model.Tx, lang, key, text string) error {
	if err := checkTemplate(tx, key, text); err != nil {
		return err
	}
	text = Template(text)
	lang = i18n.Normalize(lang)
	if strings.TrimSpace(text) == "" {
		// The row as stored now is removed, and only removed: its text stays in the
		// tombstone, as the editor's reset leaves it (EditTemplate). A title of its own
		// keeps the row, without text.
		t := StoredTemplate(tx, lang, key)
		if t.Deleted {
			return nil // no text of its own: the default applies already
		}
		if strings.TrimSpace(t.Title) != "" {
			after := t
			after.Text = ""
			return tx.PutEdit(&t, &after)
		}
		return tx.Delete(&t)
	}
	t := StoredTemplate(tx, lang, key)
	return tx.Put(&model.PactTemplate{Row: model.Row{ID: PactTemplateID(lang, key)}, Lang: lang, Key: key, Text: text, Title: t.Title})
}

// StoredTemplate is the workspace's own row of a template key in lang as stored now; when
// there is none (the default text applies), a tombstone without text. An editor keeps it as
// the base of EditTemplate.
func StoredTemplate(q model.Querier, lang, key string) model.PactTemplate {
	lang = i18n.Normalize(lang)
	id := PactTemplateID(lang, key)
	if e, err := model.LoadEntity(q, "pact_templates", id); err == nil {
		return *e.(*model.PactTemplate)
	}
	return model.PactTemplate{Row: model.Row{ID: id, Deleted: true}, Lang: lang, Key: key}
}

// EditTemplate is SetTemplate for an editor that began from base (StoredTemplate): were
// the text changed elsewhere meanwhile, the editor's text is written and the other one kept
// as a conflict (model.Tx.PutEdit). An empty text goes back to the default.
func EditTemplate(tx *model.Tx, base model.PactTemplate, text string) error {
	if err := checkTemplate(tx, base.Key, text); err != nil {
		return err
	}
	text = Template(text)
	t := base
	switch {
	case strings.TrimSpace(text) == "" && strings.TrimSpace(base.Title) != "":
		t.Text = ""
	case strings.TrimSpace(text) == "":
		t.Deleted = true
	default:
		t.Text, t.Deleted = text, false
	}
	return tx.PutEdit(&base, &t)
}

// checkTemplate refuses a key that is neither the premises nor a section of the workspace,
// or a text whose fields are wrong.
func checkTemplate(q model.Querier, key, text string) error {
	keys, err := WorkspaceKeys(q)
	if err != nil {
		return err
	}
	if key != PremisesKey && !oneOf(key, keys) {
		return errs.E("template "+key, errs.Invalid, errs.Key("pact.error.template_unknown"), map[string]any{"Values": PremisesKey + ", " + strings.Join(keys, ", ")})
	}
	_, err = Render(key, text, SampleFields())
	return err
}

// Fields are what a section text may use, e.g. {{.Proponent}} or {{.StartDate}}; the
// names (Municipality, Regulation, Proponent, Proponents) also take the grammar helpers: {{the
// .Municipality}}, {{to .Municipality}}, {{agree .Proponents "rappresentato"}}.
type Fields struct {
	Ref          string
	Title        string
	Municipality Noun
	LegalBasis   string
	Regulation   Noun // what the municipal rules are called: "Reglamento", "Ordenanza"
	Proponent    Noun // the first proponent
	Proponents   Noun // every proponent and co-signatory, as a list
	SubmittedOn  string
	StartDate    string
	EndDate      string
	Duration     string // "4 months"
	Extension    string // "2 months", or empty
	ReportEvery  string // "6 months"
	Assets       string // "Piazza Fonderia (Piazza Fonderia, Palermo)", joined
	Officer      string
	Support      string // the forms of support, joined
	Seat         string // the municipality's seat
	Place        string // the place of signature
	Acts         string // the acts of the procedure cited, one "VISTA …;" paragraph each

	lang    string         // of the text: the grammar helpers follow it
	numbers map[string]int // section key → its number in this agreement
}

// FieldNames lists the fields a template may use.
func FieldNames() []string {
	t := reflect.TypeOf(Fields{})
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	return out
}

// SampleFields fill every field, to check a template before it is saved.
func SampleFields() Fields {
	return Fields{Ref: "PACT-2026-0001", Title: "Title", Municipality: Noun{Name: "Municipality"}, LegalBasis: "Regulation", Regulation: Noun{Name: "Regulation"},
		Proponent: Noun{Name: "Proponent"}, Proponents: Noun{Name: "Proponents"}, SubmittedOn: "1 March 2026", StartDate: "1 April 2026",
		EndDate: "1 April 2027", Duration: "12 months", Extension: "6 months", ReportEvery: "6 months",
		Assets: "Square", Officer: "Officer", Support: "materials", Seat: "Town Hall", Place: "Town",
		Acts: "HAVING REGARD TO the officer's determination no. 1 of 1 March 2026;", lang: "en"}
}

// funcs are the helpers a text may call, in the text's language.
func (f Fields) funcs() template.FuncMap {
	lang := f.lang
	if lang == "" {
		lang = i18n.Source
	}
	return template.FuncMap{
		"the":   func(n Noun) string { return n.The(lang) },
		"to":    func(n Noun) string { return n.With(lang, "to") },
		"of":    func(n Noun) string { return n.With(lang, "of") },
		"by":    func(n Noun) string { return n.With(lang, "by") },
		"agree": func(n Noun, word string) string { return n.Agree(lang, word) },
		"verb":  func(n Noun, singular, plural string) string { return n.Verb(singular, plural) },
		"seat":  func(n Noun) string { return n.Seat(lang) },
		// {{section "roles"}} is the number the section has in this agreement; a key the
		// agreement lacks prints as "?" (an editor sees it in the preview).
		"section": func(key string) string {
			if f.numbers == nil {
				return "1"
			}
			if n, ok := f.numbers[key]; ok {
				return strconv.Itoa(n)
			}
			return "?"
		},
	}
}

// TemplateError is a section text that cannot be rendered.
type TemplateError struct {
	Key string
	Err error
}

func (e *TemplateError) Error() string {
	return fmt.Sprintf("the text of %q has an error (%v); write fields like {{.Proponent}}, using only %s",
		e.Key, e.Err, strings.Join(FieldNames(), ", "))
}

func (e *TemplateError) Unwrap() error { return e.Err }

// Kind is errs.Invalid: the text is to be corrected.
func (e *TemplateError) Kind() errs.Kind { return errs.Invalid }

// Localized says the error in lang, naming the section as the editor does.
func (e *TemplateError) Localized(lang string) string {
	loc := i18n.In(lang)
	section := loc.T("pact.section." + e.Key)
	if e.Key == PremisesKey {
		section = loc.T("pact.pdf.premises")
	}
	return loc.T("pact.error.template", map[string]any{"Section": section, "Error": e.Err.Error(),
		"Example": "[Proponent]", "Fields": "[" + strings.Join(FieldNames(), "], [") + "]"})
}

// Render fills a section text's fields. A malformed text or an unknown field gives a
// *TemplateError, never a panic.
func Render(key, text string, f Fields) (out string, err error) {
	if bad := unknownTokens(text); len(bad) > 0 {
		return "", &TemplateError{Key: key, Err: fmt.Errorf("unknown field %s", strings.Join(bad, ", "))}
	}
	text = Template(text) // a text with [Title]-style tokens renders as its template
	defer func() {
		if r := recover(); r != nil {
			err = &TemplateError{Key: key, Err: fmt.Errorf("%v", r)}
		}
	}()
	t, err := template.New(key).Option("missingkey=error").Funcs(f.funcs()).Parse(text)
	if err != nil {
		return "", &TemplateError{Key: key, Err: err}
	}
	if err := checkSafe(t, text); err != nil {
		return "", &TemplateError{Key: key, Err: err}
	}
	var sb strings.Builder
	if err := t.Execute(&sb, f); err != nil {
		return "", &TemplateError{Key: key, Err: err}
	}
	return sb.String(), nil
}
