package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// testBundle is a small English source with a counted message, in two area files.
func testBundle(t *testing.T, extra fstest.MapFS) (*Bundle, fstest.MapFS) {
	t.Helper()
	fsys := fstest.MapFS{
		"b/en.json":       {Data: []byte(`{"app.hello": "Hello {{.Name}}", "app.bye": "Goodbye"}`)},
		"b/pacts.en.json": {Data: []byte("{\n  \"pact.months\": {\n    \"one\": \"{{.Count}} month\",\n    \"other\": \"{{.Count}} months\"\n  }\n}\n")},
		"b/es.json":       {Data: []byte(`{"app.hello": "Hola {{.Name}}"}`)},
		"b/pacts.es.json": {Data: []byte(`{"pact.months": {"one": "{{.Count}} mes", "other": "{{.Count}} meses"}}`)},
		"b/it.json":       {Data: []byte(`{"app.hello": "Ciao {{.Name}}", "app.bye": "Arrivederci"}`)},
		"b/pacts.it.json": {Data: []byte(`{"pact.months": {"one": "{{.Count}} mese", "other": "{{.Count}} mesi"}}`)},
	}
	for k, v := range extra {
		fsys[k] = v
	}
	b, err := LoadFS(fsys, "b")
	if len(extra) == 0 {
		require.NoError(t, err)
	}
	return b, fsys
}

// TestBadBundlesNameFileLineAndKey: every kind of broken bundle is reported with the file,
// the line and the key, and the check fails.
func TestBadBundlesNameFileLineAndKey(t *testing.T) {
	cases := []struct {
		name, file, data string
		want             []string // in the one error
	}{
		{"broken JSON", "b/es.json", "{\n  \"app.hello\": \"Hola {{.Name}}\",\n  \"app.bye\": \"Adiós\n}", []string{"es.json:3", "broken JSON", "restore it"}},
		{"unknown plural category", "b/pacts.es.json", "{\n  \"pact.months\": {\n    \"one\": \"{{.Count}} mes\",\n    \"several\": \"{{.Count}} meses\"\n  }\n}", []string{"pacts.es.json:4: pact.months", "“several” is not a plural category"}},
		{"a plural form the language lacks", "b/qu.json", "{\n  \"pact.months\": {\n    \"one\": \"{{.Count}} killa\",\n    \"other\": \"{{.Count}} killakuna\"\n  }\n}", []string{"qu.json:2: pact.months", "“one” is not used in qu"}},
		{"a key twice", "b/it.json", "{\n  \"app.hello\": \"Ciao {{.Name}}\",\n  \"app.hello\": \"Salve {{.Name}}\"\n}", []string{"it.json:3: app.hello", "defined twice (also on line 2)"}},
		{"a file name that is no language", "b/pacts.espanol_.json", `{}`, []string{"pacts.espanol_.json", "not a BCP 47 language code"}},
		{"a number as a message", "b/es.json", "{\"app.hello\": 3}", []string{"es.json:1: app.hello", "is not a text"}},
		{"more than fields", "b/it.json", "{\n  \"app.hello\": \"Ciao {{.Name}}{{printf \\\"%0999d\\\" 1}}\"\n}", []string{"it.json:2: app.hello", "nothing else"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, fsys := testBundle(t, nil)
			fsys[c.file] = &fstest.MapFile{Data: []byte(c.data)}
			r, err := CheckDir(fsys, "b")
			require.NoError(t, err)
			require.False(t, r.OK())
			require.NotEmpty(t, r.Errors)
			var fe *FileError
			require.True(t, errors.As(r.Errors[0], &fe))
			for _, w := range c.want {
				require.Contains(t, r.Errors.Error(), w)
			}
		})
	}
}

// TestCheckFindsWhatTranslationsGetWrong: reserved keys, a template field dropped or added,
// missing and extra keys, and a stale translation (a warning, not an error).
func TestCheckFindsWhatTranslationsGetWrong(t *testing.T) {
	stale := SourceHash("", "Good bye") // translated when the English read "Good bye"
	b, _ := testBundle(t, fstest.MapFS{
		"b/es.json": {Data: []byte(`{"app.hello": "Hola", "app.bye": {"hash": "` + stale + `", "other": "Adiós"}, "app.gone": "x"}`)},
		"b/it.json": {Data: []byte(`{"app.hello": "Ciao {{.Name}} {{.Extra}}", "app.bye": {"hash": "` + SourceHash("", "Goodbye") + `", "other": "Arrivederci"}}`)},
	})
	r := b.Check()
	require.Equal(t, []string{"app.bye"}, r.Stale["es"])
	require.Empty(t, r.Stale["it"], "a translation of today's English is not stale")
	require.Equal(t, []string{"app.gone"}, r.Extra["es"])
	require.Len(t, r.Placeholders["es"], 1, "a template field dropped")
	require.Len(t, r.Placeholders["it"], 1, "a template field added")
	require.Contains(t, r.Placeholders["it"][0], "[Extra Name]")
	require.Contains(t, r.String(), "1 stale")
	require.False(t, r.OK())
}

