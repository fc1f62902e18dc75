package app

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWorkspaceProfileCommands(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	code, _, errs := run(t, "init", "--home", home, "--name", "Comune di Palermo")
	require.Equal(t, 0, code, errs)
	show := func() ProfileView {
		code, out, errs := run(t, "workspace", "show", "--home", home, "--json")
		require.Equal(t, 0, code, errs)
		var v ProfileView
		require.NoError(t, json.Unmarshal([]byte(out), &v))
		return v
	}
	before := show()
	// Wrong values are refused with what to do, and nothing is written.
	notImage := filepath.Join(t.TempDir(), "logo.png")
	require.NoError(t, os.WriteFile(notImage, []byte("not an image"), 0o644))
	for _, args := range [][]string{
		{"--place", "Palermo", "--logo", notImage},
		{"--place", "Palermo", "--currency", "euro"},
		{"--place", "Palermo", "--art1341", "maybe"},
		{"--seat", "piazza\nPretoria"},
	} {
		code, _, errs := run(t, append([]string{"workspace", "set", "--home", home}, args...)...)
		require.Equal(t, 1, code, args)
		require.NotEmpty(t, errs)
	}
	require.Equal(t, before, show(), "nothing was written")

	var img bytes.Buffer
	require.NoError(t, png.Encode(&img, image.NewRGBA(image.Rect(0, 0, 40, 20))))
	logo := filepath.Join(t.TempDir(), "stemma.png")
	require.NoError(t, os.WriteFile(logo, img.Bytes(), 0o644))
	code, out, errs := run(t, "workspace", "set", "--home", home, "--name-it", "Comune di Palermo", "--article-it", "il", "--name-es", "Municipio de Palermo",
		"--article-es", "el", "--seat", "piazza Pretoria n. 1, 90133 Palermo", "--fiscal-code", "80016350821", "--vat", "00519560825",
		"--officer", "dott. Sandro Follari", "--place", "Palermo", "--logo", logo, "--art1341", "on",
		"--legal-basis-it", "il Regolamento approvato con Deliberazione n. 31 del 20/04/2023")
	require.Equal(t, 0, code, errs)
	require.Contains(t, out, "il Comune di Palermo")
	v := show()
	require.Equal(t, "el Municipio de Palermo", v.Names["es"])
	require.Equal(t, "Palermo", v.Profile.Place)
	require.Len(t, v.Profile.Logo, 64)
	require.True(t, v.Art1341["en"])
	// The legal basis is in each agreement's language, whatever the workspace was made in.
	require.Equal(t, "il Regolamento approvato con Deliberazione n. 31 del 20/04/2023", v.LegalBasis["it"])
	require.Contains(t, v.LegalBasis["es"], "el Reglamento")
	require.Contains(t, v.LegalBasis["en"], "the Regulation")
	// Given values only: the rest stays.
	code, _, errs = run(t, "workspace", "set", "--home", home, "--vat", "")
	require.Equal(t, 0, code, errs)
	v2 := show()
	require.Equal(t, "", v2.Profile.VAT)
	require.Equal(t, v.Profile.Seat, v2.Profile.Seat)
}
