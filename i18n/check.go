package i18n

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"text/template"
)

// Reserved are go-i18n's reserved words: a bundle key equal to one of them (or ending in
// one as its last dotted part) would be read as a message field, not a key.
var Reserved = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

// Complete are the languages that must have every key; the others may be partial.
var Complete = []string{"en", "es", "it"}

// Report is what a bundle check finds.
type Report struct {
	Missing      map[string][]string // lang → keys the source has and lang lacks
	Extra        map[string][]string // lang → keys lang has and the source lacks
	Placeholders map[string][]string // lang → "key: want [A B], has [A]"
	Reserved     []string            // keys that are reserved words
	Coverage     map[string]float64  // lang → share of source keys translated
	Stale        map[string][]string // lang → keys translated from an older English text (a warning)
	Errors       FileErrors          // what the files themselves get wrong: syntax, plural forms, duplicates
}

// CheckDir loads the bundles of dir and checks them: a file that cannot be read as a
// bundle is reported (its file, line and key) beside what the others lack.
func CheckDir(fsys fs.FS, dir string) (Report, error) {
	b, err := LoadFS(fsys, dir)
	var fe FileErrors
	if err != nil && !errors.As(err, &fe) {
		return Report{}, err
	}
	r := b.Check()
	r.Errors = fe
	return r, nil
}

// OK reports whether the report has nothing a release must fix: complete languages lack
// nothing, no extras, no template-field mismatch, no reserved key.
func (r Report) OK() bool {
	for _, l := range Complete {
		if len(r.Missing[l]) > 0 {
			return false
		}
	}
	for _, v := range r.Extra {
		if len(v) > 0 {
			return false
		}
	}
	for _, v := range r.Placeholders {
		if len(v) > 0 {
			return false
		}
	}
	return len(r.Reserved) == 0 && len(r.Errors) == 0
}

// String summarises the report for a person.
func (r Report) String() string {
	var sb strings.Builder
	langs := make([]string, 0, len(r.Coverage))
	for l := range r.Coverage {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Fprintf(&sb, "%s: %.0f%% translated", l, 100*r.Coverage[l])
		if n := len(r.Missing[l]); n > 0 {
			fmt.Fprintf(&sb, ", %d missing", n)
		}
		if n := len(r.Extra[l]); n > 0 {
			fmt.Fprintf(&sb, ", %d extra: %s", n, strings.Join(r.Extra[l], ", "))
		}
		if n := len(r.Placeholders[l]); n > 0 {
			fmt.Fprintf(&sb, ", template fields differ: %s", strings.Join(r.Placeholders[l], "; "))
		}
		if n := len(r.Stale[l]); n > 0 {
			fmt.Fprintf(&sb, ", %d stale (the English changed since): %s", n, strings.Join(r.Stale[l], ", "))
		}
		sb.WriteString("\n")
	}
	if len(r.Reserved) > 0 {
		fmt.Fprintf(&sb, "reserved words used as keys: %s\n", strings.Join(r.Reserved, ", "))
	}
	for _, e := range r.Errors {
		sb.WriteString(e.Error() + "\n")
	}
	return sb.String()
}

