package ui

import (
	"net/url"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/pacts"
)

// TestFilesAndActsTab: an act whose date does not exist is refused under the date, what
// was typed stays; once corrected it is listed and cited by the premises. The notice
// dialog refuses a rejection without reasons under its text, then prints one.
func TestFilesAndActsTab(t *testing.T) {
	_, e := openDraftEditor(t)
	e.acts.kind.SetSelectedIndex(3) // determination
	e.acts.number.SetText("123/2024")
	e.acts.issuer.SetText("Area della Cultura")
	e.acts.date.SetText("2024-02-30")
	e.acts.add()
	require.NotEmpty(t, formSays(t, e, "act", i18n.T("pact.ui.field.date")))
	require.Equal(t, "123/2024", e.acts.number.Text)
	require.Empty(t, e.d.Acts)

	e.acts.date.SetText("2024-03-12")
	e.acts.add()
	require.Len(t, e.d.Acts, 1)
	require.Equal(t, "determination", e.d.Acts[0].Kind)
	a, _, _, err := pacts.AgreementOf(e.db(), e.d)
	require.NoError(t, err)
	require.Contains(t, a.Premises, "123/2024")

	// The same number again for the same kind: under the number.
	e.acts.kind.SetSelectedIndex(3)
	e.acts.number.SetText("123/2024")
	e.acts.date.SetText("2024-04-01")
	e.acts.add()
	require.Contains(t, formSays(t, e, "act", i18n.T("pact.ui.act_number")), "123/2024")
	require.Len(t, e.d.Acts, 1)

	defer func(f func(fyne.App, *url.URL) error) { openURL = f }(openURL)
	openURL = func(fyne.App, *url.URL) error { return nil }
	d := e.askNotice()
	d.fields[0].widget.(*Select).SetSelectedIndex(2) // rejection
	require.False(t, d.Submit())
	require.Empty(t, e.printed)
	d.fields[1].widget.(*Entry).SetText("The square is already under another pact.")
	require.True(t, d.Submit())
	b, err := os.ReadFile(e.printed)
	require.NoError(t, err)
	require.Contains(t, string(b[:8]), "%PDF-")
}
