package pacts

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"pacta/i18n"
	"pacta/model"
)

func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(path, b, 0o644))
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	// Join lines so that headings and names wrapped by the layout still match.
	return strings.Join(strings.Fields(string(out)), " ")
}

// richPact makes a pact with accents, Kichwa and long words in names and texts.
func richPact(t testing.TB, st *model.Store, lang string, parties, assets int) *Dossier {
	t.Helper()
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		var refs []string
		for i := 0; i < assets; i++ {
			a := model.Asset{Ref: fmt.Sprintf("ASSET-%04d", i+1), Kind: "square", Name: fmt.Sprintf("Piazzetta Sant’Anna nº %d", i+1),
				Address: fmt.Sprintf("Vicolo dell’Università %d, Città", i+1), District: "Ñukanchik Llakta", Lat: f64(38.1 + float64(i)/1000), Lon: f64(13.3)}
			if err := tx.Put(&a); err != nil {
				return err
			}
			refs = append(refs, a.Ref)
		}
		p, err := CreateTx(tx, NewPact{Title: "Cura condivisa “Àncora” — Sumak Kawsay", Lang: lang, Proponent: "Associazione Città Più Verde",
			ProponentType: "association", AssetRefs: refs}, by(-40))
		if err != nil {
			return err
		}
		id = p.ID
		names := []string{"Cooperativa Sociale Peñalolén", "Comunidad Kichwa Sarayaku Llaktapura", "Scuola Primaria “Niccolò Tommaseo”", "Über\u00adgemeinschaftlicheVerantwortungsgesellschaft"}
		for i := 0; i < parties-2 && i < len(names); i++ {
			if _, err := PutParty(tx, id, model.PactParty{Role: RoleCosignatory, Type: "social_cooperative", Name: names[i],
				Representative: "Niño Muñoz Güemes", RepRole: "presidente", FiscalCode: fmt.Sprintf("9726589082%d", i), Address: "Calle Año Nuevo 7"}); err != nil {
				return err
			}
		}
		x := DetailsOf(p)
		x.DurationMonths, x.ExtensionMonths, x.StartDate, x.Officer = 4, 2, "2026-07-01", "D.ssa Paola Di Trapani"
		if err := SetDetails(tx, id, x); err != nil {
			return err
		}
		if err := SetSection(tx, id, PremisesKey, "VISTO il verbale del gruppo di lavoro intersettoriale del 22/04/2024 (prot. n. 669703) sulla proposta di {{.Proponent}};"); err != nil {
			return err
		}
		if err := SetSection(tx, id, "object", "Interventi per {{.Proponent}}: pulizia, cura del verde e città più bella; Ñawpa yachay, sumak kawsay, ¿qué más?"); err != nil {
			return err
		}
		if err := AddSupport(tx, id, model.PactSupport{Kind: "materials", Details: "guanti, rastrelli", Value: 300}); err != nil {
			return err
		}
		return AddIndicator(tx, id, model.PactIndicator{Name: "Ore di volontariato", Unit: "ore", Target: 200})
	}))
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	return d
}

func TestAgreementPDF(t *testing.T) {
	st := openStore(t)
	d := richPact(t, st, "it", 5, 3)
	date := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	b1, err := AgreementPDF(st.DB(), d, "", date)
	require.NoError(t, err)
	b2, err := AgreementPDF(st.DB(), d, "", date)
	require.NoError(t, err)
	require.True(t, bytes.Equal(b1, b2), "same content and date give the same bytes")
	b3, err := AgreementPDF(st.DB(), d, "", date.AddDate(0, 0, 1))
	require.NoError(t, err)
	require.False(t, bytes.Equal(b1, b3), "the date is part of the document")

	text := pdfText(t, b1)
	loc := i18n.In("it")
	for _, k := range SectionKeys {
		require.Contains(t, text, loc.T("pact.section."+k), "heading of %s", k)
	}
	for _, p := range d.Parties {
		require.Contains(t, text, p.Name)
	}
	for _, w := range []string{"PATTO DI COLLABORAZIONE", "TRA", "E", "Premesse", "SI CONVIENE E PATTUISCE QUANTO SEGUE",
		"Allegato A", "Allegato B", "Allegato C", "Piazzetta Sant’Anna nº 1", "38.10000, 13.30000", "Ore di volontariato", "guanti, rastrelli",
		"C.F. 97265890820", "rappresentata da Niño Muñoz Güemes, presidente", "Ñawpa yachay, sumak kawsay, ¿qué más?",
		"“Àncora”", "Letto, approvato e sottoscritto", "VISTO il verbale del gruppo di lavoro intersettoriale del 22/04/2024 (prot. n. 669703) sulla proposta di Associazione Città Più Verde;",
		"secondo il Regolamento dei Beni Comuni", "Per il Comune", "Per il Cofirmatario", "Non ancora firmato",
		"4 mesi", "1 luglio 2026", "48 ore", "BOZZA", "versione 1", "Pagina 1 di", "Interventi per Associazione Città Più Verde"} {
		require.Contains(t, text, w)
	}
	_, hash, frozen, err := AgreementOf(st.DB(), d)
	require.NoError(t, err)
	require.False(t, frozen)
	require.Contains(t, text, "SHA-256 "+hash[:12])

	// Signed by everyone: no DRAFT mark, the frozen hash, the signature date.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, s := range []string{Submitted, InReview, Approved} {
			if err := TransitionTx(tx, d.Pact.ID, s, "", by(-10)); err != nil {
				return err
			}
		}
		return nil
	}))
	d, _ = Load(st.DB(), d.Pact.ID)
	signAll(t, st, d, "2026-06-12")
	d, _ = Load(st.DB(), d.Pact.ID)
	s1, err := AgreementPDF(st.DB(), d, "", date)
	require.NoError(t, err)
	s2, err := AgreementPDF(st.DB(), d, "", date.AddDate(1, 0, 0))
	require.NoError(t, err)
	require.True(t, bytes.Equal(s1, s2), "a signed version prints on its signature date, whatever the day")
	text = pdfText(t, s1)
	require.NotContains(t, text, "BOZZA")
	require.Contains(t, text, "SHA-256 "+d.Versions[0].SHA256[:12])
	require.Contains(t, text, "Firmato su carta da Firmatario Comunidad Kichwa Sarayaku Llaktapura il 12 giugno 2026")

	// The frozen content prints even when the registry changes afterwards.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		a := d.Assets[0]
		a.Name = "Renamed later"
		return tx.Put(&a)
	}))
	d, _ = Load(st.DB(), d.Pact.ID)
	s3, err := AgreementPDF(st.DB(), d, "", date)
	require.NoError(t, err)
	require.True(t, bytes.Equal(s1, s3))

	// Another language: the pact's own texts (premises, object) have no Spanish, and
	// Kichwa has no texts at all: both refused with the list, never Spanish headings
	// around an Italian body nor Spanish for Kichwa.
	_, err = AgreementPDF(st.DB(), d, "es", date)
	var miss *MissingLangError
	require.ErrorAs(t, err, &miss)
	require.Equal(t, "Premesse (un testo proprio); 1. Oggetto degli interventi e obiettivi (un testo proprio)", miss.list("it"))
	require.Contains(t, miss.Localized("en"), "Premises (a text of its own); 1. Oggetto degli interventi e obiettivi (a text of its own)",
		"the sections as the pact names them, why in the reader's language")
	_, err = AgreementPDF(st.DB(), d, "qu", date)
	require.ErrorAs(t, err, &miss)
	require.Contains(t, miss.list("it"), "le parole proprie dell'accordo")
}

