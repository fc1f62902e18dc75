package i18n

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestPseudoText(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"empty stays empty", "", ""},
		{"letters accented, padded", "Save", "Šåṽë ··"},
		{"placeholders untouched", "Revoke {{.Name}}?", "Ŕëṽøķë {{.Name}}? ··"},
		{"trailing colon kept last", "Key:", "Ķëý ·:"},
		{"no letters, no padding", "{{.Name}}: {{.Reason}}", "{{.Name}}: {{.Reason}}"},
		{"digits and punctuation stay", "1 of 2", "1 øƒ 2 ·"},
		{"unclosed braces kept", "a {{.B", "å {{.B ·"},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, PseudoText(c.in))
		})
	}
}

func TestPseudoIsAboutAThirdLonger(t *testing.T) {
	src := "Sync finished: changes sent and received."
	out := PseudoText(src)
	grow := float64(utf8.RuneCountInString(out)) / float64(utf8.RuneCountInString(src))
	require.InDelta(t, 1.3, grow, 0.1, out)
	require.True(t, IsPseudo(out))
	require.False(t, IsPseudo(src))
	// Spanish and Italian data keep their own accents: not taken for pseudo text.
	require.False(t, IsPseudo("Città di Bogotá, año, perché"))
}

func TestPseudoLocale(t *testing.T) {
	require.Equal(t, Pseudo, Normalize("xx-pseudo"))
	require.Equal(t, Pseudo, Normalize(" XX-PSEUDO "))
	require.Equal(t, []string{Pseudo, Source}, Chain(Pseudo))
	p := In(Pseudo)
	// Every English message has a pseudo form with its placeholders, and plural forms stay.
	for _, key := range Default().Keys(Source) {
		en, _ := Default().Text(Source, key)
		got := p.T(key)
		if !strings.ContainsAny(regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(en, ""), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			continue
		}
		require.True(t, IsPseudo(PseudoText(en)), key)
		require.Equal(t, Placeholders(en), Placeholders(PseudoText(en)), key)
		require.NotEqual(t, en, got, key)
	}
	one, other := p.N("asset.count", 1), p.N("asset.count", 3)
	require.Equal(t, PseudoText("1 asset"), one)
	require.Equal(t, "3 "+strings.TrimPrefix(PseudoText("{{.Count}} assets"), "{{.Count}} "), other)
	// Data passed in stays as it is.
	require.Contains(t, p.T("sync.revoke.title", map[string]any{"Name": "Laptop Maria"}), "Laptop Maria")
}

func TestPseudoFromEnvironment(t *testing.T) {
	t.Setenv("PACTA_LANG", "xx-pseudo")
	t.Setenv("LANG", "it_IT.UTF-8")
	require.Equal(t, Pseudo, FromEnvironment())
	require.Equal(t, Pseudo, Override())
	require.True(t, PseudoEnabled())
	t.Setenv("PACTA_LANG", "es")
	require.Equal(t, "es", FromEnvironment())
	t.Setenv("PACTA_LANG", "")
	t.Setenv("PACTA_DEBUG", "")
	require.Equal(t, "", Override())
	require.Equal(t, "it", FromEnvironment())
	require.False(t, PseudoEnabled())
	t.Setenv("PACTA_DEBUG", "1")
	require.True(t, PseudoEnabled())
}
