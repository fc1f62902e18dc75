package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTakeGlobals(t *testing.T) {
	cases := []struct {
		in, want []string
		lang     string
		bad      bool
	}{
		{in: []string{"asset", "list"}, want: []string{"asset", "list"}},
		{in: []string{"--home", "h", "asset", "list", "--json"}, want: []string{"asset", "list", "--home=h", "--json"}},
		{in: []string{"--home=h", "--json", "pact", "show", "PACT-1"}, want: []string{"pact", "show", "PACT-1", "--home=h", "--json"}},
		{in: []string{"-home", "h", "--lang", "it", "doctor"}, want: []string{"doctor", "--home=h"}, lang: "it"},
		{in: []string{"--lang=es", "pact", "new", "--lang", "it"}, want: []string{"pact", "new", "--lang", "it"}, lang: "es"},
		{in: []string{"--title", "x", "pact", "new"}, bad: true},
		{in: []string{"--home"}, bad: true},
	}
	for _, c := range cases {
		got, lang, err := takeGlobals(c.in)
		if c.bad {
			require.Error(t, err, "%v", c.in)
			continue
		}
		require.NoError(t, err, "%v", c.in)
		require.Equal(t, c.want, got, "%v", c.in)
		require.Equal(t, c.lang, lang, "%v", c.in)
	}
}

// A global flag works before the command as after it, on a real workspace.
func TestGlobalFlagsBeforeTheCommand(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errOut := run(t, "--home", home, "init", "--name", "Comune di Prova")
	require.Equal(t, 0, code, errOut)
	code, before, errOut := run(t, "--home", home, "--json", "doctor")
	require.Equal(t, 0, code, errOut)
	code, after, errOut := run(t, "doctor", "--json", "--home", home)
	require.Equal(t, 0, code, errOut)
	require.Contains(t, before, `"workspace": "Comune di Prova"`)
	require.Equal(t, after, before)
	code, _, errOut = run(t, "--home", home, "--title", "x", "pact", "new")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "not a global flag")
}

// Every command answers --help with its usage, its flags and an example, without touching a
// workspace, and `pacta help COMMAND` says the same.
func TestEveryCommandHasHelpAndAnExample(t *testing.T) {
	home := filepath.Join(t.TempDir(), "none")
	t.Setenv("PACTA_HOME", home)
	for _, name := range CommandNames() {
		args := append(strings.Fields(name), "--help")
		code, out, errOut := run(t, args...)
		require.Equal(t, 0, code, "%s: %s", name, errOut)
		require.True(t, strings.HasPrefix(out, "usage: pacta "+name), "%s: %s", name, out)
		require.Contains(t, out, "--home DIR", name)
		ex := examples[name]
		require.True(t, strings.HasPrefix(ex, "pacta "+name+" ") || ex == "pacta "+name, "%s has no example (cli_examples.go): %q", name, ex)
		require.Contains(t, out, "example:\n  "+ex, name)
		code, viaHelp, errOut := run(t, append([]string{"help"}, strings.Fields(name)...)...)
		require.Equal(t, 0, code, errOut)
		require.Equal(t, out, viaHelp, name)
	}
	for name := range examples {
		_, ok := commands[name]
		require.True(t, ok, "an example for a command that does not exist: %s", name)
	}
	_, err := os.Stat(home)
	require.True(t, os.IsNotExist(err), "--help created a workspace")
	code, _, errOut := run(t, "help", "no", "such")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "pacta help")
}

// docs/CLI.md is `pacta help --markdown`: regenerate it with
// `go run . help --markdown > docs/CLI.md` when a command changes.
func TestCLIReferenceIsCurrent(t *testing.T) {
	code, out, errOut := run(t, "help", "--markdown")
	require.Equal(t, 0, code, errOut)
	for _, name := range CommandNames() {
		require.Contains(t, out, "### `pacta "+name, name)
	}
	doc, err := os.ReadFile("../docs/CLI.md")
	require.NoError(t, err)
	require.Equal(t, string(doc), out, "docs/CLI.md is stale: run `go run . help --markdown > docs/CLI.md`")
}

// The completion script is valid bash and completes command words and flags.
func TestBashCompletion(t *testing.T) {
	code, script, errOut := run(t, "completion", "bash")
	require.Equal(t, 0, code, errOut)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	f := filepath.Join(t.TempDir(), "pacta.bash")
	require.NoError(t, os.WriteFile(f, []byte(script), 0o644))
	complete := func(words ...string) string {
		t.Helper()
		line := `source ` + f + `; COMP_WORDS=(` + strings.Join(words, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _pacta; echo "${COMPREPLY[@]}"`
		out, err := exec.Command("bash", "-c", line).CombinedOutput()
		require.NoError(t, err, string(out))
		return strings.TrimSpace(string(out))
	}
	require.Contains(t, strings.Fields(complete("pacta", "pa")), "pact")
	require.ElementsMatch(t, []string{"party", "pdf"}, strings.Fields(complete("pacta", "pact", "p")))
	require.Contains(t, strings.Fields(complete("pacta", "asset", "list", "--j")), "--json")
	code, _, _ = run(t, "completion", "zsh")
	require.Equal(t, 2, code)
}

// --lang writes a command's translated errors in that language; without it they are English.
func TestLangFlagTranslatesErrors(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errOut := run(t, "init", "--name", "Comune di Prova", "--home", home)
	require.Equal(t, 0, code, errOut)
	_, _, english := run(t, "asset", "add", "--name", "", "--kind", "square", "--home", home)
	_, _, before := run(t, "--lang", "it", "asset", "add", "--name", "", "--kind", "square", "--home", home)
	_, _, after := run(t, "asset", "add", "--name", "", "--kind", "square", "--home", home, "--lang", "it")
	require.NotEqual(t, english, before)
	require.Equal(t, before, after)
	require.Contains(t, before, "nome")
	_, _, again := run(t, "asset", "add", "--name", "", "--kind", "square", "--home", home)
	require.Equal(t, english, again, "--lang of one command line outlived it")
}

func TestI18nCheckCommand(t *testing.T) {
	code, out, errs := run(t, "i18n", "check", "--json")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, `"ok": true`)
	dir := t.TempDir()
	for name, body := range map[string]string{"en.json": `{"a.b": "x {{.N}}"}`, "es.json": `{"a.b": "y"}`, "it.json": `{"a.b": "z {{.N}}"}`} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	code, _, errs = run(t, "i18n", "check", dir)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "a.b: want [N], has []")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "it.json"), []byte(`{"a.b": "z {{.N}}",`), 0o644))
	code, _, errs = run(t, "i18n", "check", dir)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "it.json")
}
