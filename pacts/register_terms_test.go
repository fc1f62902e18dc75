package pacts

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func TestTermFromNotes(t *testing.T) {
	for _, c := range []struct {
		notes string
		want  registerTerm
	}{
		{"Patto stipulato con  D. D. n 9817 del 16 luglio 2024, Pubblicato all'albo pretorio on line dal 16 al 31 luglio 2024 Con D.D. n.3075 del 27/02/2025 è stata autorizzata la proroga di 6 mesi.",
			registerTerm{SignedOn: "2024-07-16", ExtensionMonths: 6}},
		{"Patto approvato con  Determinazione Dirigenziale n. 6217 del 06 05 2024 ", registerTerm{SignedOn: "2024-05-06"}},
		{"Patto stipulato con Determina Dirigenziale N° 12727 - 08/09/2025", registerTerm{SignedOn: "2025-09-08"}},
		{"Il Patto di Collaborazione è stato sottoscritto in data 24 04 2025", registerTerm{SignedOn: "2025-04-24"}},
		{"In data 20/10/2025  il Patto di Collaborazione è stato acquisizione munito di  firma digitale del proponente.", registerTerm{SignedOn: "2025-10-20"}},
		{"è stato revocato il Patto rilasciato il 21 03 2025", registerTerm{SignedOn: "2025-03-21"}},
		{"Patto stipulato il 30 02 2025, durata di 2 anni, proroga di 1 anno", registerTerm{DurationMonths: 24, ExtensionMonths: 12}}, // no 30 February
		{"Acquisito Parere Soprintendenza con prot.n. 1504524  del  24/10/2025", registerTerm{}},
		{"Perviene nota prot. n. 326231el 04 04 2025 da parte dell ufficio Demanio", registerTerm{}},
		{"Con ordinanza n.961 del 16 07 2025  è stata prorogata  fino al 31 12 2025 la  delimitazione di  un area pedonale", registerTerm{}},
		{"", registerTerm{}},
	} {
		require.Equal(t, c.want, termFromNotes(c.notes), c.notes)
	}
	for in, want := range map[string]string{"24/10/2025": "2025-10-24", "06 05 2024": "2024-05-06", "16 Luglio 2024": "2024-07-16",
		"2025-03-21": "2025-03-21", "31/02/2025": "", "2025-13-01": "", "domani": "", "1/1/25": ""} {
		got, ok := parseRegisterDate(in)
		require.Equal(t, want, got, in)
		require.Equal(t, want != "", ok, in)
	}
	// The columns win over the notes; the start is the signing date; the duration comes
	// from the end.
	term := registerTerm{EndDate: "2025-12-31", SignedOn: "2025-01-01"}.merge(registerTerm{SignedOn: "2024-01-01", ExtensionMonths: 6})
	require.Equal(t, registerTerm{SignedOn: "2025-01-01", StartDate: "2025-01-01", EndDate: "2025-12-31", DurationMonths: 12, ExtensionMonths: 6}, term)
}

func TestRegisterDateColumns(t *testing.T) {
	csv := "Id,Titolo proposta,Stato di avanzamento,Indirizzo,Data stipula,Data inizio,Data fine,Durata,Proroga,Nota per attività conclusive\n" +
		"201,Orti,Patto stipulato,Via Roma 1,10/01/2026,01/02/2026,31/01/2027,,6 mesi,Patto stipulato il 05/01/2026\n" +
		"202,Aiuole,Patto stipulato,Via Roma 2,,,,2 anni,,\n" +
		"203,Panchine,Patto stipulato,Via Roma 3,31/02/2026,,,,,\n" +
		"204,Murales,Patto stipulato,Via Roma 4,,,,dodici,,\n" +
		"205,Scale,Istruttoria in corso,Via Roma 5,01/03/2026,,,12,,\n"
	rows, skipped, err := ReadRegister(strings.NewReader(csv))
	require.NoError(t, err)
	require.Len(t, rows, 3)
	require.Equal(t, registerTerm{SignedOn: "2026-01-10", StartDate: "2026-02-01", EndDate: "2027-01-31", DurationMonths: 12, ExtensionMonths: 6}, rows[0].Term)
	require.Equal(t, int64(24), rows[1].Term.DurationMonths)
	require.Len(t, skipped, 2)
	require.Equal(t, "203", skipped[0].ID)
	require.Contains(t, skipped[0].Reason, `column "Data stipula"`)
	require.Contains(t, skipped[0].Reason, "31/02/2026")
	require.Equal(t, "204", skipped[1].ID)
	require.Contains(t, skipped[1].Reason, `column "Durata"`)

	st := openStore(t)
	_, err = ImportRegister(ctx, st, rows, by(0))
	require.NoError(t, err)
	p, err := PactBySourceID(st.DB(), "201")
	require.NoError(t, err)
	require.Equal(t, "2026-02-01", p.StartDate)
	require.Equal(t, int64(12), p.DurationMonths)
	require.Equal(t, int64(6), p.ExtensionMonths)
	p, err = PactBySourceID(st.DB(), "205")
	require.NoError(t, err)
	require.Empty(t, p.StartDate, "a pact under review has no term yet, whatever the row says")
	require.Zero(t, p.DurationMonths)
}

