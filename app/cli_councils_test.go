package app

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCouncilCommands(t *testing.T) {
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
	refused := func(want string, args ...string) {
		t.Helper()
		code, _, errs := run(t, append(args, h...)...)
		require.NotEqual(t, 0, code, "%v should be refused", args)
		require.Contains(t, errs, want, "%v", args)
	}

	cmd("council", "new", "--name", "Consiglio Kalsa", "--seats-per-side", "2", "--first-chair", "civil", "--founded", "2024-02-29", "--level", "neighbourhood")
	var sched []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "schedule", "kalsa", "--terms", "3", "--json")), &sched))
	require.Len(t, sched, 3)
	assert.EqualValues(t, 0, sched[0]["index"])
	assert.Equal(t, "2024-02-29", sched[0]["start"])
	assert.Equal(t, "2026-02-28", sched[0]["end"])
	assert.Equal(t, "civil", sched[0]["chair_side"])
	assert.Equal(t, "government", sched[0]["vice_chair_side"])
	assert.Equal(t, "2026-03-01", sched[1]["start"])
	assert.Equal(t, "government", sched[1]["chair_side"])

	for _, m := range [][]string{{"Ada Rossi", "government", ""}, {"Bruno Neri", "government", ""}, {"Carla Bianchi", "civil", "Coop Ballarò"},
		{"Dario Verdi", "civil", "Ass. Kalsa"}} {
		cmd("council", "member", "add", "Consiglio Kalsa", "--name", m[0], "--side", m[1], "--org", m[2], "--designated", "2024-02-29")
	}
	refused("one seat, on one side", "council", "member", "add", "kalsa", "--name", "ADA ROSSI", "--side", "civil", "--designated", "2024-03-01")
	refused("not a side", "council", "member", "add", "kalsa", "--name", "X", "--side", "citizens")
	refused("cannot end before", "council", "member", "cease", "kalsa", "--name", "Dario Verdi", "--date", "2024-01-01")
	refused("the Chair comes from the civil society side", "council", "officers", "kalsa", "--term", "0", "--chair", "Ada Rossi", "--vice", "Carla Bianchi")
	refused("one from each side", "council", "officers", "kalsa", "--term", "0", "--chair", "Carla Bianchi", "--vice", "Dario Verdi")
	refused("does not exist", "council", "officers", "kalsa", "--term", "-1", "--chair", "Carla Bianchi", "--vice", "Ada Rossi")
	cmd("council", "officers", "kalsa", "--term", "0", "--chair", "carla bianchi", "--vice", "Ada Rossi")

	var list []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "list", "--json")), &list))
	require.Len(t, list, 1)
	for _, k := range []string{"id", "name", "level", "seats_per_side", "parity_ok", "rule_ok"} {
		assert.Contains(t, list[0], k)
	}
	assert.Equal(t, true, list[0]["parity_ok"])

	cmd("council", "member", "cease", "kalsa", "--name", "Dario Verdi", "--date", "2025-01-31", "--reason", "moved away")
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "list", "--json")), &list))
	assert.Equal(t, false, list[0]["parity_ok"])
	assert.Equal(t, false, list[0]["rule_ok"])
	var due []map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "due", "--json")), &due))
	kinds := map[string]bool{}
	for _, d := range due {
		kinds[d["kind"].(string)] = true
	}
	assert.True(t, kinds["rule_broken"] && kinds["vacancy"], "%v", due)

	// A draw fills the civil seat, is kept, prints and verifies.
	dir := t.TempDir()
	csv := filepath.Join(dir, "candidates.csv")
	require.NoError(t, os.WriteFile(csv, []byte("name,org,gender,district\nElena Gallo,Coop A,F,Kalsa\nFranco Lo Bue,Coop B,M,Kalsa\n"+
		"Giulia Sanna,Coop A,F,Albergheria\nHamid Diallo,Coop C,M,Albergheria\nIrene Costa,Coop B,F,Kalsa\n"), 0o644))
	refused("add up to 3, more than the 1 seats", "council", "draw", "kalsa", "--seats", "1", "--seed", "s", "--candidates", csv,
		"--quota", "gender=F:2:2", "--quota", "gender=M:1:1")
	out := cmd("council", "draw", "kalsa", "--seats", "1", "--seed", "2025-02-10 n. 4711", "--candidates", csv, "--quota", "gender=F:1:1", "--json", "--date", "2025-02-10")
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &rec))
	selected := rec["selected"].([]any)
	require.Len(t, selected, 1)
	again := cmd("council", "draw", "kalsa", "--seats", "1", "--seed", "2025-02-10 n. 4711", "--candidates", csv, "--quota", "gender=F:1:1", "--json", "--date", "2025-02-10")
	var rec2 map[string]any
	require.NoError(t, json.Unmarshal([]byte(again), &rec2))
	assert.Equal(t, selected, rec2["selected"], "same seed, same panel")
	recFile := filepath.Join(dir, "draw.json")
	require.NoError(t, os.WriteFile(recFile, []byte(out), 0o644))
	assert.Contains(t, cmd("council", "draw", "--verify", recFile), "Verified")
	forged := strings.Replace(out, `"seed": "2025-02-10 n. 4711"`, `"seed": "another seed entirely"`, 1)
	require.NoError(t, os.WriteFile(recFile, []byte(forged), 0o644))
	// Another seed may by chance give the same one-person panel; with five candidates it
	// usually does not. The record's own panel is what is checked either way.
	code, vout, _ := run(t, "council", "draw", "--verify", recFile, "--json")
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(vout), &v))
	assert.Equal(t, code == 0, v["verified"])

	cmd("council", "member", "add", "kalsa", "--name", selected[0].(string), "--side", "civil", "--mode", "lot", "--designated", "2025-02-15",
		"--substitute-for", "Dario Verdi")
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "list", "--json")), &list))
	assert.Equal(t, true, list[0]["parity_ok"])

	cmd("council", "selection", "add", "kalsa", "--date", "2024-02-20", "--org", "Coop Ballarò", "--org", "Ass. Kalsa",
		"--candidate", "Carla Bianchi=14", "--candidate", "Dario Verdi=9", "--candidate", "Ugo Riva=3", "--elected", "Carla Bianchi", "--elected", "Dario Verdi",
		"--minutes", writeFile(t, dir, "verbale-assemblea.pdf", "%PDF-1.4 scanned minutes"))
	refused("not among the candidates", "council", "selection", "add", "kalsa", "--date", "2024-02-20", "--org", "A", "--candidate", "X=1", "--elected", "Y")

	agenda := filepath.Join(dir, "agenda.txt")
	require.NoError(t, os.WriteFile(agenda, []byte("1. Priorità dei servizi sociali.\n2. Varie."), 0o644))
	decisions := filepath.Join(dir, "decisions.json")
	require.NoError(t, os.WriteFile(decisions, []byte(`[{"text": "Si approva il piano delle priorità.", "gov_for": 2, "civil_for": 1, "civil_abstain": 1}]`), 0o644))
	out = cmd("council", "meeting", "add", "kalsa", "--date", "2025-03-01", "--agenda-file", agenda, "--present", "Ada Rossi", "--present", "Bruno Neri",
		"--present", "Carla Bianchi", "--present", selected[0].(string), "--decision-file", decisions)
	assert.Contains(t, out, "quorum reached")
	out = cmd("council", "meeting", "add", "kalsa", "--date", "2025-04-01", "--agenda", "Varie", "--present", "Ada Rossi")
	assert.Contains(t, out, "WITHOUT QUORUM")
	refused("did not hold a seat", "council", "meeting", "add", "kalsa", "--date", "2025-04-02", "--agenda", "x", "--present", "Dario Verdi")

	var show map[string]any
	require.NoError(t, json.Unmarshal([]byte(cmd("council", "show", "kalsa", "--json")), &show))
	assert.Len(t, show["members"], 5)
	assert.Len(t, show["selections"], 3)
	assert.Len(t, show["meetings"], 2)

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	for _, c := range []struct{ doc, extra, want string }{
		{"roster", "", "Composizione del consiglio"},
		{"draw", "--selection=2025-02-10", "Come verificare questo sorteggio"},
		{"minutes", "--meeting=2025-03-01", "Si approva il piano delle priorità."},
		{"draw", "--selection=2024-02-20", "verbale-assemblea.pdf"},
	} {
		pdf := filepath.Join(dir, c.doc+c.extra+".pdf")
		args := []string{"council", "pdf", "kalsa", "--doc", c.doc, "-o", pdf, "--lang", "it"}
		if c.extra != "" {
			args = append(args, c.extra)
		}
		cmd(args...)
		b, err := exec.Command("pdftotext", pdf, "-").Output()
		require.NoError(t, err)
		text := strings.Join(strings.Fields(string(b)), " ")
		assert.Contains(t, text, c.want, c.doc)
		assert.Contains(t, text, "Comune di Palermo", c.doc)
		switch c.doc {
		case "roster":
			assert.Contains(t, text, "Carla Bianchi")
			assert.Contains(t, text, "Dario Verdi")
			assert.Contains(t, text, "29 febbraio 2024")
		case "draw":
			if strings.Contains(c.extra, "2024") {
				assert.Contains(t, text, "Carla Bianchi: 14")
				continue
			}
			assert.Contains(t, text, selected[0].(string))
			assert.Contains(t, text, "2025-02-10 n. 4711")
		case "minutes":
			assert.Contains(t, text, "Governo: 2 favorevoli")
		}
	}
}