func TestCheckMessage(t *testing.T) {
	b, _ := testBundle(t, nil)
	cases := []struct {
		lang, key string
		forms     map[string]string
		want      string // the problem's key, "" when good
	}{
		{"es", "app.hello", map[string]string{"other": "Hola {{.Name}}"}, ""},
		{"es", "app.hello", map[string]string{"other": "Hola"}, "i18n.problem.fields"},
		{"es", "app.hello", map[string]string{"other": "Hola {{.Name}} {{.Otro}}"}, "i18n.problem.fields"},
		{"es", "app.hello", map[string]string{"other": "Hola {{.Name"}, "i18n.problem.broken_field"},
		{"es", "app.hello", map[string]string{"other": "  "}, "i18n.problem.empty"},
		{"es", "pact.months", map[string]string{"other": "{{.Count}} meses"}, "i18n.problem.one_missing"},
		{"it", "pact.months", map[string]string{"one": "un mese", "other": "{{.Count}} mesi"}, ""},
		{"qu", "pact.months", map[string]string{"other": "{{.Count}} killa"}, ""},
		{"qu", "pact.months", map[string]string{"one": "shuk killa", "other": "{{.Count}} killa"}, "i18n.problem.plural_form"},
		{"es", "app.nothing", map[string]string{"other": "x"}, "i18n.problem.unknown_key"},
		{"es", "app.hello", map[string]string{"other": "Hola {{.Name}}{{printf \"%0999999999d\" 1}}"}, "i18n.problem.action"},
		{"es", "app.hello", map[string]string{"other": "{{range .Name}}x{{end}}{{.Name}}"}, "i18n.problem.action"},
		{"es", "app.hello", map[string]string{"other": "{{if .Name}}Hola {{.Name}}{{else}}Hola{{end}}"}, ""},
	}
	for _, c := range cases {
		p := b.CheckMessage(c.lang, c.key, c.forms)
		if c.want == "" {
			require.Nil(t, p, "%s %s %v", c.lang, c.key, c.forms)
			continue
		}
		require.NotNil(t, p, "%s %s %v", c.lang, c.key, c.forms)
		require.Equal(t, c.want, p.Key)
	}
}

// TestWorkspaceTranslationsWinAndGoStale: a workspace's own translation wins over the
// shipped one, fills a missing key, and is stale once the English it was made from changes.
func TestWorkspaceTranslationsWinAndGoStale(t *testing.T) {
	b, _ := testBundle(t, nil)
	b.SetTranslations([]Translation{
		{Lang: "it", Key: "app.hello", Other: "Ciao {{.Name}}{{printf \"%0999999999d\" 1}}"}, // from a laptop that means harm
		{Lang: "en", Key: "app.bye", Other: "Farewell"},                                      // the source is changed in the code only
		{Lang: "it", Key: "app.bye", Other: "Addio {{.Name}}"},                               // a field the English lacks
		{Lang: "fr", Key: "app.bye", Other: "Au revoir"},                                     // not a shipped language
		{Lang: "es", Key: "app.hello", Other: "Buenas {{.Name}}", SourceHash: b.SourceHashOf("app.hello")},
		{Lang: "es", Key: "app.bye", Other: "Chao", SourceHash: SourceHash("", "Bye")},
		{Lang: "es", Key: "no.such", Other: "ignored"},
	})
	l := Localizer{b: b, lang: "es"}
	require.Equal(t, "Buenas Ana", l.T("app.hello", map[string]any{"Name": "Ana"}))
	require.Equal(t, "Chao", l.T("app.bye"))
	require.Equal(t, "Ciao Ana", Localizer{b: b, lang: "it"}.T("app.hello", map[string]any{"Name": "Ana"}), "a harmful translation is left out")
	require.Equal(t, "Goodbye", Localizer{b: b, lang: "en"}.T("app.bye"), "the source stays")
	require.Equal(t, "Arrivederci", Localizer{b: b, lang: "it"}.T("app.bye"), "a translation whose fields differ is left out")
	byKey := map[string]Entry{}
	for _, e := range b.Entries("es") {
		byKey[e.Key] = e
	}
	require.Equal(t, StatusDone, byKey["app.hello"].Status)
	require.True(t, byKey["app.hello"].Edited)
	require.Equal(t, "Hola {{.Name}}", byKey["app.hello"].Shipped)
	require.Equal(t, StatusStale, byKey["app.bye"].Status)
	require.Equal(t, StatusDone, byKey["pact.months"].Status)
	require.InDelta(t, 1.0, b.Coverage("es"), 0.001)
	require.InDelta(t, 0.0, b.Coverage("qu"), 0.001)
}

