package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
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

	palermo := "../../shared/data/palermo/pacts-register.csv"
	if _, err := os.Stat(palermo); err == nil {
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
	} else {
		t.Logf("the Palermo register is not beside the checkout (%v); its CLI import is not tested here", err)
	}

	dir := t.TempDir()
	csvPath := filepath.Join(dir, "beni.csv")
	require.NoError(t, os.WriteFile(csvPath, []byte("Denominazione;Zona;Posizione\nGiardino;Zisa;\"38,12; 13,34\"\n"), 0o644))
	code, _, errs = run(t, "import", "assets", csvPath, "--home", home, "--map", "Denominazione=name", "--map", "Posizione=latlon")
	require.Equal(t, 0, code, errs)
	code, _, errs = run(t, "import", "assets", csvPath, "--home", home, "--map", "Nope=name")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "no column")

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
