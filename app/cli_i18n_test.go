package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
)

// TestI18nCheckNamesFileLineAndKey: a broken bundle directory fails the check with the
// file, line and key of each problem, in text and in JSON; the shipped bundles pass.
func TestI18nCheckNamesFileLineAndKey(t *testing.T) {
	code, out, errs := run(t, "i18n", "check")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "es: 100% translated")

	dir := t.TempDir()
	write := func(name, data string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
	}
	write("en.json", "{\n  \"a.hello\": \"Hello {{.Name}}\",\n  \"a.bye\": \"Goodbye\"\n}\n")
	write("es.json", "{\n  \"a.hello\": \"Hola\",\n  \"a.bye\": {\"one\": \"Adiós\", \"several\": \"Adiós\"}\n}\n")
	write("it.json", "{\n  \"a.hello\": \"Ciao {{.Name}}\",\n  \"a.bye\": \"Arrivederci\n}\n")
	code, _, errs = run(t, "i18n", "check", dir)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "es.json:3: a.bye: “several” is not a plural category")
	require.Contains(t, errs, "it.json:3")
	require.Contains(t, errs, "broken JSON")

	code, out, _ = run(t, "i18n", "check", dir, "--json")
	require.Equal(t, 1, code)
	var r i18nReport
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	require.False(t, r.OK)
	require.Len(t, r.Errors, 2)
	require.Equal(t, "es.json", r.Errors[0].File)
	require.Equal(t, 3, r.Errors[0].Line)
}

// TestI18nExportImport: a workspace's bundle is exported, edited by a translator, checked
// with --dry-run (nothing written), imported into the workspace (the commands then speak
// it), and a bad file is refused whole with its line; --dir puts keys back in their area
// files.
func TestI18nExportImport(t *testing.T) {
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) }) // the last workspace's stay in use
	tmp := t.TempDir()
	home := filepath.Join(tmp, "ws")
	mustRun := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	mustRun("init", "--home", home, "--name", "Comune di Prova")
	exported := filepath.Join(tmp, "es.json")
	require.Contains(t, mustRun("i18n", "export", "--lang", "es", "-o", exported, "--home", home), "100% translated")
	data, err := os.ReadFile(exported)
	require.NoError(t, err)
	var bundle map[string]any
	require.NoError(t, json.Unmarshal(data, &bundle))
	require.Contains(t, bundle, "pact.pdf.title")
	require.Contains(t, mustRun("i18n", "import", exported, "--home", home), "es: 0 keys changed")

	// A translator's file: one changed key, one for Kichwa's own file.
	edited := filepath.Join(tmp, "traduccion.json")
	require.NoError(t, os.WriteFile(edited, []byte(`{"pact.pdf.title": "Pacto de colaboración ciudadana"}`), 0o644))
	out := mustRun("i18n", "import", edited, "--lang", "es", "--dry-run", "--home", home)
	require.Contains(t, out, "pact.pdf.title (changed)")
	require.Contains(t, out, "es: 1 keys would change")
	mustRun("i18n", "import", edited, "--lang", "es", "--home", home)
	require.Contains(t, mustRun("i18n", "export", "--lang", "es", "-o", exported, "--home", home), "100%")
	data, err = os.ReadFile(exported)
	require.NoError(t, err)
	require.Contains(t, string(data), "Pacto de colaboración ciudadana")

	bad := filepath.Join(tmp, "qu.json")
	require.NoError(t, os.WriteFile(bad, []byte("{\n  \"pact.pdf.title\": \"Minka pacto\",\n  \"pact.months\": {\"one\": \"{{.Count}} killa\", \"other\": \"{{.Count}} killakuna\"}\n}\n"), 0o644))
	code, _, errs := run(t, "i18n", "import", bad, "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "nothing was written")
	require.Contains(t, errs, "qu.json:3: pact.months")
	require.Contains(t, mustRun("i18n", "export", "--lang", "qu", "-o", filepath.Join(tmp, "out.qu.json"), "--home", home), "qu, 0% translated")

	// --dir: into a copy of the repository's bundles, each key in its area's file.
	dir := filepath.Join(tmp, "bundles")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	src := filepath.Join("..", "i18n", "translations")
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644))
	}
	kichwa := filepath.Join(tmp, "kichwa.json")
	require.NoError(t, os.WriteFile(kichwa, []byte(`{"pact.role.municipality": "test text 1", "nav.dashboard": "test text 2"}`), 0o644))
	out = mustRun("i18n", "import", kichwa, "--lang", "qu", "--dir", dir)
	require.Contains(t, out, "written: ")
	b, err := os.ReadFile(filepath.Join(dir, "pacts.qu.json"))
	require.NoError(t, err)
	require.Contains(t, string(b), `"pact.role.municipality": "test text 1"`)
	again, err := i18n.LoadFS(os.DirFS(dir), ".")
	require.NoError(t, err)
	txt, ok := again.Text("qu", "nav.dashboard")
	require.True(t, ok)
	require.Equal(t, "test text 2", txt)
	require.True(t, strings.HasSuffix(again.FileOf("qu", "nav.dashboard"), "qu.json"))
}

