package pacts

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

// palermoArticle is one article of Palermo's pact n. 24 as the fixture gives it.
type palermoArticle struct {
	Title string
	Text  string
}

var articleHead = regexp.MustCompile(`^(\d{1,2})\.\s+(.+)$`)

// upper reports whether every letter of s is upper case (and it has some).
func upper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 1
}

// joinLines makes paragraphs of the layout's lines: a blank line starts a new one.
func joinLines(lines []string) string {
	var paras []string
	var cur []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || regexp.MustCompile(`^\d+$`).MatchString(l) { // a blank line, or a page number
			if l == "" && len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = nil
			}
			continue
		}
		cur = append(cur, strings.Join(strings.Fields(l), " "))
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return strings.Join(paras, "\n\n")
}

// palermo024 reads the premises and the fourteen articles of pact n. 24 from the fixture.
func palermo024(t *testing.T) (string, []palermoArticle) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "palermo", "pact-024.txt"))
	require.NoError(t, err, "the text of Palermo's pact n. 24 is kept in the repository (testdata/palermo/README.md)")
	lines := strings.Split(string(b), "\n")
	var premises []string
	var arts []palermoArticle
	var body []string
	state := "before"
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case state == "before" && strings.HasPrefix(l, "PREMESSO che"):
			state = "premises"
		case state == "premises" && strings.HasPrefix(l, "TUTTO CIÒ PREMESSO"):
			state = "articles"
			continue
		}
		if m := articleHead.FindStringSubmatch(l); m != nil && state == "articles" && m[1] == strconv.Itoa(len(arts)+1) && upper(m[2]) {
			if len(arts) > 0 {
				arts[len(arts)-1].Text = joinLines(body)
			}
			title := strings.Join(strings.Fields(m[2]), " ")
			for i+1 < len(lines) && upper(lines[i+1]) && !articleHead.MatchString(strings.TrimSpace(lines[i+1])) {
				i++
				title += " " + strings.Join(strings.Fields(lines[i]), " ")
			}
			arts = append(arts, palermoArticle{Title: title})
			body = nil
			continue
		}
		switch state {
		case "premises":
			premises = append(premises, lines[i])
		case "articles":
			if len(arts) == 14 && (strings.HasPrefix(l, "02 aprile 2025") || strings.HasPrefix(l, "Palermo,")) {
				state = "after"
				continue
			}
			if len(arts) > 0 && !strings.HasPrefix(l, "SI CONVIENE") {
				body = append(body, lines[i])
			}
		}
	}
	arts[len(arts)-1].Text = joinLines(body)
	return joinLines(premises), arts
}