// TestExportImportRoundTrip: an exported bundle imports back with no change; an edited
// one lists its changes, and writing them puts each key back in its area's file.
func TestExportImportRoundTrip(t *testing.T) {
	b, _ := testBundle(t, nil)
	data, err := b.Export("es")
	require.NoError(t, err)
	require.Contains(t, string(data), `"hash": "`+b.SourceHashOf("app.hello")+`"`)
	lang, changes, err := b.ReadImport("es.json", data, "")
	require.NoError(t, err)
	require.Equal(t, "es", lang)
	require.Empty(t, changes, "its own export changes nothing")

	edited := []byte(`{"app.bye": "Adiós", "pact.months": {"one": "{{.Count}} mes", "other": "{{.Count}} meses largos"}}`)
	lang, changes, err = b.ReadImport("weblate.json", edited, "es")
	require.NoError(t, err)
	require.Equal(t, "es", lang)
	require.Len(t, changes, 2)

	dir := t.TempDir()
	for name, f := range map[string]string{"es.json": `{"app.hello": "Hola {{.Name}}"}`, "pacts.es.json": `{"pact.months": {"one": "{{.Count}} mes", "other": "{{.Count}} meses"}}`,
		"en.json": `{"app.hello": "Hello {{.Name}}", "app.bye": "Goodbye"}`, "pacts.en.json": `{"pact.months": {"one": "{{.Count}} month", "other": "{{.Count}} months"}}`} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(f), 0o644))
	}
	files, err := b.WriteDir(dir, "es", changes)
	require.NoError(t, err)
	require.Equal(t, []string{"es.json", "pacts.es.json"}, files)
	es, err := os.ReadFile(filepath.Join(dir, "es.json"))
	require.NoError(t, err)
	require.Equal(t, "{\n  \"app.bye\": \"Adiós\",\n  \"app.hello\": \"Hola {{.Name}}\"\n}\n", string(es))
	again, err := LoadFS(os.DirFS(dir), ".")
	require.NoError(t, err)
	txt, _ := again.Text("es", "pact.months")
	require.Equal(t, "{{.Count}} meses largos", txt)
}

// TestImportRefusesABadBundleWhole: one bad message, and nothing of the file is taken.
func TestImportRefusesABadBundleWhole(t *testing.T) {
	b, _ := testBundle(t, nil)
	cases := []struct {
		name, file, lang, data string
		want                   string
	}{
		{"a template field dropped", "es.json", "", "{\n\"app.bye\": \"Adiós\",\n\"app.hello\": \"Hola\"\n}", "es.json:3: app.hello: the translation must use the same fields"},
		{"a template field added", "es.json", "", `{"app.bye": "Adiós {{.Name}}"}`, "app.bye: the translation must use the same fields"},
		{"reserved key", "es.json", "", `{"app.description": "x"}`, "reserved word"},
		{"unknown key", "es.json", "", `{"app.hola": "x"}`, "app.hola: Pacta's English texts have no such key; remove it"},
		{"not Pacta's language", "fr.json", "", `{}`, "not one of Pacta's languages"},
		{"not a language code", "x.json", "", `{}`, "not a BCP 47 language code"},
		{"not BCP 47", "bundle.json", "es_ES!", `{}`, "not one of Pacta's languages"},
		{"English", "en.json", "", `{}`, "English is the source language"},
		{"broken JSON", "it.json", "", `{"app.bye": }`, "it.json:1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, changes, err := b.ReadImport(c.file, []byte(c.data), c.lang)
			require.ErrorContains(t, err, c.want)
			require.Empty(t, changes)
		})
	}
}
