package pacts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/model"
)

func palermoCSV(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "testdata", "palermo", "pacts-register.csv") // see its README
	_, err := os.Stat(p)
	require.NoError(t, err, "the Palermo register is kept in the repository")
	return p
}

func count(t *testing.T, st *model.Store, q string) int {
	t.Helper()
	var n int
	require.NoError(t, st.DB().Get(&n, q))
	return n
}

func TestPalermoImport(t *testing.T) {
	f, err := os.Open(palermoCSV(t))
	require.NoError(t, err)
	defer f.Close()
	rows, skipped, err := ReadRegister(f)
	require.NoError(t, err)
	require.Empty(t, skipped)
	require.Len(t, rows, 73)

	st := openStore(t)
	res, err := ImportRegister(ctx, st, rows, by(0))
	require.NoError(t, err)
	require.Equal(t, 73, res.Created)
	require.Equal(t, 64, res.AssetsCreated, "eight places named by 17 rows are one asset each")
	counts, err := PactCountsByStatus(st.DB())
	require.NoError(t, err)
	require.Equal(t, map[string]int{Signed: 24, InReview: 21, Archived: 18, Rejected: 8, AwaitingInfo: 2}, counts)

	// Row 004: Una strada parlante, Per esempio Onlus, its notes and its place.
	p, err := PactBySourceID(st.DB(), "004")
	require.NoError(t, err)
	require.Equal(t, "Una strada parlante", p.Title, "trailing space trimmed")
	require.Contains(t, p.Notes, "proroga di 6 mesi")
	require.Equal(t, "Riqualificazione di spazi urbani per attività socio culturali", p.Category)
	require.Equal(t, "https://palermohub.github.io/Dashboard-Monitoraggio/patti/patto_004.pdf", p.DocumentURL)
	d, err := Load(st.DB(), p.ID)
	require.NoError(t, err)
	require.Len(t, d.Parties, 2)
	require.Equal(t, RoleMunicipality, d.Parties[0].Role)
	require.Equal(t, "Comune di Palermo", d.Parties[0].Name)
	require.Equal(t, "Per esempio Onlus", d.Parties[1].Name)
	require.Equal(t, "association", d.Parties[1].Type)
	require.True(t, d.Parties[1].SocialEconomy)
	require.Len(t, d.Assets, 1)
	a := d.Assets[0]
	require.Equal(t, "Area di Ballarò", a.Address)
	require.Equal(t, "Palazzo Reale - Monte di Pietà", a.District)
	require.Equal(t, "004", a.SourceID)
	require.InDelta(t, 38.11252695, *a.Lat, 1e-7)
	require.InDelta(t, 13.35856559, *a.Lon, 1e-7)
	require.True(t, strings.HasPrefix(a.Ref, "ASSET-"))
	require.Len(t, d.Transitions, 1)
	require.Contains(t, d.Transitions[0].Reason, "register, row 004")

	// Category values differing by case and trailing spaces become one.
	var types []string
	require.NoError(t, st.DB().Select(&types, "SELECT DISTINCT type FROM pact_parties WHERE role = 'proponent' ORDER BY type"))
	require.Equal(t, []string{"", "association", "committee", "company", "informal_group", "person", "school"}, types)
	require.Equal(t, 26, count(t, st, "SELECT count(*) FROM pact_parties WHERE type = 'company'"))
	require.Equal(t, 8, count(t, st, "SELECT count(*) FROM pact_parties WHERE type = 'informal_group'"))
	require.Equal(t, 7, count(t, st, "SELECT count(*) FROM pacts WHERE immaterial = 1"))
	require.Equal(t, 4, count(t, st, "SELECT count(*) FROM pacts WHERE kind = 'complex'"))

	// Re-import: nothing new, nothing duplicated.
	res, err = ImportRegister(ctx, st, rows, by(1))
	require.NoError(t, err)
	require.Equal(t, ImportResult{Unchanged: 73, Skipped: []Skipped{}}, res)
	for table, want := range map[string]int{"pacts": 73, "assets": 64, "pact_parties": 146, "pact_assets": 73, "pact_transitions": 73} {
		require.Equal(t, want, count(t, st, "SELECT count(*) FROM "+table+" WHERE deleted = 0"), table)
	}

	// A later register with a changed status updates the pact and records the transition.
	rows[3].Status = Extended
	res, err = ImportRegister(ctx, st, rows, by(2))
	require.NoError(t, err)
	require.Equal(t, 1, res.Updated)
	d, err = Load(st.DB(), p.ID)
	require.NoError(t, err)
	require.Equal(t, Extended, d.Pact.Status)
	require.Len(t, d.Transitions, 2)
	require.Equal(t, Signed, d.Transitions[1].FromStatus)
}

func TestReadRegisterMessyInput(t *testing.T) {
	csv := "\xEF\xBB\xBFId,Lat.,Long.,Indirizzo,Quartiere,Ambiti di azione,Coordinate,Proponente,Titolo proposta,Rappresentante,Stato di avanzamento,Nota per attività conclusive,googlemaps \n" +
		`101,,,"Via Maqueda, 10",Kalsa,"Cura di spazi verdi e arredi ","38.1150, 13.3620",Gruppo Informale ,"Giardino ""Àncora""",Vicini,Patto stipulato,"nota, con virgola"` + "\n" +
		`102,38.1,13.3,Piazza,,,,,Titolo,,Sconosciuto,,` + "\n" +
		`,38.1,13.3,Piazza,,,,,Titolo,,Respinta,,` + "\n" +
		`103,38.1,13.3,Piazza,,,,Marziani,Titolo,,Respinta,,` + "\n" +
		`101,38.1,13.3,Piazza,,,,,Doppio,,Respinta,,` + "\n" +
		`104,abc,def,Piazza,,,,,Senza coordinate,,In attesa di integrazione,,` + "\n"
	rows, skipped, err := ReadRegister(strings.NewReader(csv))
	require.NoError(t, err)
	require.Len(t, rows, 2)
	r := rows[0]
	require.Equal(t, "101", r.ID)
	require.Equal(t, `Giardino "Àncora"`, r.Title)
	require.Equal(t, "Via Maqueda, 10", r.Address)
	require.Equal(t, "Cura di spazi verdi e arredi", r.Category)
	require.Equal(t, "informal_group", r.ProponentType)
	require.Equal(t, Signed, r.Status)
	require.Equal(t, "nota, con virgola", r.Notes)
	require.InDelta(t, 38.115, *r.Lat, 1e-9, "taken from the quoted \"lat, long\" cell")
	require.InDelta(t, 13.362, *r.Lon, 1e-9)
	require.Nil(t, rows[1].Lat, "no usable coordinates")
	require.Equal(t, AwaitingInfo, rows[1].Status)
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[s.ID] = s.Reason
	}
	require.Len(t, skipped, 4)
	require.Contains(t, reasons["102"], "Sconosciuto")
	require.Contains(t, reasons[""], "Id cell is empty")
	require.Contains(t, reasons["103"], "Marziani")
	require.Contains(t, reasons["101"], "twice")

	_, _, err = ReadRegister(strings.NewReader("Nome,Cognome\nA,B\n"))
	require.ErrorContains(t, err, `column "id" is missing`)
	_, _, err = ReadRegister(strings.NewReader(""))
	require.ErrorContains(t, err, "no header row")
}
