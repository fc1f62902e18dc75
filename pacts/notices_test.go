package pacts

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// TestNoticesPrinted prints every notice in the three languages and reads it back with
// pdftotext: the words of its kind, the pact's data, the text given or recorded.
func TestNoticesPrinted(t *testing.T) {
	for _, c := range []struct {
		lang string
		want map[string][]string
	}{
		{"it", map[string][]string{
			NoticeReceipt:     {"RICEVUTA DI PRESENTAZIONE", "Protocollo: n. 669703 del 2 maggio 2026", "entro 30 giorni dalla presentazione", "non costituisce accoglimento"},
			NoticeDocuments:   {"RICHIESTA DI INTEGRAZIONE DOCUMENTALE", "Documentazione richiesta", "polizza assicurativa dei volontari", "resta sospeso"},
			NoticeRejection:   {"COMUNICAZIONE DI DINIEGO", "Motivazioni", "area già affidata con altro patto", "non può essere accolta"},
			NoticePublication: {"AVVISO PUBBLICO", "pubblicata la proposta", "entro 60 giorni", "Piazza Magione"},
			NoticeExtension:   {"PROVVEDIMENTO DI PROROGA", "proroga il patto di 6 mesi", "scade ora il"},
		}},
		{"es", map[string][]string{
			NoticeReceipt:     {"ACUSE DE RECIBO", "n.º 669703", "dentro de los 30 días"},
			NoticeDocuments:   {"REQUERIMIENTO DE DOCUMENTACIÓN", "polizza assicurativa dei volontari"},
			NoticeRejection:   {"NOTIFICACIÓN DE DENEGACIÓN", "Motivos", "área ya"},
			NoticePublication: {"AVISO PÚBLICO", "observaciones o propuestas alternativas"},
			NoticeExtension:   {"RESOLUCIÓN DE PRÓRROGA", "6 meses"},
		}},
		{"en", map[string][]string{
			NoticeReceipt:     {"RECEIPT OF A PROPOSAL", "no. 669703", "within 30 days"},
			NoticeDocuments:   {"REQUEST FOR DOCUMENTS", "Documents requested"},
			NoticeRejection:   {"NOTICE OF REJECTION", "Reasons"},
			NoticePublication: {"PUBLIC NOTICE", "observations or competing proposals within 60 days"},
			NoticeExtension:   {"DECISION TO EXTEND", "extends the pact by 6 months"},
		}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			st := openStore(t)
			blobs := model.Blobs{Dir: filepath.Join(t.TempDir(), "blobs")}
			d := readyPact(t, st, c.lang)
			_, err := AddAct(ctx, st, blobs, d.Pact.ID, Act{Kind: "protocol", Number: "669703", Date: "2026-05-02"}, "", nil)
			require.NoError(t, err)
			require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
				p, err := PactByID(tx, d.Pact.ID)
				if err != nil {
					return err
				}
				before := p
				p.PublishedOn, p.StartDate = "2026-05-10", "2026-06-01"
				return tx.PutEdit(&before, &p)
			}))
			d, err = Load(st.DB(), d.Pact.ID)
			require.NoError(t, err)
			texts := map[string]string{NoticeDocuments: "polizza assicurativa dei volontari"}
			if c.lang == "es" {
				texts[NoticeRejection] = "el área ya está confiada a otro pacto"
			} else {
				texts[NoticeRejection] = "area già affidata con altro patto"
			}
			for _, kind := range NoticeKinds {
				b, err := NoticePDF(st.DB(), d, Notice{Kind: kind, Text: texts[kind], Date: day0})
				require.NoError(t, err, kind)
				text := pdfText(t, b)
				for _, w := range c.want[kind] {
					require.Contains(t, text, w, kind)
				}
				require.Contains(t, text, d.Pact.Ref, kind)
				require.Contains(t, text, "Cura di Piazza Magione", kind)
				if kind != NoticePublication {
					require.Contains(t, text, "Associazione Àncora", kind)
				}
			}
		})
	}
}

// TestNoticesRefused: a notice the pact cannot have yet is refused, saying what to do.
func TestNoticesRefused(t *testing.T) {
	st := openStore(t)
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		p, err := CreateTx(tx, NewPact{Title: "Orto", Lang: "en", Proponent: "Vicini", Immaterial: true}, by(0))
		id = p.ID
		return err
	}))
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	for _, c := range []struct{ kind, want string }{
		{NoticeReceipt, "submit the proposal before"},
		{NoticeDocuments, "record the reason"},
		{NoticeRejection, "record the reason"},
		{NoticePublication, "publish it before"},
		{NoticeExtension, "set them before"},
		{"letter", "not a kind of notice"},
	} {
		_, err := NoticePDF(st.DB(), d, Notice{Kind: c.kind, Date: day0})
		require.ErrorContains(t, err, c.want, c.kind)
	}
	// The reason recorded when the pact moved to awaiting documents is the default text.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, s := range []struct{ to, why string }{{Submitted, ""}, {InReview, ""}, {AwaitingInfo, "the map of the garden"}} {
			if err := TransitionTx(tx, id, s.to, s.why, by(1)); err != nil {
				return err
			}
		}
		return nil
	}))
	d, err = Load(st.DB(), id)
	require.NoError(t, err)
	b, err := NoticePDF(st.DB(), d, Notice{Kind: NoticeDocuments, Date: day0})
	require.NoError(t, err)
	require.Contains(t, pdfText(t, b), "the map of the garden")
}
