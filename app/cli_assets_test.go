package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestAssetCommands(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Palermo", "--sample")
	require.Equal(t, 0, code, errs)

	code, out, errs := run(t, "asset", "list", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &items))
	require.Len(t, items, 13)
	for _, k := range []string{"id", "ref", "name", "kind", "district", "lat", "lon", "availability"} {
		require.Contains(t, items[0], k)
	}

	code, out, _ = run(t, "asset", "list", "--home", home, "--q", "misahualli", "--json")
	require.Equal(t, 0, code)
	require.NoError(t, json.Unmarshal([]byte(out), &items))
	require.Len(t, items, 1)
	require.Equal(t, "ASSET-0013", items[0]["ref"])

	// The sample pacts hold some squares "under pact": --available must leave exactly those out.
	code, out, _ = run(t, "asset", "list", "--home", home, "--kind", "square", "--json")
	require.Equal(t, 0, code)
	var squares []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &squares))
	free := 0
	for _, sq := range squares {
		if sq["availability"] == "available" {
			free++
		}
	}
	require.Less(t, free, len(squares), "a sample pact holds at least one square")
	code, out, _ = run(t, "asset", "list", "--home", home, "--kind", "square", "--available")
	require.Equal(t, 0, code)
	require.Contains(t, out, fmt.Sprintf("%d assets", free))
	code, _, errs = run(t, "asset", "list", "--home", home, "--kind", "castle")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "not a kind")

	code, out, errs = run(t, "asset", "show", "ASSET-0008", "--home", home, "--json")
	require.Equal(t, 0, code, errs)
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	require.Equal(t, "AGPL-3.0-or-later", d["licence"])
	require.Equal(t, "available", d["effective_availability"])
	require.Contains(t, d, "pacts")
	code, _, errs = run(t, "asset", "show", "ASSET-9999", "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "asset list")

	code, out, errs = run(t, "asset", "add", "--home", home, "--name", "Piazza Bellini", "--kind", "square", "--lat", "38,1147", "--lon", "13.3633", "--json")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "ASSET-0014")
	code, _, errs = run(t, "asset", "add", "--home", home, "--name", "Bad", "--kind", "square", "--licence", "CC BY")
	require.Equal(t, 1, code)
	require.Contains(t, errs, "digital")

	palermo := "../testdata/palermo/pacts-register.csv"
	require.FileExists(t, palermo, "the Palermo register is kept in the repository")
	{
		code, out, errs = run(t, "import", "assets", palermo, "--home", home, "--dry-run")
		require.Equal(t, 0, code, errs)
		require.Contains(t, out, "73 rows, 73 new")
		code, out, errs = run(t, "import", "assets", palermo, "--home", home)
		require.Equal(t, 0, code, errs)
		require.Contains(t, out, "73 new")
		code, out, _ = run(t, "import", "assets", palermo, "--home", home, "--json")
		require.Equal(t, 0, code)
		var rep map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		require.Equal(t, float64(73), rep["unchanged"])
	}

	dir := t.TempDir()
	csvPath := filepath.Join(dir, "beni.csv")
	require.NoError(t, os.WriteFile(csvPath, []byte("Denominazione;Zona;Posizione\nGiardino;Zisa;\"38,12; 13,34\"\n"), 0o644))
	code, _, errs = run(t, "import", "assets", csvPath, "--home", home, "--map", "Denominazione=name", "--map", "Posizione=latlon")
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "import", "assets", csvPath, "--home", home, "--map", "Nope=name")
	require.Equal(t, 2, code)
	require.Contains(t, errs, `--map "Nope=name": the file has no column`)

	for _, f := range []string{"csv", "geojson", "json"} {
		p := filepath.Join(dir, "out."+f)
		args := []string{"export", "assets", "--home", home, "--format", f, "-o", p}
		if f == "json" {
			args = append(args, "--datapackage")
		}
		code, out, errs = run(t, args...)
		require.Equal(t, 0, code, errs)
		require.Contains(t, out, "exported")
		require.FileExists(t, p)
	}
	require.FileExists(t, filepath.Join(dir, "datapackage.json"))
	code, _, _ = run(t, "export", "assets", "--home", home, "--format", "xls", "-o", filepath.Join(dir, "x"))
	require.Equal(t, 2, code)

	pdf := filepath.Join(dir, "available.pdf")
	code, _, errs = run(t, "asset", "pdf-available", "--home", home, "-o", pdf)
	require.Equal(t, 0, code, errs)
	b, err := os.ReadFile(pdf)
	require.NoError(t, err)
	require.Equal(t, "%PDF", string(b[:4]))
}

