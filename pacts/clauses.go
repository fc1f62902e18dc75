// The sections of the agreement as a list per workspace and kind of pact: which, in which
// order, and which are approved specifically by the second signature (Art. 1341 c.c.). A
// pact starts with its kind's list and can add sections of its own.

package pacts

import (
	"regexp"
	"sort"
	"strings"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// Clause is one section of a workspace's list.
type Clause struct {
	Key      string `json:"key"`
	Position int64  `json:"position"`
	Onerous  bool   `json:"onerous"`  // listed in the second signature (Art. 1341 c.c.)
	Builtin  bool   `json:"builtin"`  // one of SectionKeys, with default texts in every language
	Required bool   `json:"required"` // required by the regulation: cannot be removed
}

// OnerousSections are the built-in sections the second signature approves specifically,
// as in Palermo's pacts (articles 5, 6, 7, 10, 11 and 12) and the sanctions.
var OnerousSections = map[string]bool{"risks": true, "liability": true, "disputes": true, "end_effects": true,
	"termination": true, "guarantees": true, "sanctions": true}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// IsBuiltin reports whether key is one of the built-in sections.
func IsBuiltin(key string) bool { return oneOf(key, SectionKeys) }

// ClauseID is the id of a section of a kind's list.
func ClauseID(kind, key string) string { return "clause-" + kind + "-" + key }

// DefaultClauses is the built-in list: every built-in section in order.
func DefaultClauses() []Clause {
	out := make([]Clause, len(SectionKeys))
	for i, k := range SectionKeys {
		out[i] = Clause{Key: k, Position: int64(i + 1), Onerous: OnerousSections[k], Builtin: true, Required: RequiredSections[k]}
	}
	return out
}

// Clauses is the workspace's list of sections for a kind of pact, in order: its own when it
// has one, else the built-in list.
func Clauses(q model.Querier, kind string) ([]Clause, error) {
	rows, err := clauseRows(q, kind)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return DefaultClauses(), nil
	}
	var out []Clause
	for _, r := range rows {
		if !r.Deleted {
			out = append(out, Clause{Key: r.Key, Position: r.Position, Onerous: r.Onerous, Builtin: IsBuiltin(r.Key), Required: RequiredSections[r.Key]})
		}
	}
	return out, nil
}

// clauseRows are a kind's rows, tombstones included, in order.
func clauseRows(q model.Querier, kind string) ([]model.PactClause, error) {
	var rows []model.PactClause
	if err := q.Select(&rows, `SELECT id, deleted, kind, key, position, onerous FROM pact_clauses WHERE kind = ?
		ORDER BY position, key`, kind); err != nil {
		return nil, errs.E("list sections of "+kind, err)
	}
	return rows, nil
}

// ownClauses makes the kind's list the workspace's own (the built-in one written as rows)
// and returns its live rows in order.
func ownClauses(tx *model.Tx, kind string) ([]model.PactClause, error) {
	if !oneOf(kind, Kinds) {
		return nil, errs.E("sections", errs.Invalid, errs.Key("pact.error.kind_unknown"), map[string]any{"Value": kind})
	}
	rows, err := clauseRows(tx, kind)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		for _, c := range DefaultClauses() {
			r := model.PactClause{Row: model.Row{ID: ClauseID(kind, c.Key)}, Kind: kind, Key: c.Key, Position: c.Position, Onerous: c.Onerous}
			if err := tx.Put(&r); err != nil {
				return nil, err
			}
			rows = append(rows, r)
		}
	}
	live := rows[:0:0]
	for _, r := range rows {
		if !r.Deleted {
			live = append(live, r)
		}
	}
	return live, nil
}

// NewClause is a section a workspace adds to a kind's list.
type NewClause struct {
	Kind    string
	Key     string
	Lang    string // the language of Title and Text
	Title   string
	Text    string
	Onerous bool
	After   string // the key it follows; empty: at the end
}

// checkKey refuses a key that is not a short lower-case word, or that names the premises.
func checkKey(key string) error {
	if !keyPattern.MatchString(key) || key == PremisesKey {
		return errs.E("section "+key, errs.Invalid, errs.Key("pact.error.section_key"), map[string]any{"Value": key})
	}
	return nil
}

