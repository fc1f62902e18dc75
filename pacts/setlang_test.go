package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

// TestSetLang: a pact's language changes its template texts to the new language's, keeps
// its own texts flagged for translation, flags what the new language has no template for
// (Kichwa), clears a flag going back, and is refused for an unknown language or a signed
// version.
func TestSetLang(t *testing.T) {
	cases := []struct {
		name    string
		own     string   // a text of the pact's own for the object, before
		steps   []string // the languages set, in order
		want    string   // a part of the object's text after
		flagged []string // the sections flagged after the last step
		flag    string   // the object's Translate after
		wantErr string   // the refusal's key
	}{
		{name: "template texts take the new language's", steps: []string{"it"}, want: "Il presente Patto ha ad oggetto"},
		{name: "an own text is kept and flagged", own: "Our own words on {{.Title}}.", steps: []string{"it"},
			want: "Our own words", flagged: []string{"object"}, flag: "en"},
		{name: "back to its language clears the flag", own: "Our own words on {{.Title}}.", steps: []string{"it", "en"},
			want: "Our own words", flag: ""},
		{name: "Kichwa has no templates: nothing in a third language", steps: []string{"qu"}, want: "This Pact", flag: "en"},
		{name: "an unknown language", steps: []string{"fr"}, wantErr: "pact.error.lang_unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			d := englishPact(t, st)
			if c.own != "" {
				require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetSection(tx, d.Pact.ID, "object", c.own) }))
			}
			var flagged []string
			var err error
			for _, l := range c.steps {
				err = st.Update(ctx, func(tx *model.Tx) error {
					var e error
					flagged, e = SetLang(tx, d.Pact.ID, l)
					return e
				})
				if err != nil {
					break
				}
			}
			if c.wantErr != "" {
				require.Error(t, err)
				require.Equal(t, c.wantErr, errs.Keyed(err).Key)
				return
			}
			require.NoError(t, err)
			d, err = Load(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			require.Equal(t, c.steps[len(c.steps)-1], d.Pact.Lang)
			s, ok := d.Section("object")
			require.True(t, ok)
			require.Contains(t, s.Text, c.want)
			require.Equal(t, c.flag, s.Translate)
			if c.flagged != nil {
				require.Equal(t, c.flagged, flagged)
			}
		})
	}
}

// TestSetLangEditClearsTheFlagAndSignedRefuses: editing a flagged text clears its flag (it
// is written in the pact's language now); a signed version's language cannot change.
func TestSetLangEditClearsTheFlagAndSignedRefuses(t *testing.T) {
	st := openStore(t)
	d := englishPact(t, st)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetSection(tx, d.Pact.ID, "object", "Our own words.") }))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { _, err := SetLang(tx, d.Pact.ID, "es"); return err }))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error { return SetSection(tx, d.Pact.ID, "object", "Nuestras palabras.") }))
	d, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	s, _ := d.Section("object")
	require.Empty(t, s.Translate)

	signAll(t, st, d, "2026-06-01")
	err = st.Update(ctx, func(tx *model.Tx) error { _, err := SetLang(tx, d.Pact.ID, "it"); return err })
	require.Error(t, err)
	var r *Refusal
	require.ErrorAs(t, err, &r)
}
