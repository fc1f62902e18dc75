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

func TestAttachToReport(t *testing.T) {
	st := openStore(t)
	blobs := model.Blobs{Dir: filepath.Join(t.TempDir(), "blobs")}
	d := readyPact(t, st, "it")
	signAll(t, st, d, "2026-05-20")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if err := TransitionTx(tx, d.Pact.ID, Active, "", by(0)); err != nil {
			return err
		}
		_, err := FileReport(tx, d.Pact.ID, Report{Period: "2026-H1", FiledOn: "2026-06-30", Hours: 12, Narrative: "Pulizia."}, by(0))
		return err
	}))
	d, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	rep, err := FindReport(d, "2026-H1")
	require.NoError(t, err)
	_, err = FindReport(d, "2031-H1")
	require.ErrorContains(t, err, "no report for the period")

	photo := filepath.Join(t.TempDir(), "panchine dipinte.jpg")
	require.NoError(t, os.WriteFile(photo, []byte("\xff\xd8\xff fake jpeg bytes"), 0o644))
	att, err := AttachFileToReport(ctx, st, blobs, rep.ID, photo)
	require.NoError(t, err)
	require.Equal(t, "image/jpeg", att.Mime)
	require.True(t, blobs.Has(att.SHA256))
	_, err = AttachToReport(ctx, st, blobs, rep.ID, "foglio presenze.pdf", strings.NewReader("%PDF-1.4 scan"))
	require.NoError(t, err)

	atts, err := ReportAttachments(st.DB(), rep.ID)
	require.NoError(t, err)
	require.Len(t, atts, 2)

	// The printed report lists them.
	b, err := ReportPDF(st.DB(), d, "2026-H1", "", day0)
	require.NoError(t, err)
	text := pdfText(t, b)
	require.Contains(t, text, "panchine dipinte.jpg")
	require.Contains(t, text, "foglio presenze.pdf")

	// Refused: an unknown report, a file too large; neither leaves a row.
	_, err = AttachToReport(ctx, st, blobs, "no-such-report", "x.png", strings.NewReader("x"))
	require.ErrorContains(t, err, "no such report")
	_, err = AttachToReport(ctx, st, blobs, rep.ID, "huge.jpg", bytes.NewReader(make([]byte, MaxAttachment+10)))
	require.ErrorIs(t, err, ErrTooLarge)
	atts, err = ReportAttachments(st.DB(), rep.ID)
	require.NoError(t, err)
	require.Len(t, atts, 2)
}
