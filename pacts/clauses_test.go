package pacts

import (
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

func clauseKeys(cs []Clause) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Key
	}
	return out
}

func TestWorkspaceSectionList(t *testing.T) {
	st := openStore(t)
	cs, err := Clauses(st.DB(), Ordinary)
	require.NoError(t, err)
	require.Equal(t, SectionKeys, clauseKeys(cs), "the built-in list until the workspace has its own")

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if err := AddClause(tx, NewClause{Kind: Ordinary, Key: "open_hours", Lang: "it", Title: "Orari di apertura",
			Text: "Gli spazi sono aperti secondo gli orari concordati con {{the .Municipality}}.", After: "enjoyment", Onerous: false}); err != nil {
			return err
		}
		if err := RemoveClause(tx, Ordinary, "sanctions"); err != nil {
			return err
		}
		if err := MoveClause(tx, Ordinary, "privacy", 1); err != nil {
			return err
		}
		return RetitleClause(tx, "it", "final", "Norme finali")
	}))
	cs, err = Clauses(st.DB(), Ordinary)
	require.NoError(t, err)
	require.Equal(t, []string{"privacy", "object", "duration", "roles", "monitoring", "risks", "liability", "disputes", "support", "amendments",
		"end_effects", "termination", "guarantees", "enjoyment", "open_hours", "final"}, clauseKeys(cs))
	other, err := Clauses(st.DB(), Complex)
	require.NoError(t, err)
	require.Equal(t, SectionKeys, clauseKeys(other), "each kind has its own list")

	// Bad input: a key used twice, a malformed key, a required section removed.
	for _, f := range []func(tx *model.Tx) error{
		func(tx *model.Tx) error {
			return AddClause(tx, NewClause{Kind: Ordinary, Key: "open_hours", Lang: "it", Title: "Orari"})
		},
		func(tx *model.Tx) error {
			return AddClause(tx, NewClause{Kind: Ordinary, Key: "Orari Estivi", Lang: "it", Title: "Orari"})
		},
		func(tx *model.Tx) error { return AddClause(tx, NewClause{Kind: Ordinary, Key: "notitle", Lang: "it"}) },
		func(tx *model.Tx) error { return RemoveClause(tx, Ordinary, "object") },
		func(tx *model.Tx) error {
			return AddClause(tx, NewClause{Kind: "big", Key: "x_y", Lang: "it", Title: "X"})
		},
	} {
		require.Error(t, st.Update(ctx, f))
	}

	// A new pact starts with the list, numbered in its order, with the titles given.
	p, err := Create(ctx, st, NewPact{Title: "Giardino", Lang: "it", Proponent: "Comitato Vicini", ProponentType: "committee", Immaterial: true}, by(0))
	require.NoError(t, err)
	d, err := Load(st.DB(), p.ID)
	require.NoError(t, err)
	a, _, _, err := AgreementOf(st.DB(), d)
	require.NoError(t, err)
	require.Len(t, a.Sections, 16)
	require.Equal(t, "privacy", a.Sections[0].Key)
	require.Equal(t, "Orari di apertura", SectionHeading("it", a.Sections[14]))
	require.Equal(t, "Gli spazi sono aperti secondo gli orari concordati con il Comune di Palermo.", a.Sections[14].Text)
	require.Equal(t, "Norme finali", SectionHeading("it", a.Sections[15]))
	// "{{section "termination"}}" follows the numbering: termination is 12 here.
	g, _ := d.Section("guarantees")
	require.Contains(t, g.Text, `{{section "termination"}}`)
	require.Contains(t, a.Sections[12].Text, "di cui al punto 12")
}

func TestPactOwnSections(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "it")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		// Back to editable: approved pacts are still editable until signed.
		_, err := AddSection(tx, d.Pact.ID, NewSection{Key: "insurance", Title: "Coperture assicurative", Text: "Polizza n. 123 di {{.Proponent}}.", After: "liability", Onerous: true})
		if err != nil {
			return err
		}
		if err := MoveSection(tx, d.Pact.ID, "privacy", 1); err != nil {
			return err
		}
		return RemoveSection(tx, d.Pact.ID, "enjoyment")
	}))
	for _, n := range []NewSection{
		{Key: "insurance", Title: "Di nuovo", Text: "x"},    // used twice
		{Key: "premises", Title: "Premesse", Text: "x"},     // the premises are not a section
		{Key: "open_hours", Title: "Orari", Text: ""},       // no text
		{Key: "open_hours", Title: "", Text: "x"},           // no title
		{Key: "open_hours", Title: "Orari", Text: "{{.X}}"}, // a wrong field
	} {
		require.Error(t, st.Update(ctx, func(tx *model.Tx) error { _, err := AddSection(tx, d.Pact.ID, n); return err }), "%+v", n)
	}
	d, err := Load(st.DB(), d.Pact.ID)
	require.NoError(t, err)
	a, _, _, err := AgreementOf(st.DB(), d)
	require.NoError(t, err)
	require.Len(t, a.Sections, 16)
	require.Equal(t, "privacy", a.Sections[0].Key)
	require.Equal(t, "insurance", a.Sections[7].Key)
	require.True(t, a.Sections[7].Onerous)
	require.Equal(t, "Polizza n. 123 di Associazione Àncora.", a.Sections[7].Text)
	b, err := AgreementPDF(st.DB(), d, "", day0)
	require.NoError(t, err)
	text := pdfText(t, b)
	require.Contains(t, text, "8. Coperture assicurative")
	require.Contains(t, text, "1. "+i18n.In("it").T("pact.section.privacy"))
}

func TestLegalBasisInTheAgreementsLanguage(t *testing.T) {
	st := openStore(t)
	// A workspace made under an English locale kept the English default as its legal basis.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		return tx.PutSetting(model.SettingLegalBasis, i18n.In("en").T("settings.legal_basis.default"))
	}))
	for lang, want := range map[string]string{"it": "il Regolamento sulla collaborazione", "es": "el Reglamento sobre la colaboración", "en": "the Regulation on collaboration"} {
		p, err := Create(ctx, st, NewPact{Title: "Orto " + lang, Lang: lang, Proponent: "Comitato Vicini", Immaterial: true}, by(0))
		require.NoError(t, err)
		d, err := Load(st.DB(), p.ID)
		require.NoError(t, err)
		b, err := AgreementPDF(st.DB(), d, "", day0)
		require.NoError(t, err)
		text := pdfText(t, b)
		require.Contains(t, text, want, lang)
		if lang != "en" {
			require.NotContains(t, text, "the Regulation", lang)
		}
	}
}
