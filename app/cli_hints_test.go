package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
)

// The command line says what is wrong in the domain's words and adds how to go on with its
// own: flags and commands, which the domain's messages no longer hold.
func TestCommandLineHints(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, stderr := run(t, "init", "--home", home, "--name", "Comune di Palermo")
	require.Equal(t, 0, code, stderr)
	code, out, stderr := run(t, "pact", "new", "--title", "Cura del giardino", "--proponent", "Associazione Vicini", "--home", home)
	require.Equal(t, 0, code, stderr)
	ref := strings.TrimSpace(out)
	runSteps(t, home, []cliStep{
		{args: []string{"pact", "set", ref, "--title", " "}, code: 1,
			err: []string{"pacta pact set: pact details: give the pact a title\nusage: pacta pact set REF"}},
		{args: []string{"pact", "set", ref, "--duration", "-1"}, code: 1,
			err: []string{"“Duration (months)” must be from 0 to 1200", "usage: pacta pact set"}},
		{args: []string{"pact", "link", ref, "--asset", "ASSET-9999"}, code: 1,
			err: []string{"no asset of the registry has the reference or id ASSET-9999; list the registry with `pacta asset list`"}},
		{args: []string{"pact", "show", "PACT-1999-0001"}, code: 1, err: []string{"; list the pacts with `pacta pact list`"}},
		{args: []string{"pact", "deadlines", "--ordinary-answer", "0"}, code: 1,
			err: []string{"“Ordinary: answer within (days)” is out of range: give a number of days from 1 to 3650, not 0", "usage: pacta pact deadlines"}},
		{args: []string{"pact", "report", "attach", ref, "--period", "2030-Q9", "--file", "x.pdf"}, code: 1,
			err: []string{"has no report for the period “2030-Q9”; `pacta pact show " + ref + "` lists its reports"}},
		{args: []string{"sync"}, code: 1, err: []string{"no shared folder chosen yet", "; give one with --folder DIR"}},
		{args: []string{"sync", "--folder", filepath.Join(t.TempDir(), "missing", "drive")}, code: 1,
			err: []string{"cannot be reached; check that it is mounted", "; check that the folder is reachable"}},
	})
}

func TestHintByKind(t *testing.T) {
	cmd := Command{Name: "asset show", Args: "REF [--json]"}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"no kind: no hint", errors.New("x"), ""},
		{"invalid: the usage", errs.E(errs.Invalid, errors.New("x")), "\nusage: pacta asset show REF [--json]"},
		{"not found: the area's list", fmt.Errorf("show: %w", errs.E(errs.NotFound)), "; list them with `pacta asset list`"},
		{"unavailable", errs.E(errs.Unavailable), "; check that the folder is reachable (mounted, connected), then run the command again"},
		{"internal: doctor", errs.E(errs.Internal), "; run `pacta doctor` to check the workspace (pacta.log in the home has the details)"},
		{"conflict: the message says it", errs.E(errs.Conflict), ""},
		{"a key's hint wins over its kind", errs.E(errs.Invalid, errs.Key("sync.error.no_folder_chosen")), "; give one with --folder DIR (it is remembered)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, hint(cmd, tc.err))
		})
	}
	// A command of an area without a list names none.
	require.Equal(t, "", hint(Command{Name: "export canonical"}, errs.E(errs.NotFound)))
}
