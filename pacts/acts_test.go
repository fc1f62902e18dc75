package pacts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

const pdfBytes = "%PDF-1.4\n% planimetria\n"

// rowCounts counts the live rows of the tables a refused file or act must not touch, and
// the blobs stored.
func rowCounts(t *testing.T, st *model.Store, blobs model.Blobs) [3]int {
	t.Helper()
	var n [3]int
	require.NoError(t, st.DB().Get(&n[0], "SELECT count(*) FROM attachments"))
	require.NoError(t, st.DB().Get(&n[1], "SELECT count(*) FROM pact_acts"))
	entries, _ := filepath.Glob(filepath.Join(blobs.Dir, "*", "*"))
	n[2] = len(entries)
	return n
}

func TestPactFiles(t *testing.T) {
	st := openStore(t)
	blobs := model.Blobs{Dir: filepath.Join(t.TempDir(), "blobs")}
	d := readyPact(t, st, "it")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}

	for _, c := range []struct{ name, title, content string }{
		{"planimetria.pdf", "Planimetria dell'area", pdfBytes},
		{"progetto.pdf.p7m", "Progetto firmato", "\x30\x82\x01\x00 signed"},
		{"foto.JPG", "", "\xff\xd8\xff jpeg"},
		{"relazione.odt", "Relazione", "PK\x03\x04 odt"},
		{"relazione.docx", "Relazione in Word", "PK\x03\x04 docx"},
	} {
		a, err := AddFileFrom(ctx, st, blobs, d.Pact.ID, write(c.name, []byte(c.content)), c.title)
		require.NoError(t, err, c.name)
		require.True(t, blobs.Has(a.SHA256), c.name)
		require.Equal(t, c.title, a.Caption)
	}

	// Refused, each with a message that says what to do, and nothing written.
	before := rowCounts(t, st, blobs)
	big := filepath.Join(dir, "scansione.pdf")
	f, err := os.Create(big)
	require.NoError(t, err)
	_, err = f.WriteString(pdfBytes)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(MaxAttachment+1))
	require.NoError(t, f.Close())
	for _, c := range []struct {
		name, path string
		r          []byte
		want       string
	}{
		{"too large on disk", big, nil, "larger than 25 MB; save it as a smaller PDF"},
		{"too large as a stream", "", append([]byte(pdfBytes), make([]byte, MaxAttachment)...), "larger than 25 MB"},
		{"unknown type", write("programma.exe", []byte("MZ")), nil, "attach a PDF, an image"},
		{"renamed", write("finto.pdf", []byte("MZ not a pdf")), nil, "not what its name says (.pdf)"},
		{"empty", write("vuoto.png", nil), nil, "is empty"},
		{"missing", filepath.Join(dir, "nowhere.pdf"), nil, "cannot open"},
	} {
		if c.path != "" {
			_, err = AddFileFrom(ctx, st, blobs, d.Pact.ID, c.path, "")
		} else {
			_, err = AddFile(ctx, st, blobs, d.Pact.ID, "scansione.pdf", "", bytes.NewReader(c.r))
		}
		require.ErrorContains(t, err, c.want, c.name)
		require.Equal(t, before, rowCounts(t, st, blobs), c.name)
	}

	files, err := Files(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.Len(t, files, 5)
	x, err := FindFile(st.DB(), d.Pact.ID, "relazione in word")
	require.NoError(t, err)
	require.NoError(t, RemoveFile(ctx, st, x))
	_, err = FindFile(st.DB(), d.Pact.ID, "relazione.docx")
	require.ErrorContains(t, err, "pacta pact file list")

	// The agreement lists the files as annexes, with their hashes.
	d, err = Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	require.Len(t, d.Files, 4)
	b, err := AgreementPDF(st.DB(), d, "", day0)
	require.NoError(t, err)
	text := pdfText(t, b)
	require.Contains(t, text, "File allegati")
	for _, s := range []string{"Planimetria dell'area", "planimetria.pdf", "Progetto firmato", "foto.JPG", d.Files[0].SHA256[:12]} {
		require.Contains(t, text, s)
	}
	require.NotContains(t, text, "relazione.docx")
}