// TestPalermoImportTermsPartyAndPlaces imports the real Palermo register (the copy in
// testdata is /work/shared/data/palermo/pacts-register.csv byte for byte).
func TestPalermoImportTermsPartyAndPlaces(t *testing.T) {
	f, err := os.Open(palermoCSV(t))
	require.NoError(t, err)
	rows, _, err := ReadRegister(f)
	f.Close()
	require.NoError(t, err)
	st := openStore(t)
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		for k, v := range map[string]string{SettingName + ".it": "Comune di Palermo", SettingOfficer: "Dirigente dell'Ufficio Rigenerazione Urbana",
			SettingFiscalCode: "80016350821"} {
			if err := tx.PutSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	}))
	_, err = ImportRegister(ctx, st, rows, by(0))
	require.NoError(t, err)

	// Start dates and the extension recognised in the notes of signed pacts.
	want := map[string]struct {
		start string
		ext   int64
	}{"004": {"2024-07-16", 6}, "007": {"2024-05-06", 0}, "010": {"2025-10-20", 0}, "012": {"2025-03-21", 0},
		"027": {"2025-04-24", 0}, "031": {"2024-07-16", 0}, "054": {"2025-09-08", 0}}
	notes := map[string]string{}
	for _, r := range rows {
		notes[r.ID] = r.Notes
	}
	ps, err := ListPacts(st.DB())
	require.NoError(t, err)
	require.Len(t, ps, 73)
	for _, p := range ps {
		w := want[p.SourceID]
		require.Equal(t, w.start, p.StartDate, p.SourceID)
		require.Equal(t, w.ext, p.ExtensionMonths, p.SourceID)
		require.Equal(t, notes[p.SourceID], p.Notes, "%s: the notes are kept whole", p.SourceID)
		parties, err := PartiesOf(st.DB(), p.ID)
		require.NoError(t, err)
		require.Equal(t, RoleMunicipality, parties[0].Role, p.SourceID)
		require.Equal(t, "Comune di Palermo", parties[0].Name)
		require.Equal(t, "Dirigente dell'Ufficio Rigenerazione Urbana", parties[0].Representative)
		require.Equal(t, "80016350821", parties[0].FiscalCode)
	}
	p, err := PactBySourceID(st.DB(), "004")
	require.NoError(t, err)
	require.Equal(t, "", EndDate(p, false), "no duration in the register: no end either")

	// One Piazza Magione, linked to its three pacts.
	require.Equal(t, 1, count(t, st, "SELECT count(*) FROM assets WHERE name = 'Piazza Magione' AND deleted = 0"))
	var linked []string
	require.NoError(t, st.DB().Select(&linked, `SELECT p.source_id FROM pact_assets pa JOIN pacts p ON p.id = pa.pact_id
		JOIN assets a ON a.id = pa.asset_id WHERE a.name = 'Piazza Magione' ORDER BY p.source_id`))
	require.Equal(t, []string{"009", "051", "065"}, linked)
	require.Equal(t, 64, count(t, st, "SELECT count(*) FROM assets"))

	// The references came from the counters.
	require.Equal(t, 64, count(t, st, "SELECT n FROM ref_counters WHERE tbl = 'assets' AND prefix = 'ASSET-'"))
	require.Equal(t, 73, count(t, st, "SELECT n FROM ref_counters WHERE tbl = 'pacts'"))

	// Re-import: nothing changes, nothing is duplicated.
	res, err := ImportRegister(ctx, st, rows, by(1))
	require.NoError(t, err)
	require.Equal(t, ImportResult{Unchanged: 73, Skipped: []Skipped{}}, res)
	require.Equal(t, 146, count(t, st, "SELECT count(*) FROM pact_parties"))
	require.Equal(t, 64, count(t, st, "SELECT count(*) FROM assets"))
	require.Equal(t, 73, count(t, st, "SELECT count(*) FROM pact_assets"))

	// An officer's correction of a start date survives a re-import.
	require.NoError(t, st.Update(ctx, func(tx *model.Tx) error {
		q := p
		q.StartDate = "2024-08-01"
		return tx.Put(&q)
	}))
	_, err = ImportRegister(ctx, st, rows, by(2))
	require.NoError(t, err)
	p, err = PactBySourceID(st.DB(), "004")
	require.NoError(t, err)
	require.Equal(t, "2024-08-01", p.StartDate)
}
