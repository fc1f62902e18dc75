package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExportPactsAsOpenData runs the real binary: a register imported, then published as
// CSV with its datapackage.json and as JSON on standard output; bad flags exit with 2 and
// write nothing.
func TestExportPactsAsOpenData(t *testing.T) {
	bin := editsBinary(t)
	home := filepath.Join(t.TempDir(), "ws")
	pacta := func(args ...string) (int, string, string) {
		t.Helper()
		cmd := exec.Command(bin, append(args, "--home", home)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stdout.String(), stderr.String()
		}
		require.NoError(t, err)
		return 0, stdout.String(), stderr.String()
	}
	code, _, errs := pacta("init", "--name", "Comune di Palermo")
	require.Equal(t, 0, code, errs)
	code, _, errs = pacta("import", "register", filepath.Join("..", "testdata", "palermo", "pacts-register.csv"))
	require.Equal(t, 0, code, errs)

	dir := t.TempDir()
	out := filepath.Join(dir, "pacts.csv")
	code, stdout, errs := pacta("export", "pacts", "--format", "csv", "-o", out, "--datapackage")
	require.Equal(t, 0, code, errs)
	require.Contains(t, stdout, "exported 73 pacts")
	f, err := os.Open(out)
	require.NoError(t, err)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	require.Len(t, recs, 74)
	require.Equal(t, "reference", recs[0][0])
	var pkg struct {
		Resources []struct {
			Path   string `json:"path"`
			Format string `json:"format"`
			Schema struct {
				Fields []struct{ Name, Type string } `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &pkg))
	require.Equal(t, "pacts.csv", pkg.Resources[0].Path)
	require.Equal(t, "csv", pkg.Resources[0].Format)
	require.Len(t, pkg.Resources[0].Schema.Fields, len(recs[0]))

	code, stdout, errs = pacta("export", "pacts", "--format", "json")
	require.Equal(t, 0, code, errs)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &rows))
	require.Len(t, rows, 73)
	require.NotContains(t, stdout, "Proponente 0", "the placeholders of withheld persons are not published")

	for _, args := range [][]string{
		{"export", "pacts", "--format", "xls", "-o", filepath.Join(dir, "x.xls")},
		{"export", "pacts", "--format", "json", "--datapackage"},
		{"export", "pacts", "--format", "json", "-o", filepath.Join(dir, "missing", "p.json")},
	} {
		code, _, errs = pacta(args...)
		require.Equal(t, 2, code, "%v", args)
		require.NotEmpty(t, errs)
	}
	require.NoFileExists(t, filepath.Join(dir, "x.xls"))
}
