package pacts

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

func TestTemplatesRenderInThreeLanguages(t *testing.T) {
	require.Equal(t, []string{"en", "es", "it"}, TemplateLangs())
	f := Fields{Ref: "PACT-2026-0001", Title: "Una strada parlante", Municipality: Noun{Name: "Comune di Palermo", Article: "il"}, LegalBasis: "il Regolamento",
		Proponent: Noun{Name: "Per esempio Onlus"}, Proponents: Noun{Name: "Per esempio Onlus"}, SubmittedOn: "24 novembre 2023", StartDate: "16 luglio 2024",
		Duration: "4 mesi", Extension: "2 mesi", ReportEvery: "1 mese", Assets: "Vicolo Castelnuovo", Officer: "D.ssa Paola Di Trapani"}
	want := map[string][]string{ // words the Palermo model requires in each language
		"en": {"48 hours' notice", "30 days' written notice", "insure its volunteers", "conciliation", "WHEREAS"},
		"es": {"48 horas", "30 días", "asegurará a sus voluntarios", "conciliación", "CONSIDERANDO"},
		"it": {"48 ore", "30 giorni", "assicurare i propri volontari", "conciliazione", "PREMESSO"},
	}
	for _, lang := range []string{"en", "es", "it"} {
		var all strings.Builder
		for _, key := range TemplateKeys {
			text, ok := defaults[lang][key]
			require.True(t, ok, "%s has no default for %s", lang, key)
			out, err := Render(key, text, f)
			require.NoError(t, err, "%s/%s", lang, key)
			require.NotContains(t, out, "{{")
			require.NotContains(t, out, "<no value>")
			all.WriteString(out)
		}
		for _, w := range append(want[lang], "Per esempio Onlus", "Comune di Palermo", "Una strada parlante", "Vicolo Castelnuovo", "4 mesi", "2 mesi") {
			require.Contains(t, all.String(), w, lang)
		}
		require.Len(t, defaults[lang], len(TemplateKeys), "%s has exactly the template keys", lang)
	}
	// Kichwa is never invented: it falls back to Spanish.
	require.Equal(t, defaults["es"]["object"], DefaultText("qu", "object"))
	// Optional parts disappear cleanly when their field is empty.
	out, err := Render("duration", defaults["en"]["duration"], Fields{Duration: "12 months", Municipality: Noun{Name: "M"}})
	require.NoError(t, err)
	require.NotContains(t, out, "extended for a further")
	require.Contains(t, out, "valid for 12 months from the date of its signature.")
}

func TestBadTemplateIsAClearError(t *testing.T) {
	for _, text := range []string{"{{.Proponent", "{{.Nobody}}", "{{if .Title}}unclosed", "{{template \"x\"}}", "{{.Title.Foo}}", "{{index .Title 99}}"} {
		_, err := Render("object", text, SampleFields())
		var te *TemplateError
		require.True(t, errors.As(err, &te), "%q: %v", text, err)
		require.Contains(t, err.Error(), "object")
		require.Contains(t, err.Error(), "{{.Proponent}}", "the message shows how fields are written")
	}
	out, err := Render("object", "Plain text, no fields.", Fields{})
	require.NoError(t, err)
	require.Equal(t, "Plain text, no fields.", out)
}

func TestWorkspaceTemplatesOverrideDefaults(t *testing.T) {
	st := openStore(t)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return SetTemplate(tx, "it", "risks", "Rischi valutati insieme a {{.Proponent}} prima di ogni attività.")
	}))
	err := st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "risks", "{{.Nope}}") })
	require.ErrorContains(t, err, "Nope")
	err = st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "preamble", "x") })
	require.ErrorContains(t, err, "unknown section")
	p, err := Create(ctx, st, NewPact{Title: "Giardino", Lang: "it", Proponent: "Gruppo Vicini", ProponentType: "informal_group"}, by(0))
	require.NoError(t, err)
	d, err := Load(st.DB(), p.ID)
	require.NoError(t, err)
	require.Len(t, d.Sections, len(SectionKeys))
	s, _ := d.Section("risks")
	require.Equal(t, "Rischi valutati insieme a {{.Proponent}} prima di ogni attività.", s.Text)
	s, _ = d.Section("liability")
	require.Equal(t, defaults["it"]["liability"], s.Text, "the sections not overridden come from the defaults")
	// Another language is not affected, and an empty text goes back to the default.
	en, err := TemplateText(st.DB(), "en", "risks")
	require.NoError(t, err)
	require.Equal(t, defaults["en"]["risks"], en)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetTemplate(tx, "it", "risks", "") }))
	it, err := TemplateText(st.DB(), "it", "risks")
	require.NoError(t, err)
	require.Equal(t, defaults["it"]["risks"], it)
}

// TestEveryDynamicKeyIsTranslated checks the keys built at run time from statuses, kinds,
// roles, types, sections…, and every "pact.…" literal of this package's code.
func TestEveryDynamicKeyIsTranslated(t *testing.T) {
	b := i18n.Default()
	var want []string
	for prefix, list := range map[string][]string{
		"pact.status.": Statuses, "pact.kind.": Kinds, "pact.role.": Roles, "pact.role_as.": Roles, "pact.party_type.": PartyTypes,
		"pact.support.": SupportKinds, "pact.sign_method.": SignMethods, "pact.section.": SectionKeys, "pact.due.": DueKinds,
	} {
		for _, v := range list {
			want = append(want, prefix+v)
		}
	}
	for m := 1; m <= 12; m++ {
		want = append(want, "pact.month.m"+[]string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[m-1])
	}
	lit := regexp.MustCompile(`"(pact\.[a-z_]+\.[a-z_.]*[a-z_])"`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				want = append(want, m[1])
			}
		}
	}
	require.Greater(t, len(want), 120)
	for _, k := range want {
		require.True(t, b.Has(k), "missing i18n key %s", k)
		for _, lang := range []string{"es", "it"} {
			_, ok := b.Text(lang, k)
			if !ok {
				_, ok = b.Text(lang, k) // plural messages have no Other text at this level
			}
			require.True(t, ok || k == "pact.months", "missing %s key %s", lang, k)
		}
	}
}