// AddClause adds a section to a kind's list, with its title and text in one language. A key
// the list holds already is refused; a built-in key removed before comes back with its
// default texts.
func AddClause(tx *model.Tx, n NewClause) error {
	n.Key, n.Title = strings.TrimSpace(n.Key), strings.TrimSpace(n.Title)
	if err := checkKey(n.Key); err != nil {
		return err
	}
	if !IsBuiltin(n.Key) && n.Title == "" {
		return errs.E("section "+n.Key, errs.Invalid, errs.Key("pact.error.section_title_required"))
	}
	if _, err := Render(n.Key, n.Text, SampleFields()); err != nil {
		return err
	}
	rows, err := ownClauses(tx, n.Kind)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Key == n.Key {
			return errs.E("section "+n.Key, errs.Conflict, errs.Key("pact.error.section_twice"), map[string]any{"Key": n.Key})
		}
	}
	at := len(rows)
	if n.After != "" {
		at = -1
		for i, r := range rows {
			if r.Key == n.After {
				at = i + 1
			}
		}
		if at < 0 {
			return unknownSection(n.After, rows)
		}
	}
	// Written first (over its tombstone, were it removed before), then put in its place.
	r := model.PactClause{Row: model.Row{ID: ClauseID(n.Kind, n.Key)}, Kind: n.Kind, Key: n.Key, Onerous: n.Onerous, Position: int64(at + 1)}
	if e, err := model.LoadEntity(tx, "pact_clauses", r.ID); err == nil {
		old := *e.(*model.PactClause)
		if err := tx.PutEdit(&old, &r); err != nil {
			return err
		}
	} else if err := tx.Put(&r); err != nil {
		return err
	}
	rows = append(rows[:at], append([]model.PactClause{r}, rows[at:]...)...)
	if err := renumber(tx, rows); err != nil {
		return err
	}
	if n.Title != "" || strings.TrimSpace(n.Text) != "" {
		text := Template(n.Text)
		return setTemplateParts(tx, n.Lang, n.Key, &n.Title, &text)
	}
	return nil
}

// RemoveClause takes a section off a kind's list; new pacts of that kind start without it.
// A section the regulation requires stays.
func RemoveClause(tx *model.Tx, kind, key string) error {
	if RequiredSections[key] {
		return errs.E("section "+key, errs.Invalid, errs.Key("pact.error.section_required"), map[string]any{"Section": errs.Key("pact.section." + key)})
	}
	rows, err := ownClauses(tx, kind)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Key == key {
			return tx.Delete(&r)
		}
	}
	return unknownSection(key, rows)
}

// MoveClause moves a section of a kind's list to position to (1 is the first).
func MoveClause(tx *model.Tx, kind, key string, to int) error {
	rows, err := ownClauses(tx, kind)
	if err != nil {
		return err
	}
	from := -1
	for i, r := range rows {
		if r.Key == key {
			from = i
		}
	}
	if from < 0 {
		return unknownSection(key, rows)
	}
	to = min(max(to, 1), len(rows)) - 1
	r := rows[from]
	rows = append(rows[:from], rows[from+1:]...)
	rows = append(rows[:to], append([]model.PactClause{r}, rows[to:]...)...)
	return renumber(tx, rows)
}

// SetClauseOnerous marks a section of a kind's list as approved specifically, or not.
func SetClauseOnerous(tx *model.Tx, kind, key string, onerous bool) error {
	rows, err := ownClauses(tx, kind)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Key == key {
			after := r
			after.Onerous = onerous
			return tx.PutEdit(&r, &after)
		}
	}
	return unknownSection(key, rows)
}

// renumber writes the positions 1… in the rows' order, each row only if it changed.
func renumber(tx *model.Tx, rows []model.PactClause) error {
	for i, r := range rows {
		after := r
		after.Position = int64(i + 1)
		if after.Position != r.Position {
			if err := tx.PutEdit(&r, &after); err != nil {
				return err
			}
		}
	}
	return nil
}

