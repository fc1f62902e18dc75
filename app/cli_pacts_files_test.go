package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
	"pacta/pacts"
)

// TestPactFilesAndActsSyncBetweenLaptops adds files and acts to a pact on one laptop, syncs
// through a real folder, and finds them, bytes included, on the other; a removal travels
// back. Bad input is refused with exit status 1 and leaves nothing behind.
func TestPactFilesAndActsSyncBetweenLaptops(t *testing.T) {
	tmp := t.TempDir()
	folder := filepath.Join(tmp, "shared")
	require.NoError(t, os.MkdirAll(folder, 0o755))
	homeA, homeB := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	on := func(home string, args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, "--home", home)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}
	on(homeA, "init", "--name", "Comune di Palermo")
	ref := strings.TrimSpace(on(homeA, "pact", "new", "--title", "Cura di Piazza Magione", "--proponent", "Associazione Àncora", "--lang", "it", "--immaterial"))
	on(homeA, "sync", "--folder", folder)
	on(homeB, "join", "--folder", folder, "--name", "Laptop Maria")
	var devs []DeviceRow
	require.NoError(t, json.Unmarshal([]byte(on(homeB, "device", "list", "--json")), &devs))
	for _, d := range devs {
		if d.This {
			on(homeA, "device", "enrol", d.ID)
		}
	}
	on(homeA, "sync")
	on(homeB, "sync")

	dir := t.TempDir()
	plan := filepath.Join(dir, "planimetria.pdf")
	require.NoError(t, os.WriteFile(plan, []byte("%PDF-1.4\nplanimetria di Piazza Magione\n"), 0o644))
	det := filepath.Join(dir, "determina.pdf.p7m")
	require.NoError(t, os.WriteFile(det, []byte("\x30\x82 determina firmata"), 0o644))
	on(homeA, "pact", "file", "add", ref, plan, "--title", "Planimetria dell'area")
	out := on(homeA, "pact", "act", "add", ref, "--kind", "determination", "--number", "123/2024", "--date", "2024-03-12", "--issuer", "Area della Cultura", "--file", det)
	require.Contains(t, out, "VISTA la determinazione dirigenziale n. 123/2024 del 12 marzo 2024 (Area della Cultura);")

	// Refused, with what to do, and nothing written.
	exe := filepath.Join(dir, "setup.exe")
	require.NoError(t, os.WriteFile(exe, []byte("MZ"), 0o644))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"pact", "act", "add", ref, "--kind", "opinion", "--number", "4", "--date", "2024-02-30"}, "not a date"},
		{[]string{"pact", "act", "add", ref, "--kind", "determination", "--number", "123/2024", "--date", "2024-05-01"}, "remove the wrong act first"},
		{[]string{"pact", "act", "add", ref, "--kind", "opinion", "--number", "4", "--date", "2024-02-03", "--file", exe}, "attach a PDF"},
		{[]string{"pact", "file", "add", ref, exe}, "attach a PDF"},
	} {
		code, _, errs := run(t, append(c.args, "--home", homeA)...)
		require.Equal(t, 1, code, "%v", c.args)
		require.Contains(t, errs, c.want, "%v", c.args)
	}
	require.Len(t, strings.Split(strings.TrimSpace(on(homeA, "pact", "act", "list", ref)), "\n"), 1)

	on(homeA, "sync")
	on(homeB, "sync")

	// Laptop Maria has the rows and the bytes.
	var files []model.Attachment
	require.NoError(t, json.Unmarshal([]byte(on(homeB, "pact", "file", "list", ref, "--json")), &files))
	require.Len(t, files, 1)
	require.Equal(t, "Planimetria dell'area", files[0].Caption)
	blobs := model.Blobs{Dir: filepath.Join(homeB, blobDir)}
	got, err := os.ReadFile(blobs.Path(files[0].SHA256))
	require.NoError(t, err)
	want, _ := os.ReadFile(plan)
	require.Equal(t, want, got)
	var acts []pacts.PactAct
	require.NoError(t, json.Unmarshal([]byte(on(homeB, "pact", "act", "list", ref, "--json")), &acts))
	require.Len(t, acts, 1)
	require.Equal(t, "123/2024", acts[0].Number)
	require.NotNil(t, acts[0].File)
	got, err = os.ReadFile(blobs.Path(acts[0].File.SHA256))
	require.NoError(t, err)
	want, _ = os.ReadFile(det)
	require.Equal(t, want, got)
	require.NotContains(t, on(homeB, "pact", "file", "list", ref), "not on this laptop")

	// Laptop Maria removes the file; the founder sees it gone.
	on(homeB, "pact", "file", "remove", ref, "--file", "planimetria.pdf")
	on(homeB, "sync")
	on(homeA, "sync")
	require.Contains(t, on(homeA, "pact", "file", "list", ref), "has no files")
	require.Contains(t, on(homeA, "pact", "act", "list", ref), "123/2024")
}

// TestPactNoticeCommand prints a receipt and refuses a public notice of a proposal not
// published, with exit status 1 and what to do.
func TestPactNoticeCommand(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	on := func(args ...string) string {
		t.Helper()
		code, out, errs := run(t, append(args, "--home", home)...)
		require.Equal(t, 0, code, "%v: %s", args, errs)
		return out
	}
	on("init", "--name", "Comune di Palermo")
	ref := strings.TrimSpace(on("pact", "new", "--title", "Orto di via Roma", "--proponent", "Comitato di quartiere", "--lang", "es", "--immaterial"))
	on("pact", "transition", ref, "--to", "submitted")
	out := filepath.Join(t.TempDir(), "acuse.pdf")
	require.Contains(t, on("pact", "notice", ref, "--kind", "receipt", "-o", out), "written")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(b), "%PDF-"))
	code, _, errs := run(t, "pact", "notice", ref, "--kind", "publication", "-o", out, "--home", home)
	require.Equal(t, 1, code)
	require.Contains(t, errs, "publish it before printing the public notice")
	code, _, _ = run(t, "pact", "notice", ref, "-o", out, "--home", home)
	require.Equal(t, 2, code, "--kind is required")
}
