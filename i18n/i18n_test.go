package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestEmbeddedBundlesLoad(t *testing.T) {
	require.NoError(t, LoadError())
	require.NotEmpty(t, Default().Keys(Source))
}

// TestBundlesComplete fails when es or it lack a key, when template fields differ between
// languages, when a language has keys the source lacks, or when a key is a reserved word.
func TestBundlesComplete(t *testing.T) {
	r := Default().Check()
	for _, l := range Complete {
		require.Empty(t, r.Missing[l], "%s lacks keys", l)
	}
	for l, ex := range r.Extra {
		require.Empty(t, ex, "%s has keys that en.json lacks", l)
	}
	for l, p := range r.Placeholders {
		require.Empty(t, p, "%s template fields differ", l)
	}
	require.Empty(t, r.Reserved)
	require.True(t, r.OK(), r.String())
}

// keyCall finds literal keys passed to T / N (i18n.T, loc.T, i18n.N…).
var keyCall = regexp.MustCompile(`\b[TN]\(\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"`)

// TestCodeUsesOnlyKnownKeys scans every Go file of the module for literal keys and fails
// on any that en.json lacks.
func TestCodeUsesOnlyKnownKeys(t *testing.T) {
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	missing := map[string][]string{}
	seen := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyCall.FindAllStringSubmatch(string(b), -1) {
			seen++
			if !Default().Has(m[1]) {
				rel, _ := filepath.Rel(root, p)
				missing[m[1]] = append(missing[m[1]], rel)
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Positive(t, seen, "the scan found no key at all")
	keys := make([]string, 0, len(missing))
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("key %q used in %v is missing from en.json", k, missing[k])
	}
}

func TestCheckFindsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"b/en.json": {Data: []byte(`{"a.b": "Hello {{.Name}}", "c.d": "Two", "x.other": "bad"}`)},
		"b/es.json": {Data: []byte(`{"a.b": "Hola {{.Nombre}}", "e.f": "extra"}`)},
		"b/it.json": {Data: []byte(`{"a.b": "Ciao {{.Name}}", "c.d": "Due", "x.other": "x"}`)},
	}
	b, err := LoadFS(fsys, "b")
	require.NoError(t, err)
	r := b.Check()
	require.False(t, r.OK())
	require.Equal(t, []string{"c.d", "x.other"}, r.Missing["es"])
	require.Equal(t, []string{"e.f"}, r.Extra["es"])
	require.Len(t, r.Placeholders["es"], 1)
	require.Empty(t, r.Placeholders["it"])
	require.Equal(t, []string{"x.other"}, r.Reserved)
	require.Contains(t, r.String(), "es:")
}

func TestBrokenBundleSaysWhatToDo(t *testing.T) {
	fsys := fstest.MapFS{"b/es.json": {Data: []byte(`{"a.b": "sin cerrar`)}}
	_, err := LoadFS(fsys, "b")
	require.ErrorContains(t, err, "es.json")
	require.ErrorContains(t, err, "fix the file")
}

func TestFallbackChain(t *testing.T) {
	fsys := fstest.MapFS{
		"b/en.json": {Data: []byte(`{"k.one": "one", "k.two": "two {{.N}}", "k.three": "three"}`)},
		"b/es.json": {Data: []byte(`{"k.one": "uno", "k.two": "dos {{.N}}"}`)},
		"b/qu.json": {Data: []byte(`{"k.one": "shuk"}`)},
	}
	b, err := LoadFS(fsys, "b")
	require.NoError(t, err)
	tests := []struct{ lang, key, want string }{
		{"qu", "k.one", "shuk"},
		{"qu", "k.two", "dos 2"},
		{"qu", "k.three", "three"},
		{"es", "k.three", "three"},
		{"it", "k.one", "one"},
		{"en", "k.missing", "k.missing"},
	}
	for _, tc := range tests {
		l := Localizer{b: b, lang: tc.lang}
		require.Equal(t, tc.want, l.T(tc.key, map[string]int{"N": 2}), "%s %s", tc.lang, tc.key)
	}
}

func TestNormalizeAndEnvironment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"es_EC.UTF-8", "es"}, {"it-IT", "it"}, {"C", "en"}, {"POSIX", "en"}, {"", "en"},
		{"xx_YY", "en"}, {"qu_EC", "qu"}, {"qvi", "qu"}, {"en_GB.UTF-8", "en"}, {"ES", "es"},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, Normalize(tc.in), tc.in)
	}
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C")
	require.Equal(t, "en", FromEnvironment())
	t.Setenv("LANG", "it_IT.UTF-8")
	require.Equal(t, "it", FromEnvironment())
	t.Setenv("LANGUAGE", "fr:es")
	require.Equal(t, "es", FromEnvironment())
}

func TestSetCurrentNotifies(t *testing.T) {
	defer SetCurrent(Source)
	var got []string
	OnChange(func(l string) { got = append(got, l) })
	SetCurrent("es")
	SetCurrent("es")
	SetCurrent("it")
	require.Equal(t, []string{"es", "it"}, got)
	require.Equal(t, "Guardar", In("es").T("action.save"))
	require.Equal(t, "Salva", T("action.save"))
}

func TestPlaceholders(t *testing.T) {
	require.Equal(t, []string{"A", "B"}, Placeholders("{{.B}} and {{ .A }} and {{.B}}"))
	require.Empty(t, Placeholders("none"))
}
