package printing

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestHyphenIsAHyphen: "-" prints narrower than an en dash (the Go font's own is as wide
// as a minus), and stays "-" in the text a reader copies.
func TestHyphenIsAHyphen(t *testing.T) {
	d := New(Meta{Lang: "it"})
	d.pdf.SetFont(family, "", bodySize)
	require.Less(t, d.pdf.GetStringWidth("-"), 0.75*d.pdf.GetStringWidth("–"))
	d.Para("PACT-2026-0001, e-mail")
	b, err := d.Bytes()
	require.NoError(t, err)
	require.Contains(t, pdftotext(t, b), "PACT-2026-0001, e-mail")
}

func pdftotext(t *testing.T, b []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, b, 0o644))
	out, err := exec.Command("pdftotext", append(append(args, path), "-")...).Output()
	require.NoError(t, err)
	return string(out)
}

// TestLongNameNeverOverlapsTheHeader: a municipality's long name wraps (and shrinks) in the
// header; every one of its words ends left of where the title begins. With a logo too.
func TestLongNameNeverOverlapsTheHeader(t *testing.T) {
	var logo bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 60, 30))
	img.Set(1, 1, color.Black)
	require.NoError(t, png.Encode(&logo, img))
	name := "Gobierno Autónomo Descentralizado del Distrito Metropolitano de San Francisco de Quito, Secretaría de Coordinación Territorial y Participación Ciudadana"
	for _, withLogo := range []bool{false, true} {
		m := Meta{Municipality: name, Title: "Pacto de colaboración PACT-2026-0042", Reference: "PACT-2026-0042", Lang: "es",
			Date: time.Date(2026, 7, 16, 0, 0, 0, 0, time.UTC)}
		if withLogo {
			m.Logo = logo.Bytes()
		}
		d := New(m)
		d.Para("Texto.")
		b, err := d.Bytes()
		require.NoError(t, err)
		words := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>`).FindAllStringSubmatch(pdftotext(t, b, "-bbox"), -1)
		// The header's words come first in the page's text: the name's, then the title's four.
		var header [][]string
		for _, w := range words {
			if y, _ := strconv.ParseFloat(w[2], 64); y < 60 {
				header = append(header, w)
			}
		}
		require.Greater(t, len(header), 4)
		titleMin, nameMax := 1e9, 0.0
		for i, w := range header {
			x0, _ := strconv.ParseFloat(w[1], 64)
			x1, _ := strconv.ParseFloat(w[3], 64)
			if i >= len(header)-4 {
				titleMin = min(titleMin, x0)
			} else {
				nameMax = max(nameMax, x1)
			}
		}
		found := len(header) - 4
		require.Equal(t, "PACT-2026-0042", header[len(header)-1][4])
		require.Greater(t, found, 5, "the name is printed")
		require.Less(t, titleMin, 1e9, "the title is printed")
		require.Less(t, nameMax, titleMin, "the name ends before the title begins (logo %v)", withLogo)
	}
}
