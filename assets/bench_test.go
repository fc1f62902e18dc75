package assets

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pacta/model"
)

// writeRegisterCSV writes a realistic register of n commons: Italian and Spanish names with
// accents, thirty districts, coordinates around Palermo, a source id per row.
func writeRegisterCSV(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewSource(42))
	prefixes := []string{"Piazza", "Via", "Giardino", "Parco", "Scuola", "Portico", "Plaza", "Parque", "Bosco", "Fiume"}
	words := []string{"Città", "Niño", "Ballarò", "Libertà", "Señora", "Garibaldi", "Magione", "Università", "Cortile", "Sant'Anna", "Montaña", "Verdi"}
	kinds := model.AssetKinds
	fmt.Fprintln(w, "Id,Titolo proposta,Indirizzo,Quartiere,Tipo,Lat.,Long.,Ambiti di azione")
	for i := 0; i < n; i++ {
		p, a, b := prefixes[r.Intn(len(prefixes))], words[r.Intn(len(words))], words[r.Intn(len(words))]
		fmt.Fprintf(w, "S%06d,%s %s %d,\"Via %s %d, Palermo\",Quartiere %02d,%s,%.6f,%.6f,\"cura, %s\"\n",
			i, p, a, i, b, r.Intn(300), r.Intn(30), kinds[r.Intn(len(kinds))], 38.05+r.Float64()*0.15, 13.25+r.Float64()*0.15, a)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
}

