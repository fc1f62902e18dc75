package pacts

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestSectionTextsUseOnlyWhatAgreementsNeed: fields, the grammar's functions and if/else
// render; printf, range, call, template definitions and the other built-ins are refused,
// typed here or received from another laptop.
func TestSectionTextsUseOnlyWhatAgreementsNeed(t *testing.T) {
	cases := []struct {
		text string
		ok   bool
	}{
		{"For {{.Title}}, {{the .Municipality}} and {{by .Proponents}}{{if .Assets}} on {{.Assets}}{{else}}.{{end}} See {{section \"object\"}}.", true},
		{`{{verb .Proponents "undertakes" "undertake"}} and {{agree .Proponents "bound"}}`, true},
		{`{{printf "%0999999999d" 1}}`, false},
		{`{{range .Title}}x{{end}}`, false},
		{`{{define "x"}}y{{end}}{{template "x"}}`, false},
		{`{{len .Title}}`, false},
		{`{{with .Title}}{{.}}{{end}}`, false},
		{`{{$x := .Title}}{{$x}}`, false},
		{`{{the (printf "%s" .Title)}}`, false},
	}
	for _, c := range cases {
		_, err := Render("object", c.text, SampleFields())
		if c.ok {
			require.NoError(t, err, c.text)
			continue
		}
		var te *TemplateError
		require.ErrorAs(t, err, &te, c.text)
	}
}

// TestAHarmfulSectionFromAnotherLaptop: a section text that reached the store without the
// editor's check (as a change from another laptop does) makes printing fail with the
// template error, instead of allocating a gigabyte.
func TestAHarmfulSectionFromAnotherLaptop(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "en")
	s, ok := d.Section("object")
	require.True(t, ok)
	s.Text = `{{printf "%0999999999d" 1}}`
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return tx.Put(&s) }))
	d, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	_, err = AgreementPDF(st.DB(), d, "", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	var te *TemplateError
	require.ErrorAs(t, err, &te)
}
