package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPactCommandsFromProposalToSignedPDF(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Palermo")
	require.Equal(t, 0, code, errs)
	h := []string{"--home", home}
	cmd := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, h...)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}

	out := cmd("pact", "new", "--title", "Cura di Piazza Magione", "--proponent", "Associazione Àncora", "--proponent-type", "association", "--lang", "it", "--immaterial")
	ref := strings.TrimSpace(out)
	require.Regexp(t, `^PACT-\d{4}-0001$`, ref)

	// Approving too early is refused with the failed condition and exit status 1.
	cmd("pact", "transition", ref, "--to", "submitted")
	cmd("pact", "transition", ref, "--to", "in_review")
	code, _, errs = run(t, append([]string{"pact", "transition", ref, "--to", "approved"}, h...)...)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "set the duration in months")
	code, _, errs = run(t, append([]string{"pact", "transition", ref, "--to", "rejected"}, h...)...)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "say why")

	text := filepath.Join(t.TempDir(), "risks.txt")
	require.NoError(t, os.WriteFile(text, []byte("Attività svolte con guanti e gilet ad alta visibilità; {{.Proponent}} vigila."), 0o644))
	cmd("pact", "set", ref, "--section", "risks", "--text-file", text, "--duration", "12", "--start", "2026-01-01", "--extension", "6")
	bad := filepath.Join(t.TempDir(), "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("{{.Nessuno}}"), 0o644))
	code, _, errs = run(t, append([]string{"pact", "set", ref, "--section", "risks", "--text-file", bad}, h...)...)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "Nessuno")
	cmd("pact", "party", "set", ref, "--name", "Comune di Palermo", "--representative", "Paola Di Trapani", "--rep-role", "dirigente")
	cmd("pact", "party", "add", ref, "--name", "Scuola Garibaldi", "--role", "cosignatory", "--type", "school", "--fiscal-code", "80012340829")
	cmd("pact", "support", "add", ref, "--kind", "ppe", "--details", "gilet")
	cmd("pact", "indicator", "add", ref, "--name", "Ore", "--unit", "ore", "--target", "100")
	cmd("pact", "transition", ref, "--to", "approved", "--by", "Paola")
	// A signature dated before the approval, or after today, is refused; nothing is written.
	today := time.Now().Format("2006-01-02")
	for _, date := range []string{"2026-01-10", time.Now().AddDate(0, 0, 2).Format("2006-01-02"), "2026-02-30"} {
		code, _, errs = run(t, append([]string{"pact", "sign", ref, "--party", "Comune di Palermo", "--signer", "X", "--date", date}, h...)...)
		require.Equal(t, 1, code, date)
		require.NotEmpty(t, errs)
	}
	for _, p := range []string{"Associazione Àncora", "Scuola Garibaldi", "Comune di Palermo"} {
		cmd("pact", "sign", ref, "--party", p, "--signer", "Firma "+p, "--date", today)
	}
	code, _, errs = run(t, append([]string{"pact", "sign", "correct", ref, "--party", "Scuola Garibaldi", "--signer", "Dirigente Scolastica"}, h...)...)
	require.Equal(t, 2, code, "a correction without a reason is a usage error")
	require.Contains(t, errs, "--reason")
	out = cmd("pact", "sign", "correct", ref, "--party", "Scuola Garibaldi", "--signer", "Dirigente Scolastica", "--reason", "signed by the head teacher", "--by", "Paola")
	require.Contains(t, out, "content signed is unchanged")
	out = cmd("pact", "show", ref, "--json")
	var show map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &show))
	require.Equal(t, "signed", show["pact"].(map[string]any)["status"])
	require.Len(t, show["signatures"], 4, "the corrected record stays in the history")
	out = cmd("pact", "verify", ref)
	require.Contains(t, out, "version 1: sha256")
	cmd("pact", "transition", ref, "--to", "active")

	rep := filepath.Join(t.TempDir(), "report.txt")
	require.NoError(t, os.WriteFile(rep, []byte("Pulizia settimanale della piazza."), 0o644))
	photo := filepath.Join(t.TempDir(), "piazza pulita.jpg")
	require.NoError(t, os.WriteFile(photo, []byte("\xff\xd8\xff jpeg"), 0o644))
	out = cmd("pact", "report", ref, "--period", "2026-Q1", "--hours", "36", "--text-file", rep, "--value", "Ore=36", "--attach", photo)
	require.Contains(t, out, "piazza pulita.jpg attached")
	scan := filepath.Join(t.TempDir(), "presenze.pdf")
	require.NoError(t, os.WriteFile(scan, []byte("%PDF-1.4"), 0o644))
	out = cmd("pact", "report", "attach", ref, "--period", "2026-Q1", "--file", scan)
	require.Contains(t, out, "presenze.pdf attached")
	code, _, errs = run(t, append([]string{"pact", "report", "attach", ref, "--period", "2030-Q9", "--file", scan}, h...)...)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "no report for the period")
	pdf := filepath.Join(t.TempDir(), "pact.pdf")
	cmd("pact", "pdf", ref, "-o", pdf)
	rpdf := filepath.Join(t.TempDir(), "report.pdf")
	cmd("pact", "report", "pdf", ref, "--period", "2026-Q1", "-o", rpdf)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		rb, err := exec.Command("pdftotext", rpdf, "-").Output()
		require.NoError(t, err)
		require.Contains(t, string(rb), "piazza pulita.jpg")
		require.Contains(t, string(rb), "presenze.pdf")
		b, err := exec.Command("pdftotext", pdf, "-").Output()
		require.NoError(t, err)
		require.Contains(t, string(b), "Scuola Garibaldi")
		require.NotContains(t, string(b), "BOZZA")
	}

	out = cmd("pact", "list", "--json")
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &items))
	require.Len(t, items, 1)
	for _, k := range []string{"id", "ref", "title", "kind", "status", "proponents", "assets"} {
		require.Contains(t, items[0], k)
	}
	require.Equal(t, "active", items[0]["status"])
	out = cmd("pact", "list", "--status", "draft")
	require.Contains(t, out, "0 pacts")
	code, _, errs = run(t, append([]string{"pact", "list", "--status", "finished"}, h...)...)
	require.Equal(t, 2, code)
	require.Contains(t, errs, "unknown")
	code, _, errs = run(t, append([]string{"pact", "show", "PACT-1999-0001"}, h...)...)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "pact list")

	out = cmd("pact", "deadlines", "--ordinary-answer", "45")
	require.Contains(t, out, "ordinary answer: 45 days")
	cmd("pact", "due")
}