func unknownSection(key string, rows []model.PactClause) error {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = r.Key
	}
	return errs.E("section "+key, errs.NotFound, errs.Key("pact.error.section_unknown"), map[string]any{"Value": key, "Values": strings.Join(keys, ", ")})
}

// RetitleClause gives a section its own title in lang (empty: back to the default one). New
// pacts in that language print it.
func RetitleClause(tx *model.Tx, lang, key, title string) error {
	title = strings.TrimSpace(title)
	if !IsBuiltin(key) && title == "" {
		return errs.E("section "+key, errs.Invalid, errs.Key("pact.error.section_title_required"))
	}
	if err := checkKey(key); err != nil {
		return err
	}
	return setTemplateParts(tx, lang, key, &title, nil)
}

// setTemplateParts writes the title and/or text of the workspace's template row of key in
// lang (nil: left as it is); a row left with neither is removed.
func setTemplateParts(tx *model.Tx, lang, key string, title, text *string) error {
	lang = i18n.Normalize(lang)
	before := StoredTemplate(tx, lang, key)
	after := before
	if title != nil {
		after.Title = *title
	}
	if text != nil {
		after.Text = *text
	}
	after.Deleted = strings.TrimSpace(after.Title) == "" && strings.TrimSpace(after.Text) == ""
	if before.Deleted && after.Deleted {
		return nil
	}
	if before.Deleted {
		// The row never was, or was removed: written whole.
		return tx.Put(&after)
	}
	return tx.PutEdit(&before, &after)
}

// WorkspaceKeys are the keys of every section some kind's list holds, built-in ones first,
// then the workspace's own in alphabetical order.
func WorkspaceKeys(q model.Querier) ([]string, error) {
	out := append([]string(nil), SectionKeys...)
	var own []string
	if err := q.Select(&own, `SELECT DISTINCT key FROM pact_clauses WHERE deleted = 0 ORDER BY key`); err != nil {
		return nil, errs.E("list sections", err)
	}
	for _, k := range own {
		if !IsBuiltin(k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// SectionTitle is the title of a section key in lang as the workspace gives it: its own
// title in that language (or one the language falls back to), else the built-in one, else
// the key.
func SectionTitle(q model.Querier, lang, key string) string {
	lang = i18n.Normalize(lang)
	for _, l := range i18n.Chain(lang) {
		if t := StoredTemplate(q, l, key); !t.Deleted && strings.TrimSpace(t.Title) != "" {
			return strings.TrimSpace(t.Title)
		}
	}
	return DefaultTitle(lang, key)
}

// DefaultTitle is the built-in title of a section in lang, the key for one of a workspace.
func DefaultTitle(lang, key string) string {
	if k := "pact.section." + key; IsBuiltin(key) {
		return i18n.In(lang).T(k)
	}
	return key
}

// sectionsFor are the sections a new pact of kind starts with, in lang: the kind's list,
// each with the workspace's text and its own title when the workspace gave one.
func sectionsFor(tx *model.Tx, pactID, kind, lang string) ([]model.PactSection, error) {
	cs, err := Clauses(tx, kind)
	if err != nil {
		return nil, err
	}
	ts, err := PactTemplates(tx, lang)
	if err != nil {
		return nil, err
	}
	own := map[string]model.PactTemplate{}
	for _, t := range ts {
		own[t.Key] = t
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Position < cs[j].Position })
	out := make([]model.PactSection, 0, len(cs))
	for i, c := range cs {
		s := model.PactSection{PactID: pactID, Key: c.Key, Position: int64(i + 1), Onerous: c.Onerous, Text: DefaultText(lang, c.Key)}
		if t, ok := own[c.Key]; ok {
			if strings.TrimSpace(t.Text) != "" {
				s.Text = t.Text
			}
			s.Title = strings.TrimSpace(t.Title)
		}
		if s.Title == "" && !c.Builtin {
			s.Title = SectionTitle(tx, lang, c.Key)
		}
		out = append(out, s)
	}
	return out, nil
}
