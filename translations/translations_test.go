package translations

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

var ctx = context.Background()

func openStore(t *testing.T) *model.Store {
	t.Helper()
	st, err := model.Open(filepath.Join(t.TempDir(), "pacta.db"), model.Options{Device: "dev-test"})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close(); i18n.Default().SetTranslations(nil) })
	return st
}

func TestEditChecksAgainstTheEnglish(t *testing.T) {
	cases := []struct {
		name, lang, key string
		forms           map[string]string
		wantKey         string // the refusal's message key; "" when accepted
	}{
		{"a plain text", "it", "nav.dashboard", map[string]string{"other": "Cruscotto"}, ""},
		{"a field dropped", "it", "pact.pdf.subtitle", map[string]string{"other": "per il progetto"}, "i18n.problem.fields"},
		{"a counted text without its one", "es", "pact.months", map[string]string{"other": "{{.Count}} meses"}, "i18n.problem.one_missing"},
		{"Kichwa has no one form", "qu", "pact.months", map[string]string{"one": "x", "other": "{{.Count}} x"}, "i18n.problem.plural_form"},
		{"English is the source", "en", "nav.dashboard", map[string]string{"other": "Home"}, "i18n.problem.lang"},
		{"an unknown language", "fr", "nav.dashboard", map[string]string{"other": "Tableau"}, "i18n.problem.lang"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			err := st.Update(ctx, func(tx *model.Tx) error { return Set(tx, c.lang, c.key, c.forms) })
			if c.wantKey == "" {
				require.NoError(t, err)
				require.NoError(t, Apply(st.DB()))
				require.Equal(t, c.forms["other"], i18n.In(c.lang).T(c.key))
				return
			}
			require.Error(t, err)
			require.Equal(t, c.wantKey, errs.Keyed(err).Key)
			all, err := All(st.DB())
			require.NoError(t, err)
			require.Empty(t, all, "nothing written")
		})
	}
}

// TestAcceptAndConcurrentEdits: an editor opened before a change writes its text; accepting
// the shipped text removes the workspace's.
func TestAcceptAndConcurrentEdits(t *testing.T) {
	st := openStore(t)
	shipped := i18n.In("it").T("nav.dashboard")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return Set(tx, "it", "nav.dashboard", map[string]string{"other": "Cruscotto"})
	}))
	base := Stored(st.DB(), "it", "nav.dashboard")
	require.False(t, base.Deleted)
	// It changes after this editor opened; the editor's text is written (a value another
	// laptop wrote would be kept as a conflict: model.Tx.PutEdit).
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return Set(tx, "it", "nav.dashboard", map[string]string{"other": "Quadro generale"})
	}))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return Edit(tx, base, map[string]string{"other": "Pannello"})
	}))
	require.NoError(t, Apply(st.DB()))
	require.Equal(t, "Pannello", i18n.In("it").T("nav.dashboard"))

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return Accept(tx, "it", "nav.dashboard") }))
	require.NoError(t, Apply(st.DB()))
	require.Equal(t, shipped, i18n.In("it").T("nav.dashboard"))
	require.True(t, Stored(st.DB(), "it", "nav.dashboard").Deleted)
}

// TestGlossaryAndTermIn: every term has a term and a definition in the complete languages;
// Kichwa has only the two terms the book gives, no definition; a label names a term by it
// or by a part of it, as whole words.
func TestGlossaryAndTermIn(t *testing.T) {
	for _, lang := range []string{"en", "es", "it"} {
		for _, e := range Glossary(lang, lang, "") {
			require.NotEmpty(t, e.Term, "%s %s", lang, e.Key)
			require.NotEmpty(t, e.Text, "%s %s", lang, e.Key)
		}
	}
	named := 0
	for _, e := range Glossary("qu", "en", "") {
		require.Empty(t, e.Text, e.Key)
		if e.Term != "" {
			named++
		}
	}
	require.Equal(t, 2, named, "Sumak Kawsay and Sumak Yachay, from the book")
	require.Len(t, Glossary("it", "en", "sussidiarietà"), 1)
	require.Len(t, Glossary("it", "en", "Horizontal subsidiarity"), 1, "the reader's name of a term finds it too")
	cases := map[string]string{"Commons": "commons", "Quorum of the meeting": "quorum", "Project title": "", "Buen Vivir in the plan": "sumak_kawsay", "Commonsense": ""}
	for label, want := range cases {
		require.Equal(t, want, TermIn(label, "en"), label)
	}
}

// TestARowThatLiesAboutItsKeyIsLeftOut: a row (from another laptop) whose id is not its
// language and key is not put in use, so every laptop shows the same text.
func TestARowThatLiesAboutItsKeyIsLeftOut(t *testing.T) {
	st := openStore(t)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return tx.Put(&model.Translation{Row: model.Row{ID: "tr-it-nav.settings"}, Lang: "it", Key: "nav.dashboard", Other: "Falso"})
	}))
	require.NoError(t, Apply(st.DB()))
	require.NotEqual(t, "Falso", i18n.In("it").T("nav.dashboard"))
}
