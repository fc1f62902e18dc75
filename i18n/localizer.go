// Rendering messages in one language: a key, its fields and plural forms, with the
// fallback chain of its language.

package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// Localizer renders messages in one language.
type Localizer struct {
	b    *Bundle
	lang string
}

// In returns a localizer for lang over the default bundle.
func In(lang string) Localizer { return Localizer{b: def, lang: Normalize(lang)} }

// Lang is the localizer's language.
func (l Localizer) Lang() string { return l.lang }

// T renders key with optional template data (a map or a struct). A missing key renders
// as the key itself, so it is visible on screen and caught by the bundle tests.
// Data with an integer Count picks the message's plural form as N does (an error's fields
// come to T that way).
func (l Localizer) T(key string, data ...any) string {
	m := l.b.lookup(l.lang, key)
	if m == nil {
		return key
	}
	src := m.Other
	if len(data) > 0 && m.One != "" {
		if d, ok := data[0].(map[string]any); ok && countOf(d) == 1 {
			src = m.One
		}
	}
	return render(key, l.source(src), data)
}

// countOf is d's Count when it is a whole number, else -1.
func countOf(d map[string]any) int64 {
	switch n := d["Count"].(type) {
	case int:
		return int64(n)
	case int64:
		return n
	}
	return -1
}

// source is a message's text as this localizer shows it: the pseudo-locale transforms
// English as it goes.
func (l Localizer) source(text string) string {
	if l.lang == Pseudo {
		return PseudoText(text)
	}
	return text
}

// N renders key choosing the "one" form when count is 1. Data gets .Count.
func (l Localizer) N(key string, count int, data ...map[string]any) string {
	m := l.b.lookup(l.lang, key)
	if m == nil {
		return key
	}
	d := map[string]any{"Count": count}
	if len(data) > 0 {
		for k, v := range data[0] {
			d[k] = v
		}
	}
	src := m.Other
	if count == 1 && m.One != "" {
		src = m.One
	}
	return render(key, l.source(src), []any{d})
}

func render(key, src string, data []any) string {
	if !strings.Contains(src, "{{") {
		return src
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(src)
	if err != nil {
		return src
	}
	var sb strings.Builder
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	if err := t.Execute(&sb, d); err != nil {
		return src
	}
	return strings.ReplaceAll(sb.String(), "<no value>", "")
}

// T renders key in the current language.
func T(key string, data ...any) string { return In(Current()).T(key, data...) }

// Date writes a calendar date as the localizer's language writes it in a document ("1 March
// 2026", "1 de marzo de 2026"), with the messages pact.date and pact.month.mNN: agreements,
// council records and procurement reports write dates alike.
func (l Localizer) Date(t time.Time) string {
	return l.T("pact.date", map[string]any{
		"Day": t.Day(), "Month": l.T(fmt.Sprintf("pact.month.m%02d", int(t.Month()))), "Year": strconv.Itoa(t.Year()),
	})
}

// StoredDate writes a date as Pacta stores it ("2026-12-04", or a time "2026-12-04T07:19:00Z")
// with Date; a text that is neither is written as it is.
func (l Localizer) StoredDate(stored string) string {
	s := strings.TrimSpace(stored)
	for _, layout := range []string{time.DateOnly, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			return l.Date(t)
		}
	}
	return stored
}