func TestPactActs(t *testing.T) {
	for _, lang := range []string{"it", "es", "en"} {
		t.Run(lang, func(t *testing.T) {
			st := openStore(t)
			blobs := model.Blobs{Dir: filepath.Join(t.TempDir(), "blobs")}
			d := readyPact(t, st, lang)
			for _, a := range []Act{
				{Kind: "determination", Number: "123/2024", Date: "2024-03-12", Issuer: "Area della Cultura"},
				{Kind: "protocol", Number: "669703", Date: "2024-02-01"},
				{Kind: "opinion", Number: "45", Date: "2024-02-20", Issuer: "Soprintendenza BB.CC.AA."},
			} {
				_, err := AddAct(ctx, st, blobs, d.Pact.ID, a, "", nil)
				require.NoError(t, err)
			}
			withFile, err := AddAct(ctx, st, blobs, d.Pact.ID, Act{Kind: "minutes", Number: "7", Date: "2024-02-10"}, "verbale.pdf", strings.NewReader(pdfBytes))
			require.NoError(t, err)
			require.NotNil(t, withFile.File)
			require.True(t, blobs.Has(withFile.File.SHA256))

			before := rowCounts(t, st, blobs)
			for _, c := range []struct {
				name string
				act  Act
				file string
				body string
				want string
			}{
				{"no such day", Act{Kind: "determination", Number: "9", Date: "2024-02-30"}, "", "", "is not a date"},
				{"not a date", Act{Kind: "determination", Number: "9", Date: "12/03/2024"}, "", "", "YYYY-MM-DD"},
				{"number reused", Act{Kind: "determination", Number: " 123/2024 ", Date: "2024-04-01"}, "", "", "already has this kind of act with number"},
				{"unknown kind", Act{Kind: "decree", Number: "1", Date: "2024-04-01"}, "", "", "not a kind of act"},
				{"no number", Act{Kind: "opinion", Date: "2024-04-01"}, "", "", "number is missing"},
				{"file of unknown type", Act{Kind: "opinion", Number: "46", Date: "2024-04-01"}, "parere.zip", "PK", "attach a PDF"},
				{"file too large", Act{Kind: "opinion", Number: "46", Date: "2024-04-01"}, "parere.pdf", pdfBytes + strings.Repeat("x", MaxAttachment), "larger than 25 MB"},
			} {
				_, err := AddAct(ctx, st, blobs, d.Pact.ID, c.act, c.file, strings.NewReader(c.body))
				require.ErrorContains(t, err, c.want, c.name)
				require.Equal(t, before, rowCounts(t, st, blobs), c.name)
			}
			// The same number for another kind of act is another act.
			_, err = AddAct(ctx, st, blobs, d.Pact.ID, Act{Kind: "resolution", Number: "123/2024", Date: "2024-03-20"}, "", nil)
			require.NoError(t, err)

			acts, err := Acts(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			require.Len(t, acts, 5)
			require.Equal(t, "protocol", acts[0].Kind, "by date")
			require.Equal(t, "resolution", acts[4].Kind)

			// The premises cite them, by date.
			d, err = Load(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			a, _, _, err := AgreementOf(st.DB(), d)
			require.NoError(t, err)
			want := map[string][]string{
				"it": {"VISTA la proposta acquisita al protocollo n. 669703 del 1 febbraio 2024;",
					"VISTA la determinazione dirigenziale n. 123/2024 del 12 marzo 2024 (Area della Cultura);",
					"VISTO il parere n. 45 del 20 febbraio 2024 (Soprintendenza BB.CC.AA.);"},
				"es": {"VISTA la resolución administrativa n.º 123/2024 de 12 de marzo de 2024 (Area della Cultura);",
					"VISTA la resolución de Alcaldía n.º 123/2024 de 20 de marzo de 2024;"},
				"en": {"HAVING REGARD TO the officer's determination no. 123/2024 of 12 March 2024 (Area della Cultura);",
					"HAVING REGARD TO the minutes of the working group no. 7 of 10 February 2024;"},
			}[lang]
			for _, w := range want {
				require.Contains(t, a.Premises, w)
			}
			require.Less(t, strings.Index(a.Premises, "669703"), strings.Index(a.Premises, "123/2024"))
			b, err := AgreementPDF(st.DB(), d, "", day0)
			require.NoError(t, err)
			require.Contains(t, pdfText(t, b), "123/2024")

			// Removing an act takes its file with it.
			x, err := FindAct(st.DB(), d.Pact.ID, "", "minutes", "7")
			require.NoError(t, err)
			require.NoError(t, RemoveAct(ctx, st, x.ID))
			atts, err := model.AttachmentsOf(st.DB(), actTable, x.ID)
			require.NoError(t, err)
			require.Empty(t, atts)
		})
	}
}

// A text that places the acts itself gets them there, not again at the end.
func TestPremisesPlaceActs(t *testing.T) {
	st := openStore(t)
	blobs := model.Blobs{Dir: filepath.Join(t.TempDir(), "blobs")}
	d := readyPact(t, st, "it")
	_, err := AddAct(ctx, st, blobs, d.Pact.ID, Act{Kind: "determination", Number: "5", Date: "2024-01-09"}, "", nil)
	require.NoError(t, err)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return SetSection(tx, d.Pact.ID, PremisesKey, "{{.Acts}}\n\nPREMESSO che il resto segue;")
	}))
	d, err = Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	a, _, _, err := AgreementOf(st.DB(), d)
	require.NoError(t, err)
	require.Equal(t, "VISTA la determinazione dirigenziale n. 5 del 9 gennaio 2024;\n\nPREMESSO che il resto segue;", a.Premises)
}