// duplicatesHome is a workspace into which two laptops brought ASSET-0042 and
// PACT-2026-0042 twice each, as they gave them out offline; ASSET-0043 is held once.
func duplicatesHome(t *testing.T) (home string, assetIDs, pactIDs [2]string) {
	t.Helper()
	home = filepath.Join(t.TempDir(), "ws")
	ws, err := Init(context.Background(), home, "Comune di Palermo", false)
	require.NoError(t, err)
	defer ws.Close()
	as := []model.Asset{
		{Ref: "ASSET-0042", Name: "Piazza Magione", Kind: "square", District: "Kalsa"},
		{Ref: "ASSET-0042", Name: "Orto della Zisa", Kind: "green_area", District: "Zisa"},
		{Ref: "ASSET-0043", Name: "Ex deposito", Kind: "building", District: "Politeama"},
	}
	ps := []model.Pact{
		{Ref: "PACT-2026-0042", Title: "Cura di Piazza Magione", Kind: "ordinary", Status: "draft", Version: 1},
		{Ref: "PACT-2026-0042", Title: "Orto condiviso alla Zisa", Kind: "ordinary", Status: "submitted", Version: 1},
	}
	require.NoError(t, ws.Store.Update(context.Background(), func(tx *model.Tx) error {
		for i := range as {
			if err := tx.Put(&as[i]); err != nil {
				return err
			}
		}
		for i := range ps {
			if err := tx.Put(&ps[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	return home, [2]string{as[0].ID, as[1].ID}, [2]string{ps[0].ID, ps[1].ID}
}

// cliStep is one command of a table-driven CLI test and what it must answer.
type cliStep struct {
	args     []string
	code     int
	out, err []string // texts stdout and stderr must contain
	not      []string // a text stdout must not contain
}

func runSteps(t *testing.T, home string, steps []cliStep) {
	t.Helper()
	for _, s := range steps {
		code, out, errs := run(t, append(s.args, "--home", home)...)
		require.Equal(t, s.code, code, "%v\nstdout: %s\nstderr: %s", s.args, out, errs)
		for _, w := range s.out {
			require.Contains(t, out, w, "%v", s.args)
		}
		for _, w := range s.err {
			require.Contains(t, errs, w, "%v", s.args)
		}
		for _, w := range s.not {
			require.NotContains(t, out, w, "%v", s.args)
		}
	}
}

func TestAssetDuplicateReferences(t *testing.T) {
	home, ids, _ := duplicatesHome(t)
	flags := func() map[string]bool {
		t.Helper()
		code, out, errs := run(t, "asset", "list", "--home", home, "--json")
		require.Equal(t, 0, code, errs)
		var items []map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &items))
		got := map[string]bool{}
		for _, it := range items {
			got[it["name"].(string)] = it["duplicate_ref"].(bool)
		}
		return got
	}
	require.Equal(t, map[string]bool{"Piazza Magione": true, "Orto della Zisa": true, "Ex deposito": false}, flags())

	photo := filepath.Join(t.TempDir(), "p.png")
	require.NoError(t, os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\n"), 0o644))
	candidates := []string{"ASSET-0042 is the reference of 2 assets", ids[0], "Piazza Magione  (Kalsa)", ids[1], "Orto della Zisa  (Zisa)",
		"--id ID", "pacta asset renumber ASSET-0042 --id ID"}
	runSteps(t, home, []cliStep{
		{args: []string{"asset", "list"}, out: []string{"Piazza Magione  ⚠ duplicate reference", "Orto della Zisa  ⚠ duplicate reference",
			"2 of them share their reference"}, not: []string{"Ex deposito  ⚠"}},
		{args: []string{"asset", "show", "ASSET-0042"}, code: 2, err: candidates},
		{args: []string{"asset", "show", "asset-0042", "--json"}, code: 2, err: candidates},
		{args: []string{"asset", "photo", "ASSET-0042", photo}, code: 2, err: candidates},
		{args: []string{"asset", "renumber", "ASSET-0042"}, code: 2, err: candidates},
		{args: []string{"asset", "show", "ASSET-0042", "--id", ids[1]}, out: []string{"ASSET-0042  ⚠ duplicate reference", "Orto della Zisa",
			"also held by:", ids[0] + "  Piazza Magione  (Kalsa)"}},
		{args: []string{"asset", "show", "--id", ids[0], "--json"}, out: []string{`"duplicate_ref": true`, `"name": "Piazza Magione"`}},
		{args: []string{"asset", "show", "ASSET-0043", "--id", ids[0]}, code: 1, err: []string{"has the reference ASSET-0042, not ASSET-0043"}},
		{args: []string{"asset", "show", "ASSET-0043", "--json"}, out: []string{`"duplicate_ref": false`}},
		{args: []string{"asset", "renumber", "ASSET-0043"}, code: 1, err: []string{"ASSET-0043 is not a duplicate: no other asset holds it, so it keeps its number"}},
		{args: []string{"asset", "renumber", "ASSET-0042", "--id", ids[1]}, out: []string{"ASSET-0042 (Orto della Zisa) is now ASSET-0044; Piazza Magione keeps ASSET-0042"}},
		{args: []string{"asset", "show", "ASSET-0042", "--json"}, out: []string{`"duplicate_ref": false`, `"name": "Piazza Magione"`}},
		{args: []string{"asset", "show", "ASSET-0044"}, out: []string{"Orto della Zisa"}, not: []string{"duplicate"}},
		{args: []string{"asset", "renumber", "ASSET-0042", "--id", ids[0]}, code: 1, err: []string{"not a duplicate"}},
		{args: []string{"asset", "list"}, not: []string{"⚠", "share their reference"}},
	})
	require.Equal(t, map[string]bool{"Piazza Magione": false, "Orto della Zisa": false, "Ex deposito": false}, flags())
}