func TestImportRegisterCommand(t *testing.T) {
	csv := filepath.Join("..", "testdata", "palermo", "pacts-register.csv")
	_, err := os.Stat(csv)
	require.NoError(t, err, "the Palermo register is kept in the repository")
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Palermo")
	require.Equal(t, 0, code, errs)
	code, out, errs := run(t, "import", "register", csv, "--home", home)
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "imported 73 rows: 73 new pacts")
	code, out, errs = run(t, "import", "register", csv, "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Equal(t, float64(73), res["imported"])
	require.Equal(t, float64(0), res["created"])
	code, out, _ = run(t, "pact", "list", "--status", "signed", "--home", home, "--json")
	require.Equal(t, 0, code)
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &items))
	require.Len(t, items, 24)
	code, _, errs = run(t, "import", "register", "--home", home, filepath.Join(t.TempDir(), "missing.csv"))
	require.Equal(t, 1, code)
	require.Contains(t, errs, "no such file")
}

func TestSampleHasPactsInSeveralStates(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Esempio", "--sample")
	require.Equal(t, 0, code, errs)
	code, out, errs := run(t, "pact", "list", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &items))
	states := map[string]bool{}
	for _, it := range items {
		states[it["status"].(string)] = true
	}
	for _, s := range []string{"active", "in_review", "published", "draft", "rejected"} {
		require.True(t, states[s], "sample has a pact %s", s)
	}
	code, out, errs = run(t, "pact", "verify", "PACT-"+items[len(items)-1]["ref"].(string)[5:], "--home", home)
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "sha256")
}

func TestPactDuplicateReferences(t *testing.T) {
	home, assetIDs, ids := duplicatesHome(t)
	flags := func() []bool {
		t.Helper()
		code, out, errs := run(t, "pact", "list", "--home", home, "--json")
		require.Equal(t, 0, code, errs)
		var items []map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &items))
		var got []bool
		for _, it := range items {
			got = append(got, it["duplicate_ref"].(bool))
		}
		return got
	}
	require.Equal(t, []bool{true, true}, flags())
	candidates := []string{"PACT-2026-0042 is the reference of 2 pacts", ids[0], "Cura di Piazza Magione  (draft)", ids[1],
		"Orto condiviso alla Zisa  (submitted)", "--id ID", "pacta pact renumber PACT-2026-0042 --id ID"}
	runSteps(t, home, []cliStep{
		{args: []string{"pact", "list"}, out: []string{"⚠ duplicate reference", "2 of them share their reference"}},
		{args: []string{"pact", "show", "PACT-2026-0042"}, code: 2, err: candidates},
		{args: []string{"pact", "transition", "PACT-2026-0042", "--to", "withdrawn", "--reason", "x"}, code: 2, err: candidates},
		{args: []string{"pact", "renumber", "PACT-2026-0042"}, code: 2, err: candidates},
		{args: []string{"pact", "show", "PACT-2026-0042", "--id", ids[1]}, out: []string{"Orto condiviso alla Zisa", "⚠ duplicate reference",
			ids[0] + "  Cura di Piazza Magione  (draft)"}},
		{args: []string{"pact", "show", "--id", ids[0], "--json"}, out: []string{`"duplicate_ref": true`, `"title": "Cura di Piazza Magione"`}},
		// An edit picks the pact by --id; linking an asset by a reference two assets hold
		// names them instead, and takes the asset's id.
		{args: []string{"pact", "link", "PACT-2026-0042", "--id", ids[0], "--asset", "ASSET-0042"}, code: 2,
			err: []string{"ASSET-0042 is the reference of 2 assets", "--asset ID", assetIDs[0], assetIDs[1]}},
		{args: []string{"pact", "link", "PACT-2026-0042", "--id", ids[0], "--asset", assetIDs[1]}, out: []string{"PACT-2026-0042: " + assetIDs[1] + " linked"}},
		{args: []string{"pact", "new", "--title", "Altro", "--proponent", "X", "--asset", "ASSET-0042"}, code: 2, err: []string{"--asset ID"}},
		{args: []string{"pact", "renumber", "PACT-2026-0042", "--id", ids[1], "--json"}, out: []string{`"old_ref": "PACT-2026-0042"`, `"ref": "PACT-2026-0043"`}},
		{args: []string{"pact", "show", "PACT-2026-0042", "--json"}, out: []string{`"duplicate_ref": false`, `"title": "Cura di Piazza Magione"`}},
		{args: []string{"pact", "show", "PACT-2026-0043"}, out: []string{"Orto condiviso alla Zisa"}, not: []string{"duplicate"}},
		{args: []string{"pact", "renumber", "PACT-2026-0042", "--id", ids[0]}, code: 1,
			err: []string{"PACT-2026-0042 is not a duplicate: no other pact holds it, so it keeps its number"}},
		{args: []string{"pact", "list"}, not: []string{"⚠", "share their reference"}},
	})
	require.Equal(t, []bool{false, false}, flags())
}