// TestTranslationTravelsBySync: a translation imported on one laptop reaches the other
// through the shared folder and is in use there.
func TestTranslationTravelsBySync(t *testing.T) {
	t.Cleanup(func() { i18n.Default().SetTranslations(nil) })
	tmp := t.TempDir()
	folder := filepath.Join(tmp, "shared")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	homeA, homeB := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	mustRun := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	mustRun("init", "--home", homeA, "--name", "Comune di Prova")
	mustRun("sync", "--home", homeA, "--folder", folder)
	mustRun("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")
	var devs []DeviceRow
	require.NoError(t, json.Unmarshal([]byte(mustRun("device", "list", "--home", homeA, "--json")), &devs))
	for _, d := range devs {
		if !d.This {
			mustRun("device", "enrol", d.ID, "--home", homeA)
		}
	}
	mustRun("sync", "--home", homeA)
	mustRun("sync", "--home", homeB)

	file := filepath.Join(tmp, "it.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"pact.pdf.title": "Patto di collaborazione civica"}`), 0o644))
	mustRun("i18n", "import", file, "--home", homeA)
	mustRun("sync", "--home", homeA)
	mustRun("sync", "--home", homeB)
	out := filepath.Join(tmp, "b.it.json")
	mustRun("i18n", "export", "--lang", "it", "-o", out, "--home", homeB)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Contains(t, string(data), "Patto di collaborazione civica")
}

// TestPactInAnotherLanguageAndInTwo: a pact's language changes from the command line (its
// own text kept and named as to translate), it prints in two languages section by section
// (checked with pdftotext), and a language that lacks its texts is refused with the list.
func TestPactInAnotherLanguageAndInTwo(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	tmp := t.TempDir()
	home := filepath.Join(tmp, "ws")
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, "--home", home)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}
	mustRun("init", "--name", "Comune di Prova")
	ref := strings.TrimSpace(mustRun("pact", "new", "--title", "Care of the square", "--proponent", "Friends of the square", "--lang", "en", "--immaterial"))
	own := filepath.Join(tmp, "risks.txt")
	require.NoError(t, os.WriteFile(own, []byte("Our own words about the risks."), 0o644))
	mustRun("pact", "set", ref, "--section", "risks", "--text-file", own)
	out := mustRun("pact", "set", ref, "--lang", "it")
	require.Contains(t, out, "to translate")
	require.Contains(t, out, "risks")
	show := mustRun("pact", "show", ref)
	require.Contains(t, show, "language it")
	require.Regexp(t, `risks +\d+ characters, to translate from en`, show)

	// The own text has no Spanish: refused with what is missing.
	pdf := filepath.Join(tmp, "both.pdf")
	code, _, errs := run(t, "pact", "pdf", ref, "-o", pdf, "--lang2", "es", "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "cannot be printed in Español")
	require.NoFileExists(t, pdf)

	require.Contains(t, errs, "Analisi dei rischi", "the section as the pact names it")
	require.Contains(t, errs, "its own text, still to translate", "why, in the messages' language")
	require.NotContains(t, errs, "usage:")

	// A pact from the templates prints in Spanish and Italian, section by section.
	ref2 := strings.TrimSpace(mustRun("pact", "new", "--title", "Huerto de la plaza", "--proponent", "Vecinos de la plaza", "--lang", "es", "--immaterial"))
	mustRun("pact", "pdf", ref2, "-o", pdf, "--lang2", "it")
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	require.NoError(t, err)
	for _, w := range []string{"PACTO DE COLABORACIÓN / PATTO DI COLLABORAZIONE", "El presente Pacto", "Il presente Patto", "Huerto de la plaza"} {
		require.Contains(t, strings.Join(strings.Fields(string(text)), " "), w)
	}
	// Kichwa has no section texts: refused, not printed in Spanish twice.
	code, _, errs = run(t, "pact", "pdf", ref2, "-o", filepath.Join(tmp, "qu.pdf"), "--lang2", "qu", "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "cannot be printed in Kichwa")
	require.NoFileExists(t, filepath.Join(tmp, "qu.pdf"))
}