func TestAgreementPDFInSpanishAndEnglish(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		st := openStore(t)
		d := readyPact(t, st, lang)
		b, err := AgreementPDF(st.DB(), d, "", day0)
		require.NoError(t, err)
		text := pdfText(t, b)
		loc := i18n.In(lang)
		for _, k := range SectionKeys {
			require.Contains(t, text, loc.T("pact.section."+k))
		}
		require.Contains(t, text, "Associazione Àncora")
		require.Contains(t, text, loc.T("pact.pdf.agree"))
		require.Contains(t, text, loc.T("print.draft"))
	}
}

func TestImmaterialPactPDF(t *testing.T) {
	st := openStore(t)
	p, err := Create(ctx, st, NewPact{Title: "Memoria del quartiere", Lang: "it", Proponent: "Gruppo Memoria", Immaterial: true}, by(0))
	require.NoError(t, err)
	d, err := Load(st.DB(), p.ID)
	require.NoError(t, err)
	b, err := AgreementPDF(st.DB(), d, "", day0)
	require.NoError(t, err)
	text := pdfText(t, b)
	require.Contains(t, text, "carattere immateriale")
	require.Contains(t, text, "Non è prevista alcuna forma di sostegno comunale")
}

func TestReportPDF(t *testing.T) {
	st := openStore(t)
	d := readyPact(t, st, "it")
	signAll(t, st, d, "2026-05-20")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if err := TransitionTx(tx, d.Pact.ID, Active, "", by(0)); err != nil {
			return err
		}
		_, err := FileReport(tx, d.Pact.ID, Report{Period: "2026-H1", FiledOn: "2026-06-30", Hours: 42.5, Resources: "Pitture e pennelli",
			Narrative: "Pulizia settimanale e tinteggiatura delle panchine: più di 40 ore di volontariato.", FiledBy: "Anna Bianchi"}, by(0))
		return err
	}))
	// Reports need a signed pact, a period and no duplicate.
	err := st.Update(ctx, func(tx *model.Tx) error {
		_, err := FileReport(tx, d.Pact.ID, Report{Period: "2026-H1", Hours: 1}, by(0))
		return err
	})
	require.ErrorContains(t, err, "already has a report")
	d, _ = Load(st.DB(), d.Pact.ID)
	b, err := ReportPDF(st.DB(), d, "2026-H1", "", day0)
	require.NoError(t, err)
	text := pdfText(t, b)
	for _, w := range []string{"Resoconto di monitoraggio", "2026-H1", "42.5", "Pitture e pennelli", "più di 40 ore", "30 giugno 2026", "Anna Bianchi"} {
		require.Contains(t, text, w)
	}
	_, err = ReportPDF(st.DB(), d, "2030-H2", "", day0)
	require.ErrorContains(t, err, "no report")
}

// BenchmarkAgreementPDF prints a pact with fourteen sections (Palermo's), five parties and
// twenty assets, with the second signature.
func BenchmarkAgreementPDF(b *testing.B) {
	st := openStore(b)
	d := richPact(b, st, "it", 5, 20)
	require.NoError(b, st.Update(ctx, func(tx *model.Tx) error {
		for _, k := range []string{"enjoyment", "sanctions"} {
			if err := RemoveSection(tx, d.Pact.ID, k); err != nil {
				return err
			}
		}
		return tx.PutSetting(SettingArt1341, "on")
	}))
	d, _ = Load(st.DB(), d.Pact.ID)
	if len(d.Parties) != 5 || len(d.Assets) != 20 || len(d.Sections) != 15 { // fourteen sections and its own premises
		b.Fatalf("fixture: %d parties, %d assets, %d sections", len(d.Parties), len(d.Assets), len(d.Sections))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := AgreementPDF(st.DB(), d, "", day0); err != nil {
			b.Fatal(err)
		}
	}
}
