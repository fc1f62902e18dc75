package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProcedureCommands runs the procedure's commands as a person would: a complex pact is
// published, receives an observation, which is answered; the answer term is interrupted
// once where the regulation allows it; a pact cannot be renewed while a draft.
func TestProcedureCommands(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	mustRun := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, "--home", home)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}
	mustRun("init", "--name", "Comune di Prova")
	out := mustRun("pact", "new", "--title", "Orto condiviso della Kalsa", "--kind", "complex", "--proponent", "Associazione Àncora")
	ref := strings.Fields(out)[0]
	code, _, errs := run(t, "pact", "observe", ref, "--from", "Comitato Kalsa", "--text", "Anche la domenica", "--home", home)
	require.NotEqual(t, 0, code)
	require.Contains(t, errs, "while a pact is published")

	mustRun("pact", "transition", ref, "--to", "submitted")
	mustRun("pact", "transition", ref, "--to", "in_review")
	code, _, errs = run(t, "pact", "interrupt", ref, "--days", "10", "--reason", "proposte da riunire", "--home", home)
	require.NotEqual(t, 0, code)
	require.Contains(t, errs, "allows no interruption")
	require.Contains(t, mustRun("pact", "deadlines", "--interruption-days", "30"), "interruption allowed: 30 days")
	mustRun("pact", "interrupt", ref, "--days", "10", "--reason", "proposte da riunire")

	mustRun("pact", "transition", ref, "--to", "published")
	mustRun("pact", "observe", ref, "--from", "Comitato Kalsa", "--text", "Anche la domenica")
	require.Contains(t, mustRun("pact", "observations", ref), "not answered yet")
	code, _, errs = run(t, "pact", "answer", ref, "--observation", "2", "--text", "Accolta", "--home", home)
	require.NotEqual(t, 0, code)
	require.Contains(t, errs, "from 1 to 1")
	mustRun("pact", "answer", ref, "--observation", "1", "--text", "Accolta: la domenica mattina")
	require.Contains(t, mustRun("pact", "observations", ref), "Accolta: la domenica mattina")

	code, _, errs = run(t, "pact", "renew", ref, "--home", home)
	require.NotEqual(t, 0, code)
	require.Contains(t, errs, "renewed when it is active")
}
