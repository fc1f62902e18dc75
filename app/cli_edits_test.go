package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

// editsBinary builds the real pacta binary once for the tests of this file.
func editsBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the pacta binary")
	}
	bin := filepath.Join(t.TempDir(), "pacta")
	build := exec.Command("go", "build", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// TestConcurrentCommandsKeepEachOthersEdits runs commands that change different fields of
// one record at the same time, as separate processes on one workspace file (the window and
// a command, or two commands, do this), several times over. Each command writes only what
// it was given, inside its write transaction: every change is in place afterwards. (A
// command that read the record before its transaction and wrote it back whole lost one of
// the changes in some of the trials.)
func TestConcurrentCommandsKeepEachOthersEdits(t *testing.T) {
	bin := editsBinary(t)
	home := filepath.Join(t.TempDir(), "ws")
	pacta := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--home", home)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "pacta %v: %s", args, stderr.String())
		return stdout.String()
	}
	pacta("init", "--name", "Comune di Prova")
	ref := strings.TrimSpace(pacta("pact", "new", "--title", "Cura del giardino", "--proponent", "Associazione Vicini"))
	municipality := "Comune di Prova"

	type show struct {
		Pact    map[string]any   `json:"pact"`
		Parties []map[string]any `json:"parties"`
	}
	read := func() show {
		t.Helper()
		var s show
		require.NoError(t, json.Unmarshal([]byte(pacta("pact", "show", ref, "--json")), &s))
		return s
	}
	party := func(s show, name string) map[string]any {
		for _, p := range s.Parties {
			if p["name"] == name {
				return p
			}
		}
		t.Fatalf("%s has no party %s", ref, name)
		return nil
	}
	deadlines := func() string { return pacta("pact", "deadlines") }

	cases := []struct {
		name string
		// commands run at once, each changing one field; check says each change is there.
		commands func(trial int) [][]string
		check    func(t *testing.T, trial int)
	}{
		{
			name: "pact set",
			commands: func(i int) [][]string {
				return [][]string{
					{"pact", "set", ref, "--title", fmt.Sprintf("Titolo %d", i)},
					{"pact", "set", ref, "--summary", fmt.Sprintf("Sommario %d", i)},
					{"pact", "set", ref, "--officer", fmt.Sprintf("Funzionario %d", i)},
					{"pact", "set", ref, "--duration", fmt.Sprint(10 + i)},
				}
			},
			check: func(t *testing.T, i int) {
				p := read().Pact
				require.Equal(t, fmt.Sprintf("Titolo %d", i), p["title"])
				require.Equal(t, fmt.Sprintf("Sommario %d", i), p["summary"])
				require.Equal(t, fmt.Sprintf("Funzionario %d", i), p["officer"])
				require.EqualValues(t, 10+i, p["duration_months"])
			},
		},
		{
			name: "pact party set",
			commands: func(i int) [][]string {
				return [][]string{
					{"pact", "party", "set", ref, "--name", municipality, "--representative", fmt.Sprintf("Sindaco %d", i)},
					{"pact", "party", "set", ref, "--name", municipality, "--email", fmt.Sprintf("comune%d@example.org", i)},
					{"pact", "party", "set", ref, "--name", municipality, "--address", fmt.Sprintf("Piazza %d", i)},
				}
			},
			check: func(t *testing.T, i int) {
				p := party(read(), municipality)
				require.Equal(t, fmt.Sprintf("Sindaco %d", i), p["representative"])
				require.Equal(t, fmt.Sprintf("comune%d@example.org", i), p["email"])
				require.Equal(t, fmt.Sprintf("Piazza %d", i), p["address"])
			},
		},
		{
			name: "pact deadlines",
			commands: func(i int) [][]string {
				return [][]string{
					{"pact", "deadlines", "--ordinary-answer", fmt.Sprint(20 + i)},
					{"pact", "deadlines", "--complex-publish", fmt.Sprint(5 + i)},
					{"pact", "deadlines", "--complex-decision", fmt.Sprint(40 + i)},
				}
			},
			check: func(t *testing.T, i int) {
				out := deadlines()
				require.Contains(t, out, fmt.Sprintf("ordinary answer: %d days", 20+i))
				require.Contains(t, out, fmt.Sprintf("complex published within: %d days", 5+i))
				require.Contains(t, out, fmt.Sprintf("complex decision within: %d days", 40+i))
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for trial := 1; trial <= 6; trial++ {
				var wg sync.WaitGroup
				cmds := c.commands(trial)
				errs := make([]error, len(cmds))
				outs := make([]string, len(cmds))
				for k, args := range cmds {
					wg.Add(1)
					go func() {
						defer wg.Done()
						cmd := exec.Command(bin, append(args, "--home", home)...)
						out, err := cmd.CombinedOutput()
						errs[k], outs[k] = err, string(out)
					}()
				}
				wg.Wait()
				for k := range cmds {
					require.NoError(t, errs[k], "trial %d: pacta %v: %s", trial, cmds[k], outs[k])
				}
				c.check(t, trial)
			}
		})
	}
}

