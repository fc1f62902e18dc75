package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestSignatureFreezesTheVersion(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "it")
	id := d.Pact.ID

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, id, Signature{Party: "Associazione Àncora", Signer: "Anna Bianchi", Date: "2026-05-20"}, by(0))
		return err
	}))
	d, _ = Load(st.DB(), id)
	require.Len(t, d.Versions, 1)
	v := d.Versions[0]
	require.Equal(t, int64(1), v.Number)
	require.Len(t, v.SHA256, 64)
	require.Equal(t, v.SHA256, d.Signatures[0].SHA256)
	require.Equal(t, "paper", d.Signatures[0].Method)
	require.Equal(t, Approved, d.Pact.Status, "one party of two signed: still approved")
	a, err := ParseAgreement(v.Content)
	require.NoError(t, err)
	require.Equal(t, "Cura di Piazza Magione", a.Title)
	require.Len(t, a.Sections, len(SectionKeys))
	require.Len(t, a.Parties, 2)
	require.Equal(t, "Comune di Palermo", a.Municipality)

	// What was signed cannot be edited any more.
	for name, edit := range map[string]func(tx *model.Tx) error{
		"section": func(tx *model.Tx) error { return SetSection(tx, id, "risks", "Nuovo testo") },
		"party": func(tx *model.Tx) error {
			_, err := PutParty(tx, id, model.PactParty{Role: RoleCosignatory, Name: "Scuola Garibaldi", Type: "school"})
			return err
		},
		"details": func(tx *model.Tx) error { x := DetailsOf(d.Pact); x.DurationMonths = 48; return SetDetails(tx, id, x) },
		"support": func(tx *model.Tx) error { return AddSupport(tx, id, model.PactSupport{Kind: "ppe"}) },
	} {
		err := st.Update(ctx, edit)
		r, ok := IsRefusal(err)
		require.True(t, ok, "%s: %v", name, err)
		require.Equal(t, "pact.refuse.frozen", r.Reasons[0].Key, name)
	}
	// The same party cannot sign twice; an unknown party is named.
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, id, Signature{Party: "associazione àncora", Signer: "Anna Bianchi", Date: "2026-05-21"}, by(0))
		return err
	})
	require.ErrorContains(t, err, "already signed")
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, id, Signature{Party: "Nessuno", Signer: "X", Date: "2026-05-21"}, by(0))
		return err
	})
	require.ErrorContains(t, err, "Comune di Palermo; Associazione Àncora")
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, id, Signature{Party: "Comune di Palermo", Signer: "X", Date: "21/05/2026"}, by(0))
		return err
	})
	require.ErrorContains(t, err, "YYYY-MM-DD")

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, id, Signature{Party: "Comune di Palermo", Signer: "Paola Di Trapani", Date: "2026-05-22", Method: "digital"}, by(0))
		return err
	}))
	d, _ = Load(st.DB(), id)
	require.Equal(t, Signed, d.Pact.Status)
	require.True(t, d.FullySigned())
	require.NoError(t, Verify(d))

	// An amendment is a new version; the signed one stays as it was.
	err = st.Update(ctx, func(tx *model.Tx) error { _, err := Amend(tx, id, "", by(1)); return err })
	require.ErrorContains(t, err, "say what the amendment changes")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		n, err := Amend(tx, id, "Adesione della Scuola Garibaldi", by(-2))
		require.Equal(t, int64(2), n)
		return err
	}))
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		_, err := PutParty(tx, id, model.PactParty{Role: RoleCosignatory, Name: "Scuola Garibaldi", Type: "school"})
		return err
	}))
	d, _ = Load(st.DB(), id)
	require.Equal(t, int64(2), d.Pact.Version)
	require.Equal(t, Signed, d.Pact.Status, "the status does not change with an amendment")
	require.False(t, d.FullySigned())
	signAll(t, st, d, "2026-06-14")
	d, _ = Load(st.DB(), id)
	require.Len(t, d.Versions, 2)
	require.NotEqual(t, d.Versions[0].SHA256, d.Versions[1].SHA256)
	require.Equal(t, v.Content, d.Versions[0].Content, "version 1 is unchanged")
	a2, err := ParseAgreement(d.Versions[1].Content)
	require.NoError(t, err)
	require.Len(t, a2.Parties, 3)
	require.NoError(t, Verify(d))
	require.Len(t, d.SignaturesOfCurrent(), 3)

	// Tampering with stored content is detected.
	d.Versions[0].Content = d.Versions[0].Content[:len(d.Versions[0].Content)-2] + " }"
	require.Error(t, Verify(d))
}

func TestSignRefusedBeforeApproval(t *testing.T) {
	st := openStore(t)
	p, err := Create(ctx, st, NewPact{Title: "Orto", Lang: "es", Proponent: "Vecinos", ProponentType: "informal_group"}, by(0))
	require.NoError(t, err)
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := Sign(tx, p.ID, Signature{Party: "Vecinos", Signer: "Ana", Date: "2026-06-01"}, by(0))
		return err
	})
	r, ok := IsRefusal(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, "pact.refuse.sign_status", r.Reasons[0].Key)
	require.Contains(t, r.Localized("es"), "Borrador")
}

func TestCanonicalContentIsDeterministic(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "en")
	a1, err := currentAgreement(st.DB(), d)
	require.NoError(t, err)
	a2, err := currentAgreement(st.DB(), d)
	require.NoError(t, err)
	b1, h1, err := a1.Canonical()
	require.NoError(t, err)
	b2, h2, err := a2.Canonical()
	require.NoError(t, err)
	require.Equal(t, b1, b2)
	require.Equal(t, h1, h2)
	d.Sections[0].Text += " More."
	a3, err := currentAgreement(st.DB(), d)
	require.NoError(t, err)
	_, h3, _ := a3.Canonical()
	require.NotEqual(t, h1, h3)
}
