package i18n

import (
	"fmt"
	"sort"
	"strings"
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
	return len(r.Reserved) == 0
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
		sb.WriteString("\n")
	}
	if len(r.Reserved) > 0 {
		fmt.Fprintf(&sb, "reserved words used as keys: %s\n", strings.Join(r.Reserved, ", "))
	}
	return sb.String()
}

// Check compares every language of b with the source.
func (b *Bundle) Check() Report {
	r := Report{Missing: map[string][]string{}, Extra: map[string][]string{}, Placeholders: map[string][]string{}, Coverage: map[string]float64{}}
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
		sort.Strings(r.Placeholders[l.Code])
		if len(src) > 0 {
			r.Coverage[l.Code] = float64(have) / float64(len(src))
		}
	}
	return r
}