// Check compares every language of b with the source.
func (b *Bundle) Check() Report {
	r := Report{Missing: map[string][]string{}, Extra: map[string][]string{}, Placeholders: map[string][]string{}, Coverage: map[string]float64{},
		Stale: map[string][]string{}}
	src := b.msgs[Source]
	for key := range src {
		last := key[strings.LastIndex(key, ".")+1:]
		for _, w := range Reserved {
			if strings.EqualFold(key, w) || strings.EqualFold(last, w) {
				r.Reserved = append(r.Reserved, key)
			}
		}
	}
	sort.Strings(r.Reserved)
	for _, l := range Languages {
		if l.Code == Source {
			r.Coverage[Source] = 1
			continue
		}
		m := b.msgs[l.Code]
		have := 0
		for key, sm := range src {
			tm, ok := m[key]
			if !ok || tm.Other == "" {
				r.Missing[l.Code] = append(r.Missing[l.Code], key)
				continue
			}
			have++
			if tm.Hash != "" && tm.Hash != SourceHash(sm.Description, sm.Other) {
				r.Stale[l.Code] = append(r.Stale[l.Code], key)
			}
			want, got := Placeholders(sm.Other+sm.One), Placeholders(tm.Other+tm.One)
			if strings.Join(want, ",") != strings.Join(got, ",") {
				r.Placeholders[l.Code] = append(r.Placeholders[l.Code], fmt.Sprintf("%s: want %v, has %v", key, want, got))
			}
		}
		for key := range m {
			if _, ok := src[key]; !ok {
				r.Extra[l.Code] = append(r.Extra[l.Code], key)
			}
		}
		sort.Strings(r.Missing[l.Code])
		sort.Strings(r.Extra[l.Code])
		sort.Strings(r.Stale[l.Code])
		sort.Strings(r.Placeholders[l.Code])
		if len(src) > 0 {
			r.Coverage[l.Code] = float64(have) / float64(len(src))
		}
	}
	return r
}

// SourceHash is go-i18n's hash of an English message, as `goi18n merge` writes it beside a
// translation: a translation carrying another hash was made from an older English text.
func SourceHash(description, other string) string {
	h := sha1.New()
	_, _ = io.WriteString(h, description)
	_, _ = io.WriteString(h, other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// CheckMessage checks a translation of key into lang against the English: the same
// template fields, plural forms the language uses (and "one" where the English has it and
// the language has that form), templates that parse. nil when it is good.
func (b *Bundle) CheckMessage(lang, key string, forms map[string]string) *Problem {
	src, ok := b.msgs[Source][key]
	if !ok {
		return &Problem{Key: "i18n.problem.unknown_key"}
	}
	if strings.TrimSpace(forms["other"]) == "" {
		return &Problem{Key: "i18n.problem.empty"}
	}
	allowed := PluralForms(lang)
	// Each form has the fields of the English "other"; "one" may leave some out ("one
	// month" is "un mese") and use those of the English "one", never others.
	want := Placeholders(src.Other)
	either := Placeholders(src.Other + src.One)
	for form, text := range forms {
		if text == "" {
			continue
		}
		if !slices.Contains(allowed, form) {
			return &Problem{Key: "i18n.problem.plural_form", Data: map[string]any{"Form": form, "Forms": strings.Join(allowed, ", ")}}
		}
		if _, err := template.New(key).Parse(text); err != nil {
			return &Problem{Key: "i18n.problem.broken_field"}
		}
		if !safeTemplate(text) {
			return &Problem{Key: "i18n.problem.action"}
		}
		got := Placeholders(text)
		if form == "one" {
			for _, g := range got {
				if !slices.Contains(either, g) {
					return &Problem{Key: "i18n.problem.fields", Data: fieldsData(either, got)}
				}
			}
			continue
		}
		if strings.Join(want, ",") != strings.Join(got, ",") {
			return &Problem{Key: "i18n.problem.fields", Data: fieldsData(want, got)}
		}
	}
	if src.One != "" && slices.Contains(allowed, "one") && strings.TrimSpace(forms["one"]) == "" {
		return &Problem{Key: "i18n.problem.one_missing"}
	}
	return nil
}

func fieldsData(want, got []string) map[string]any {
	braces := func(fs []string) string {
		if len(fs) == 0 {
			return "—"
		}
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = "{{." + f + "}}"
		}
		return strings.Join(out, " ")
	}
	return map[string]any{"Want": braces(want), "Have": braces(got)}
}

// Problem is what is wrong with a translation, as a message key of this package with its
// data, so that the window says it in its language and the command line in English.
type Problem struct {
	Key  string
	Data map[string]any
}

// In says the problem in lang.
func (p *Problem) In(lang string) string { return In(lang).T(p.Key, p.Data) }

func (p *Problem) Error() string { return p.english() }

// english is the problem in English; before the bundles are loaded (a problem of the
// embedded bundles themselves), its key and data.
func (p *Problem) english() string {
	if def == nil {
		return fmt.Sprintf("%s %v", p.Key, p.Data)
	}
	return p.In(Source)
}
