package printing

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func sample(t *testing.T, draft bool) []byte {
	t.Helper()
	d := New(Meta{
		Municipality: "Comune di Palermo", Title: "Patto di collaborazione «Una strada parlante»",
		Reference: "PACT-2026-0004", Version: "1", Hash: "0123456789abcdef0123", Lang: "it",
		Date: time.Date(2026, 7, 16, 0, 0, 0, 0, time.UTC), Draft: draft,
	})
	d.Title("Patto di collaborazione")
	d.Subtitle("tra il Comune e l'associazione «Per esempio Onlus»")
	d.Heading("1. Oggetto dell'intervento")
	d.Para(strings.Repeat("Città, perché, società: cura condivisa dei beni comuni. ", 40))
	d.KV("Niño", "Ñandú — “virgolette curve” ü")
	d.Table([]string{"Bene", "Indirizzo", "Coordinate"}, []float64{2, 3, 2}, [][]string{
		{"Piazza Fonderia", "Piazza Fonderia, Palermo", "38.1193, 13.3663"},
		{"Area di Ballarò", "Via Ballarò", "38.1125, 13.3586"},
	})
	for i := 0; i < 30; i++ {
		d.Bullet("Voce dell'elenco numero " + strings.Repeat("lunga ", i%5))
	}
	d.Signature("Per il Comune", "Dott.ssa Maria Rossi", "Dirigente")
	require.NoError(t, d.Err())
	b, err := d.Bytes()
	require.NoError(t, err)
	return b
}

func TestDeterministic(t *testing.T) {
	a := sample(t, false)
	b := sample(t, false)
	require.True(t, bytes.Equal(a, b), "same content and date must give the same bytes")
	require.True(t, bytes.HasPrefix(a, []byte("%PDF-")))
}

func TestTextWithPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	for _, draft := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "doc.pdf")
		require.NoError(t, os.WriteFile(path, sample(t, draft), 0o644))
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		require.NoError(t, err)
		text := string(out)
		for _, want := range []string{"Comune di Palermo", "Città, perché, società", "Ñandú", "“virgolette curve” ü", "PACT-2026-0004", "SHA-256 0123456789ab", "Pagina 1 di", "Piazza Fonderia", "Firma"} {
			require.Contains(t, text, want)
		}
		require.Equal(t, draft, strings.Contains(text, "BOZZA · Patto"), "draft mark in the header")
	}
}