func TestACouncilEditedOnTwoLaptopsConverges(t *testing.T) {
	tmp := t.TempDir()
	folder, homeA, homeB := filepath.Join(tmp, "shared"), filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	cmd := func(args ...string) string { t.Helper(); return runOK(t, args...) }
	cmd("init", "--home", homeA, "--name", "Comune di Prova")
	cmd("council", "new", "--home", homeA, "--name", "Consiglio Kalsa", "--seats-per-side", "2", "--founded", "2024-01-01")
	cmd("council", "member", "add", "kalsa", "--home", homeA, "--name", "Ada Rossi", "--side", "government", "--designated", "2024-01-01")
	cmd("sync", "--home", homeA, "--folder", folder)
	cmd("join", "--home", homeB, "--folder", folder, "--name", "Laptop Maria")
	enrolLaptop(t, cmd, homeA, homeB)
	cmd("sync", "--home", homeA)
	cmd("sync", "--home", homeB)

	// Offline, each laptop changes the council: different fields and members, and both the
	// name (a conflict every laptop must show).
	cmd("council", "member", "add", "kalsa", "--home", homeA, "--name", "Carla Bianchi", "--side", "civil", "--designated", "2024-01-01")
	cmd("council", "set", "kalsa", "--home", homeA, "--purpose", "Priorità dei servizi sociali", "--name", "Consiglio della Kalsa")
	cmd("council", "member", "add", "kalsa", "--home", homeB, "--name", "Bruno Neri", "--side", "government", "--designated", "2024-01-01")
	cmd("council", "member", "add", "kalsa", "--home", homeB, "--name", "Dario Verdi", "--side", "civil", "--designated", "2024-01-01")
	cmd("council", "officers", "kalsa", "--home", homeB, "--term", "1", "--chair", "Dario Verdi", "--vice", "Bruno Neri")
	cmd("council", "set", "kalsa", "--home", homeB, "--name", "Consiglio di quartiere Kalsa")
	for _, h := range []string{homeA, homeB, homeA, homeB} {
		cmd("sync", "--home", h)
	}
	showA := cmd("council", "show", "kalsa", "--home", homeA, "--json")
	showB := cmd("council", "show", "kalsa", "--home", homeB, "--json")
	require.JSONEq(t, showA, showB)
	var show map[string]any
	require.NoError(t, json.Unmarshal([]byte(showA), &show))
	assert.Len(t, show["members"], 4)
	assert.Equal(t, "Dario Verdi", show["terms"].([]any)[1].(map[string]any)["chair"])
	assert.Equal(t, "Priorità dei servizi sociali", show["purpose"])
	var ca, cb []any
	require.NoError(t, json.Unmarshal([]byte(cmd("conflicts", "list", "--home", homeA, "--json")), &ca))
	require.NoError(t, json.Unmarshal([]byte(cmd("conflicts", "list", "--home", homeB, "--json")), &cb))
	assert.Len(t, ca, 1, "the two names are a conflict")
	assert.Len(t, cb, 1, "on both laptops")
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}