// peakHeap samples the heap while f runs.
func peakHeap(f func()) (peak uint64, total uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	start := ms.TotalAlloc
	var max atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > max.Load() {
				max.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	runtime.ReadMemStats(&ms)
	return max.Load(), ms.TotalAlloc - start
}

const benchRows = 100_000

// BenchmarkRegistry100k imports a generated register of 100 000 rows, compares with the
// sqlite3 shell's .import of the same file (into the registry's own table, and into a bare
// one), then times the registry's
// queries on the result. Figures are reported as custom metrics; nothing is asserted.
func BenchmarkRegistry100k(b *testing.B) {
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "register.csv")
	writeRegisterCSV(b, csvPath, benchRows)
	ctx := context.Background()
	var st *model.Store

	b.Run("import", func(b *testing.B) {
		var pactaS, shellS, bareS float64
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			if st != nil {
				st.Close()
			}
			s, err := model.Open(filepath.Join(b.TempDir(), "w.db"), model.Options{Device: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			st = s
			src, err := OpenFile(csvPath)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			var rep ImportReport
			t0 := time.Now()
			peak, total := peakHeap(func() { rep, err = Import(ctx, st, src, ImportOptions{}) })
			el := time.Since(t0)
			if err != nil {
				b.Fatal(err)
			}
			if rep.New != benchRows {
				b.Fatalf("imported %d of %d (%d rejected): %+v", rep.New, benchRows, len(rep.Rejected), rep)
			}
			pactaS += el.Seconds()
			b.ReportMetric(float64(peak)/1e6, "peak_heap_MB")
			b.ReportMetric(float64(total)/1e6, "total_alloc_MB")
			// The shell's time is the median of three runs: on a shared machine one run
			// of a second varies by a fifth.
			if sq, err := medianShell(dir, csvPath, true); err == nil {
				shellS += sq.Seconds()
				if bare, err := medianShell(dir, csvPath, false); err == nil {
					bareS += bare.Seconds()
				}
			} else {
				b.Logf("sqlite3 shell not usable, no comparison: %v", err)
			}
		}
		n := float64(b.N)
		b.ReportMetric(pactaS/n, "pacta_s")
		if shellS > 0 {
			b.ReportMetric(shellS/n, "sqlite3_s")
			b.ReportMetric(pactaS/shellS, "ratio")
		}
		if bareS > 0 {
			b.ReportMetric(bareS/n, "sqlite3_bare_s")
			b.ReportMetric(pactaS/bareS, "ratio_bare")
		}
	})
	if st == nil {
		b.Skip("no store")
	}
	defer st.Close()
	db := st.DB()
	timeQuery := func(b *testing.B, unit string, f func() error) {
		const reps = 20
		for i := 0; i < b.N; i++ {
			if err := f(); err != nil { // warm the cache once, as a screen does
				b.Fatal(err)
			}
			t0 := time.Now()
			for j := 0; j < reps; j++ {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(time.Since(t0).Microseconds())/1000/reps, unit)
		}
	}
	b.Run("search_first_page", func(b *testing.B) {
		timeQuery(b, "ms/search", func() error {
			items, err := List(db, Query{Text: "citta garib", Limit: 200})
			if err == nil && len(items) == 0 {
				err = fmt.Errorf("no result")
			}
			return err
		})
	})
	b.Run("search_narrow", func(b *testing.B) {
		timeQuery(b, "ms/search", func() error {
			_, err := List(db, Query{Text: "ballaro 4242", Limit: 200})
			return err
		})
	})
	b.Run("table_first_page", func(b *testing.B) {
		timeQuery(b, "ms/page", func() error {
			_, err := List(db, Query{Sort: "name", Limit: 200})
			return err
		})
	})
	b.Run("table_page_sorted_by_availability_deep", func(b *testing.B) {
		timeQuery(b, "ms/page", func() error {
			_, err := List(db, Query{Sort: "availability", Desc: true, Limit: 200, Offset: 50_000})
			return err
		})
	})
	// What the table does now: the ordered keys once per sort or filter, then each page by
	// its keys, deep or not.
	keys, err := Keys(db, Query{Sort: "availability", Desc: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("keys_sorted_by_availability", func(b *testing.B) {
		timeQuery(b, "ms/sort", func() error {
			_, err := Keys(db, Query{Sort: "availability", Desc: true})
			return err
		})
	})
	b.Run("page_by_keys_first", func(b *testing.B) {
		timeQuery(b, "ms/page", func() error {
			_, err := ListKeys(db, keys[:200])
			return err
		})
	})
	b.Run("page_by_keys_deep", func(b *testing.B) {
		timeQuery(b, "ms/page", func() error {
			_, err := ListKeys(db, keys[50_000:50_200])
			return err
		})
	})
	b.Run("table_count_filtered", func(b *testing.B) {
		timeQuery(b, "ms/count", func() error {
			_, err := Count(db, Query{Kind: "square", Availability: "available"})
			return err
		})
	})
}

// medianShell is the median time of three sqliteImport runs.
func medianShell(dir, csvPath string, equivalent bool) (time.Duration, error) {
	var ts []time.Duration
	for i := 0; i < 3; i++ {
		t, err := sqliteImport(dir, csvPath, equivalent)
		if err != nil {
			return 0, err
		}
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[1], nil
}

// sqliteImport times the sqlite3 shell importing the same CSV. With equivalent, the rows
// go into a table equivalent to the registry's: Pacta's own assets table, with its indexes
// and its search index, filled the way the import fills it (a staging table, then one
// INSERT … SELECT, the search index built in one statement at the end), in one
// transaction; what the shell does not do is Pacta's own work: validation, references,
// the change log and the field clocks. Without equivalent, the rows go into a bare table
// of eight columns with no index, the cheapest import there is.
func sqliteImport(dir, csvPath string, equivalent bool) (time.Duration, error) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return 0, err
	}
	db := filepath.Join(dir, "shell.db")
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		os.Remove(f)
	}
	script := ".import --csv --skip 1 " + csvPath + " register\n"
	if equivalent {
		st, err := model.Open(db, model.Options{Device: "shell"})
		if err != nil {
			return 0, err
		}
		st.Close()
		script = `PRAGMA cache_size = -65536;
BEGIN;
CREATE TEMP TABLE register(id TEXT, name TEXT, address TEXT, district TEXT, kind TEXT, lat REAL, lon REAL, tags TEXT);
.import --csv --skip 1 ` + csvPath + ` register
INSERT INTO meta(key, value) VALUES('assets.fts.deferred', '1');
INSERT INTO assets(id, ref, name, address, district, kind, lat, lon, tags, source_id, designated, availability)
  SELECT printf('%032x', rowid), printf('ASSET-%06d', rowid), name, address, district, kind, lat, lon, tags, id, 1, 'available' FROM register;
INSERT INTO assets_fts(docid, ref, name, description, address, district, municipality, region, territory, tags)
  SELECT rowid, ref, name, description, address, district, municipality, region, territory, tags FROM assets;
DELETE FROM meta WHERE key = 'assets.fts.deferred';
COMMIT;
`
	} else {
		schema := `CREATE TABLE register(id TEXT, name TEXT, address TEXT, district TEXT, kind TEXT, lat REAL, lon REAL, tags TEXT);`
		if out, err := exec.Command("sqlite3", db, schema).CombinedOutput(); err != nil {
			return 0, fmt.Errorf("%v: %s", err, out)
		}
	}
	cmd := exec.Command("sqlite3", db)
	cmd.Stdin = strings.NewReader(script)
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	el := time.Since(t0)
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		return 0, fmt.Errorf("sqlite3: %v: %s", err, out)
	}
	return el, nil
}