// TestPalermoPact024 rebuilds Palermo's pact n. 24 as data (its profile, parties, premises
// and fourteen articles from the fixture) and prints it: every article, in order, with its
// own title, the second signature approving articles 5, 6, 7, 10, 11 and 12, and the place
// and date.
func TestPalermoPact024(t *testing.T) {
	premises, arts := palermo024(t)
	require.Len(t, arts, 14, "the fixture has Palermo's fourteen articles")
	require.Contains(t, arts[13].Text, "Il Titolare del trattamento è il Comune di Palermo")
	require.Contains(t, premises, "l'articolo 118, comma 4, della Costituzione")

	st := openStore(t)
	approvedOn := time.Date(2025, 3, 20, 10, 0, 0, 0, time.UTC)
	signedOn := time.Date(2025, 4, 3, 12, 0, 0, 0, time.UTC)
	keys := []string{"object", "duration", "roles", "monitoring", "risks", "liability", "disputes", "support", "amendments", "end_effects",
		"termination", "guarantees", "final", "privacy"}
	var id string
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		if err := EditProfile(tx, map[string]string{}, map[string]string{
			SettingName + ".it": "Comune di Palermo", SettingArticle + ".it": "il", SettingSeat: "piazza Pretoria n. 1 - C.A.P. 90132",
			SettingFiscalCode: "80016350821", SettingVAT: "00519560825",
			SettingOfficer:       "dott. Sandro Follari, Dirigente dell'Ufficio per la Rigenerazione Urbana e la Qualità dello Spazio Pubblico e dell'Abitare",
			SettingOfficerPowers: "il quale interviene ed agisce esclusivamente per conto e nell'interesse del Comune di Palermo, ai sensi dell'art. 107 del D. Lgs. 18/08/2000 n. 267 e dell'art. 82 dello Statuto del Comune di Palermo",
			SettingPlace:         "Palermo", SettingArt1341: "on",
			SettingLegalBasisIn + ".it": "l'art. 7 del Regolamento per la collaborazione tra cittadini e amministrazione per la cura, la rigenerazione e la gestione condivisa dei Beni Comuni, approvato con Deliberazione di Consiglio Comunale di Palermo n. 31 del 20/04/2023",
		}); err != nil {
			return err
		}
		if err := tx.Put(&model.Asset{Ref: "ASSET-0095", Kind: "building", Name: "Locali di via Alloro n. 95", Address: "via Alloro 95, Palermo", District: "Kalsa"}); err != nil {
			return err
		}
		b := By{Actor: "Ufficio Rigenerazione Urbana", Now: approvedOn.AddDate(0, -1, 0)}
		p, err := CreateTx(tx, NewPact{Title: "Casa della Partecipazione", Lang: "it", Proponent: "Michelangelo Pavia", ProponentType: "person",
			AssetRefs: []string{"ASSET-0095"}}, b)
		if err != nil {
			return err
		}
		id = p.ID
		if _, err := PatchParty(tx, id, "Michelangelo Pavia", PartyPatch{Gender: sptr("m"), RepRole: sptr("capofila del gruppo informale")}); err != nil {
			return err
		}
		for _, x := range []model.PactParty{
			{Name: "Neu[nòi] - spazio al lavoro APS", Type: "association", Address: "via Alloro 64, 90133 Palermo", FiscalCode: "97273680823", Representative: "Michelangelo Pavia", RepRole: "rappresentante legale"},
			{Name: "Movimento Idea e Azione", Type: "association", Address: "via Mario Botta 1, Palermo", FiscalCode: "97300900822", Representative: "Liboria Di Baudo", RepRole: "rappresentante legale"},
			{Name: "Ass. Sguardi Urbani", Type: "association", Address: "via Corrado Lancia 19", FiscalCode: "97300660822", Representative: "Luisa Tuttolomondo"},
			{Name: "Teatro Atlante cooperativa sociale arl", Type: "social_cooperative", Gender: "f", Address: "via Vetriera 23", FiscalCode: "97209650825", Representative: "Emilio Ajovalasit"},
		} {
			x.Role = RoleCosignatory
			if _, err := PutParty(tx, id, x); err != nil {
				return err
			}
		}
		x := DetailsOf(p)
		x.DurationMonths = 48
		if err := SetDetails(tx, id, x); err != nil {
			return err
		}
		// Palermo's pact has no articles of its own on collective enjoyment and sanctions.
		for _, k := range []string{"enjoyment", "sanctions"} {
			if err := RemoveSection(tx, id, k); err != nil {
				return err
			}
		}
		if err := SetSection(tx, id, PremisesKey, premises); err != nil {
			return err
		}
		for i, k := range keys {
			if err := SetSection(tx, id, k, arts[i].Text); err != nil {
				return err
			}
			if err := RetitleSection(tx, id, k, arts[i].Title); err != nil {
				return err
			}
		}
		for _, s := range []string{Submitted, InReview, Approved} {
			if err := TransitionTx(tx, id, s, "", By{Actor: "Ufficio", Now: approvedOn}); err != nil {
				return err
			}
		}
		return nil
	}))
	// A date that does not exist, one in the future, one before the approval, and a party not
	// on the pact are refused; nothing is written.
	for _, s := range []Signature{
		{Party: "Comune di Palermo", Signer: "Sandro Follari", Date: "2025-02-30"},
		{Party: "Comune di Palermo", Signer: "Sandro Follari", Date: "2025-07-03"},
		{Party: "Comune di Palermo", Signer: "Sandro Follari", Date: "2025-03-01"},
		{Party: "Comune di Roma", Signer: "X", Date: "2025-04-03"},
	} {
		err := st.Update(ctx, func(tx *model.Tx) error { _, err := Sign(tx, id, s, By{Actor: "U", Now: signedOn}); return err })
		require.Error(t, err, "%+v", s)
	}
	d, err := Load(st.DB(), id)
	require.NoError(t, err)
	require.Empty(t, d.Signatures)
	require.Empty(t, d.Versions)

	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for _, p := range d.Parties {
			date := "2025-04-02"
			if p.Role == RoleMunicipality {
				date = "2025-04-01" // wrong: corrected below
			}
			if _, err := Sign(tx, id, Signature{Party: p.Name, Signer: "Firmatario " + p.Name, Date: date, Method: "digital"}, By{Actor: "U", Now: signedOn}); err != nil {
				return err
			}
		}
		return nil
	}))
	d, _ = Load(st.DB(), id)
	require.Equal(t, Signed, d.Pact.Status)
	require.Equal(t, "2025-04-02", d.Pact.StartDate)
	hash := d.Versions[0].SHA256
	// The municipality's record was wrong: corrected by a person, with a reason, over the same
	// signed content.
	err = st.Update(ctx, func(tx *model.Tx) error {
		_, err := CorrectSignature(tx, id, Correction{Party: "Comune di Palermo", Date: "2025-04-03"}, By{Actor: "Paola", Now: signedOn})
		return err
	})
	require.ErrorContains(t, err, "say why")
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		_, err := CorrectSignature(tx, id, Correction{Party: "Comune di Palermo", Signer: "Sandro Salvatore Follari", Date: "2025-04-03",
			Reason: "the digital signature bears 3 April 2025"}, By{Actor: "Paola Di Trapani", Now: signedOn})
		return err
	}))
	d, _ = Load(st.DB(), id)
	require.NoError(t, Verify(d))
	require.Equal(t, hash, d.Versions[0].SHA256, "the content signed and its hash do not change")
	require.Len(t, d.Signatures, len(d.Parties)+1, "the wrong record stays in the history")
	require.Len(t, d.SignaturesOfCurrent(), len(d.Parties))
	require.Equal(t, "2025-04-03", d.Pact.StartDate, "the start follows the corrected last signature")
	require.True(t, d.FullySigned())

	b, err := AgreementPDF(st.DB(), d, "", time.Time{})
	require.NoError(t, err)
	if out := os.Getenv("PACTA_KEEP_PDF"); out != "" {
		require.NoError(t, os.WriteFile(out, b, 0o644)) // to look at it
	}
	text := pdfText(t, b)
	at := -1
	for i, a := range arts {
		h := strconv.Itoa(i+1) + ". " + a.Title
		j := strings.Index(text, h)
		require.Greater(t, j, at, "article %q is printed, after the one before", h)
		at = j
		words := strings.Fields(a.Text)
		require.Contains(t, text, strings.Join(words[:min(12, len(words))], " "), "the text of article %d", i+1)
	}
	for _, w := range []string{
		"il Comune di Palermo, con sede in piazza Pretoria n. 1 - C.A.P. 90132, C.F. 80016350821, P. IVA 00519560825, rappresentato da dott. Sandro Follari",
		"ai sensi dell'art. 107 del D. Lgs. 18/08/2000 n. 267",
		"Michelangelo Pavia (persona fisica) (d'ora innanzi denominato “proponente”)", // no article before a person
		"l'Ass. Sguardi Urbani (associazione), con sede in via Corrado Lancia 19, C.F. 97300660822, rappresentata da Luisa Tuttolomondo",
		"il Teatro Atlante cooperativa sociale arl (cooperativa sociale), con sede in via Vetriera 23, C.F. 97209650825, rappresentata da Emilio Ajovalasit",
		"secondo l'art. 7 del Regolamento per la collaborazione",
		"Palermo, 3 aprile 2025",
		"Ai sensi dell'art. 1341, comma 2, del Codice civile si intendono specificamente approvate le clausole di cui agli articoli 5, 6, 7, 10, 11 e 12 del presente Patto.",
		"registrazione corretta da Paola Di Trapani: the digital signature bears 3 April 2025",
	} {
		require.Contains(t, text, w)
	}
	require.Equal(t, 2*len(d.Parties), strings.Count(text, "Firmato digitale da")+strings.Count(text, "Firmato digitalmente da"), "every party signs twice: the agreement and the onerous clauses")
	require.NotContains(t, text, "BOZZA")
}

func sptr(s string) *string { return &s }