// TestEditCommandsWriteTheFlagsGiven: a flag given is written even when empty or zero (it
// clears the field), one not given is left alone, and a value the rules refuse is an error.
func TestEditCommandsWriteTheFlagsGiven(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Prova")
	require.Equal(t, 0, code, errs)
	cmd := func(args ...string) (int, string, string) { return run(t, append(args, "--home", home)...) }
	code, out, errs := cmd("pact", "new", "--title", "Cura del giardino", "--proponent", "Associazione Vicini")
	require.Equal(t, 0, code, errs)
	ref := strings.TrimSpace(out)
	pact := func() map[string]any {
		_, out, _ := cmd("pact", "show", ref, "--json")
		var s struct {
			Pact    map[string]any   `json:"pact"`
			Parties []map[string]any `json:"parties"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &s))
		s.Pact["proponent_email"] = s.Parties[1]["email"]
		s.Pact["proponent_address"] = s.Parties[1]["address"]
		return s.Pact
	}

	code, _, errs = cmd("pact", "set", ref, "--officer", "Ufficio Beni Comuni", "--duration", "12", "--summary", "Pulizia.")
	require.Equal(t, 0, code, errs)
	code, _, errs = cmd("pact", "set", ref, "--officer", "", "--duration", "0")
	require.Equal(t, 0, code, errs)
	p := pact()
	require.Empty(t, p["officer"], "--officer \"\" clears the officer")
	require.EqualValues(t, 0, p["duration_months"])
	require.Equal(t, "Pulizia.", p["summary"], "a field not given is left alone")
	require.Equal(t, "Cura del giardino", p["title"])

	for _, args := range [][]string{{"--title", ""}, {"--kind", "huge"}, {"--duration", "-1"}} {
		code, _, errs = cmd(append([]string{"pact", "set", ref}, args...)...)
		require.Equal(t, 1, code, "%v", args)
		require.Contains(t, errs, "pact details", "%v", args)
	}
	require.Equal(t, p, pact(), "a refused change writes nothing")

	code, _, errs = cmd("pact", "party", "set", ref, "--name", "associazione vicini", "--email", "vicini@example.org", "--address", "Via Roma 1")
	require.Equal(t, 0, code, errs)
	code, out, errs = cmd("pact", "party", "set", ref, "--name", "Associazione Vicini", "--address", "")
	require.Equal(t, 0, code, errs)
	require.Equal(t, ref+": Associazione Vicini updated\n", out)
	p = pact()
	require.Equal(t, "vicini@example.org", p["proponent_email"])
	require.Empty(t, p["proponent_address"])
	code, _, errs = cmd("pact", "party", "set", ref, "--name", "Nessuno", "--email", "x@example.org")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "has no party")

	code, out, errs = cmd("pact", "deadlines", "--complex-publish", "15")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "ordinary answer: 30 days\ncomplex published within: 15 days\n")
	code, _, errs = cmd("pact", "deadlines", "--ordinary-answer", "0")
	require.Equal(t, 1, code, "a term given as 0 is out of range, not \"not given\"")
	require.Contains(t, errs, "out of range")
	_, out, _ = cmd("pact", "deadlines")
	require.Contains(t, out, "ordinary answer: 30 days\ncomplex published within: 15 days\n")
}

// TestEditSettingsWritesWhatChanged: the Settings screen's save writes the values its user
// changed; a workspace value and a local one another process changed meanwhile stay.
func TestEditSettingsWritesWhatChanged(t *testing.T) {
	ctx := context.Background()
	ws, err := Init(ctx, filepath.Join(t.TempDir(), "ws"), "Comune di Prova", false)
	require.NoError(t, err)
	defer ws.Close()
	t.Cleanup(func() { i18n.SetCurrent(i18n.Source) }) // EditSettings switches the language
	shown, err := ws.Settings(ctx)
	require.NoError(t, err)

	// Another process: the window of another user on this laptop, a command, a sync.
	other, err := Open(ws.Home)
	require.NoError(t, err)
	require.NoError(t, other.Store.Update(ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingMunicipality, "Comune di Palermo")
	}))
	cfg, err := LoadConfig(ws.Home)
	require.NoError(t, err)
	cfg.Language = "it"
	require.NoError(t, SaveConfig(ws.Home, cfg))
	other.Close()

	typed := shown
	typed.LegalBasis, typed.DeviceName = "Regolamento 2026.", "Laptop Ufficio"
	require.NoError(t, ws.EditSettings(ctx, shown, typed))
	s, err := ws.Settings(ctx)
	require.NoError(t, err)
	require.Equal(t, Settings{Municipality: "Comune di Palermo", LegalBasis: "Regolamento 2026.", Language: "it", DeviceName: "Laptop Ufficio"}, s)
	cfg, err = LoadConfig(ws.Home)
	require.NoError(t, err)
	require.Equal(t, Config{Language: "it", DeviceName: "Laptop Ufficio"}, cfg)

	typed = s
	typed.Municipality = " "
	require.Error(t, ws.EditSettings(ctx, s, typed), "the values are checked as before")
}
