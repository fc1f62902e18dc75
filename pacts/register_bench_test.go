package pacts

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pacta/model"
)

// writeBenchRegister writes a Palermo-shaped register of n rows: every status, proponent
// types, coordinates, notes with dates and extensions, and pairs of rows on one place.
func writeBenchRegister(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Id,Lat.,Long.,Indirizzo,UPL,Quartiere,Circoscrizione,Ambiti di azione,Coordinate,Proponente,Titolo proposta,Rappresentante,Stato di avanzamento,Nota per attività conclusive,Scarica il Patto")
	statuses := []string{"Istruttoria in corso", "In attesa di integrazione", "Respinta", "Patto stipulato", "Proroga e/o Monitoraggio", "Archiviata"}
	cats := []string{"Cura di aree pedonali e collocazione di arredi", "Azioni immateriali", "Cura di spazi verdi", "Riqualificazione di immobili"}
	for i := 0; i < n; i++ {
		lat, lon := 38.05+float64(i%997)/10000, 13.25+float64(i%991)/10000
		fmt.Fprintf(w, "B%05d,%.6f,%.6f,Via Prova %d,UPL %d,Quartiere %d,%d,%s,\"%.6f, %.6f\",Associazione,Progetto %d,Associazione Prova %d,%s,\"Patto stipulato con D.D. n. %d del %02d/%02d/2025. Proroga di 6 mesi.\",\n",
			i, lat, lon, i/2, i%40, i%30, i%8+1, cats[i%len(cats)], lat, lon, i, i, statuses[i%len(statuses)], 1000+i, i%28+1, i%12+1)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// benchWorkspace makes a workspace file holding n registry assets (none from the register).
func benchWorkspace(tb testing.TB, path string, n int) {
	tb.Helper()
	st, err := model.Open(path, model.Options{Device: "dev-bench"})
	if err != nil {
		tb.Fatal(err)
	}
	err = st.Update(ctx, func(tx *model.Tx) error {
		if err := tx.PutSetting(model.SettingMunicipality, "Comune di Palermo"); err != nil {
			return err
		}
		batch := make([]model.Entity, 0, 1000)
		for i := 1; i <= n; i++ {
			lat, lon := 38.0+float64(i%1000)/5000, 13.2+float64(i%1009)/5000
			batch = append(batch, &model.Asset{Ref: fmt.Sprintf("ASSET-%04d", i), Kind: "square", Name: fmt.Sprintf("Bene %d", i),
				Address: fmt.Sprintf("Via Registro %d", i), District: fmt.Sprintf("Quartiere %d", i%30), Lat: &lat, Lon: &lon,
				SourceID: fmt.Sprintf("S%06d", i)})
			if len(batch) == cap(batch) || i == n {
				if err := tx.InsertAll(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		return nil
	})
	if err == nil {
		err = st.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkImportRegister5000 imports the same 5,000 register rows (read from the CSV, as
// `pacta import register` does) into an empty workspace and into one of 100,000 assets,
// in turn in each iteration, and reports both times and their ratio (target: ≤ 2×).
func BenchmarkImportRegister5000(b *testing.B) {
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "register.csv")
	writeBenchRegister(b, csvPath, 5000)
	empty, full := filepath.Join(dir, "empty.db"), filepath.Join(dir, "full.db")
	benchWorkspace(b, empty, 0)
	benchWorkspace(b, full, 100_000)

	var took [2]time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, tmpl := range []string{empty, full} {
			b.StopTimer()
			work := filepath.Join(dir, fmt.Sprintf("work%d.db", k))
			for _, sfx := range []string{"", "-wal", "-shm"} {
				os.Remove(work + sfx)
			}
			copyFile(b, tmpl, work)
			st, err := model.Open(work, model.Options{Device: "dev-bench"})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			f, err := os.Open(csvPath)
			if err != nil {
				b.Fatal(err)
			}
			rows, _, err := ReadRegister(f)
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			res, err := ImportRegister(ctx, st, rows, By{Actor: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			took[k] += time.Since(start)
			b.StopTimer()
			if res.Created != 5000 {
				b.Fatalf("created %d pacts, want 5000", res.Created)
			}
			st.Close()
			b.StartTimer()
		}
	}
	b.ReportMetric(float64(took[0].Milliseconds())/float64(b.N), "ms_empty")
	b.ReportMetric(float64(took[1].Milliseconds())/float64(b.N), "ms_100k")
	b.ReportMetric(float64(took[1])/float64(took[0]), "ratio")
}
